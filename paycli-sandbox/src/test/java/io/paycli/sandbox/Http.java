package io.paycli.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Raw HTTP against the sandbox, for what a typed client hides: codes, headers, content types. */
final class Http {

    record Reply(int code, String body, HttpResponse<String> response) {
        Map<String, Object> json() {
            return Json.parse(body);
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    Http(String url) {
        this.url = url;
    }

    Reply get(String path) throws Exception {
        return send("GET", path, null, null);
    }

    Reply get(String path, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).header("Accept", accept).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response);
    }

    Reply post(String path, String body) throws Exception {
        return send("POST", path, "application/json", body);
    }

    Reply put(String path, String body) throws Exception {
        return send("PUT", path, "application/json", body);
    }

    Reply apply(String path, String manager, boolean force, String body) throws Exception {
        String query = (path.contains("?") ? "&" : "?") + "fieldManager=" + manager + (force ? "&force=true" : "");
        return send("PATCH", path + query, "application/apply-patch+yaml", body);
    }

    Reply delete(String path) throws Exception {
        return send("DELETE", path, null, null);
    }

    Reply send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(20))
                .header("User-Agent", "paycli-test/1.0");
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response);
    }
}
