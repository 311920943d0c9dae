package io.paycli.core.notify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One JSON POST with the JDK's HTTP client, bounded by the timeout from connect to the last byte of the answer. Its
 * failures say what happened in words that hold no part of the URL.
 */
final class WebPost {
    private final HttpClient http;
    private final Duration timeout;

    WebPost(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /** Posts {@code body} to the URL; {@code urlSource} names where the URL came from, for a URL that is no URL. */
    void post(String url, String urlSource, String body, Map<String, String> headers, Secrets secrets)
            throws SendFailure {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new SendFailure(urlSource + " is not a valid URL", false);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new SendFailure(urlSource + " is not an http or https URL", false);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "paycli")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new SendFailure("could not connect within " + Message.duration(timeout.toMillis()), true);
        } catch (HttpTimeoutException e) {
            throw new SendFailure("no answer within " + Message.duration(timeout.toMillis()), true);
        } catch (ConnectException e) {
            throw new SendFailure("could not connect" + (e.getMessage() == null ? ""
                    : " (" + secrets.redact(e.getMessage()) + ")"), true);
        } catch (IOException e) {
            throw new SendFailure(e.getClass().getSimpleName() + ": " + secrets.redact(String.valueOf(e.getMessage())),
                    true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailure("interrupted", true);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String answer = response.body() == null ? "" : response.body().strip();
        answer = answer.length() > 120 ? answer.substring(0, 120) + "..." : answer;
        String what = "HTTP " + status + (answer.isEmpty() ? "" : " " + secrets.redact(answer.replaceAll("\\s+", " ")));
        boolean retryable = status >= 500 || status == 408 || status == 429;
        throw new SendFailure(retryable ? what : "rejected with " + what, retryable);
    }
}
