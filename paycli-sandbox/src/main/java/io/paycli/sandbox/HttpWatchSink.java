package io.paycli.sandbox;

import io.vertx.core.http.HttpServerResponse;

/** A watch streamed as a chunked HTTP response, one JSON event per line, as kubectl and client-go read it. */
final class HttpWatchSink implements WatchHub.Sink {

    private final HttpServerResponse response;
    private boolean started;

    HttpWatchSink(HttpServerResponse response) {
        this.response = response;
    }

    /** Sends the head at once, so the client sees the watch established before the first event. */
    synchronized void start() {
        if (!started) {
            started = true;
            response.setStatusCode(200);
            response.setChunked(true);
            response.putHeader("Content-Type", "application/json");
            response.putHeader("Transfer-Encoding", "chunked");
            response.writeHead();
        }
    }

    @Override
    public synchronized void send(String json) {
        start();
        if (!response.ended() && !response.closed()) {
            response.write(json);
        }
    }

    @Override
    public synchronized void close() {
        start();
        if (!response.ended() && !response.closed()) {
            response.end();
        }
    }

    @Override
    public void onClose(Runnable action) {
        response.closeHandler(v -> action.run());
        response.endHandler(v -> action.run());
    }
}
