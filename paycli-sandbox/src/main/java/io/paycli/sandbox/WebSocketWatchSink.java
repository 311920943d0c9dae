package io.paycli.sandbox;

import io.vertx.core.http.ServerWebSocket;

/** A watch over a WebSocket, one event per text frame, the way the fabric8 client watches. */
final class WebSocketWatchSink implements WatchHub.Sink {

    private final ServerWebSocket socket;
    private volatile boolean closed;

    WebSocketWatchSink(ServerWebSocket socket) {
        this.socket = socket;
    }

    @Override
    public void send(String json) {
        if (!closed) {
            socket.writeTextMessage(json.strip());
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            socket.close();
        }
    }

    @Override
    public void onClose(Runnable action) {
        socket.closeHandler(v -> {
            closed = true;
            action.run();
        });
    }
}
