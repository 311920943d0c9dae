package io.paycli.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;

/**
 * The HTTP side of the sandbox: counts requests, applies injected faults, and sends each request to discovery,
 * a watch or the API handler. Watches stream (chunked HTTP, or a WebSocket for clients that upgrade), which the
 * mock web server's own front cannot do.
 */
final class HttpFront implements Handler<HttpServerRequest> {

    private final Vertx vertx;
    private final Discovery discovery;
    private final ApiHandler api;
    private final WatchHub watches;
    private final Faults faults;
    private final RequestCounter counter;
    private final AccessControl access;
    private final StateWrites writes;

    HttpFront(Vertx vertx, Discovery discovery, ApiHandler api, WatchHub watches, Faults faults,
            RequestCounter counter, AccessControl access, StateWrites writes) {
        this.access = access;
        this.writes = writes;
        this.vertx = vertx;
        this.discovery = discovery;
        this.api = api;
        this.watches = watches;
        this.faults = faults;
        this.counter = counter;
    }

    @Override
    public void handle(HttpServerRequest http) {
        String upgrade = http.getHeader("Upgrade");
        if (upgrade != null && upgrade.toLowerCase(java.util.Locale.ROOT).contains("websocket")) {
            // The upgrade has to happen before the request is read.
            ApiRequest request = toRequest(http, "");
            counter.record(request);
            ApiResponse refused = access.check(request, ResourcePath.parse(request.path()));
            Faults.Fault fault = refused != null ? null : faults.take(request, ResourcePath.parse(request.path()));
            if (fault != null && !fault.drop()) {
                // Refused before the upgrade, as kube-apiserver refuses a watch it does not authorise.
                refused = ApiResponse.status(fault.status(), fault.reason(), fault.message());
            }
            if (refused != null) {
                send(http.response(), refused);
                return;
            }
            http.toWebSocket().onSuccess(ws -> vertx.executeBlocking(() -> {
                serveWebSocket(request, ws);
                return null;
            }, false)).onFailure(e -> {
                // The client went away during the handshake; there is nobody to answer.
            });
            return;
        }
        http.body().onSuccess(body -> {
            ApiRequest request = toRequest(http, text(http, body));
            counter.record(request);
            vertx.executeBlocking(() -> {
                serve(request, http.response());
                return null;
            }, false).onFailure(e -> send(http.response(), ApiResponse.status(500, "InternalError",
                    "sandbox failure: " + e)));
        }).onFailure(e -> {
            if (!http.response().ended() && !http.response().closed()) {
                send(http.response(), ApiResponse.status(400, "BadRequest", "cannot read the request body: " + e));
            }
        });
    }

    private void serve(ApiRequest request, HttpServerResponse response) {
        if (request.method().equals("GET") && request.path().equals(StateWrites.PATH)) {
            send(response, writes.answer());
            return;
        }
        if (!request.body().isEmpty() && request.mediaType().contains("protobuf")) {
            send(response, ApiResponse.status(415, "UnsupportedMediaType",
                    "the body of the request was in an unknown format - accepted media types include: application/json, "
                            + "application/yaml, application/apply-patch+yaml, application/merge-patch+json, "
                            + "application/strategic-merge-patch+json, application/json-patch+json"));
            return;
        }
        ResourcePath at = ResourcePath.parse(request.path());
        ApiResponse refused = access.check(request, at);
        if (refused != null) {
            send(response, refused);
            return;
        }
        Faults.Fault fault = faults.take(request, at);
        if (fault != null && !fault.drop()) {
            ApiResponse failed = ApiResponse.status(fault.status(), fault.reason(), fault.message());
            if (fault.retryAfterSeconds() != null) {
                failed = new ApiResponse(failed.code(), failed.body(),
                        Map.of("Retry-After", String.valueOf(fault.retryAfterSeconds())));
            }
            send(response, failed);
            return;
        }
        ApiResponse answer = answer(request, at, response);
        if (answer == null) {
            return;
        }
        writes.record(request, answer.code());
        if (fault != null) {
            dropHalfway(response, answer);
        } else {
            send(response, answer);
        }
    }

    /** The answer to send, or null when a watch took over the response. */
    private ApiResponse answer(ApiRequest request, ResourcePath at, HttpServerResponse response) {
        ApiResponse discovered = discovery.answer(request);
        if (discovered != null) {
            return discovered;
        }
        ApiResponse reviewed = access.review(request);
        if (reviewed != null) {
            return reviewed;
        }
        if (at == null) {
            return ApiHandler.notFound();
        }
        Optional<ResourceType> type = api.typeOf(at);
        if (type.isEmpty()) {
            return ApiHandler.notFound();
        }
        if (request.isWatch()) {
            HttpWatchSink sink = new HttpWatchSink(response);
            try {
                watches.open(request, type.get(), at, sink);
            } catch (ApiException e) {
                return ApiResponse.error(e);
            }
            sink.start();
            return null;
        }
        return api.handle(request, at, type.get());
    }

    private void serveWebSocket(ApiRequest request, ServerWebSocket ws) {
        ResourcePath at = ResourcePath.parse(request.path());
        Optional<ResourceType> type = at == null ? Optional.empty() : api.typeOf(at);
        if (type.isEmpty() || !request.isWatch()) {
            ws.close((short) 1008, "only watches are served over WebSocket");
            return;
        }
        try {
            watches.open(request, type.get(), at, new WebSocketWatchSink(ws));
        } catch (ApiException e) {
            ws.close((short) 1008, e.getMessage());
        }
    }

    private static void send(HttpServerResponse response, ApiResponse answer) {
        response.setStatusCode(answer.code());
        response.putHeader("Content-Type", "application/json");
        response.putHeader("Date", date());
        answer.headers().forEach(response::putHeader);
        response.end(answer.body());
    }

    /** The server's time, as every answer of a real API server carries it. */
    private static String date() {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    /** Sends the head and half of the body, then cuts the connection. */
    private static void dropHalfway(HttpServerResponse response, ApiResponse answer) {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(answer.code());
        response.putHeader("Content-Type", "application/json");
        response.putHeader("Content-Length", String.valueOf(body.length));
        response.write(Buffer.buffer(java.util.Arrays.copyOf(body, body.length / 2)))
                .onComplete(done -> response.reset());
    }

    /** The body as JSON text; a protobuf Namespace or self review (from kubectl) is translated, other protobuf kept. */
    private static String text(HttpServerRequest http, Buffer body) {
        String type = http.getHeader("Content-Type");
        if (type != null && type.contains("protobuf") && body.length() > 0) {
            Map<String, Object> namespace = ProtobufBody.json(body.getBytes());
            if (namespace != null) {
                http.headers().set("Content-Type", "application/json");
                return Json.write(namespace);
            }
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static ApiRequest toRequest(HttpServerRequest http, String body) {
        return ApiRequest.of(http.method().name(), http.uri(), http.getHeader("Content-Type"),
                http.getHeader("Accept"), http.getHeader("User-Agent"), body, http.getHeader("Authorization"));
    }
}
