package io.paycli.agent.client;

import io.paycli.agent.auth.RequestSigner;
import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.error.PaycliException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's API as CI calls it, every request signed. Refusals (401, 403) become {@link AgentRefusedException}
 * (exit 4) and a refused bundle (400) {@link InvalidInputException} (exit 3), with the agent's own sentence;
 * a cut connection is an IOException, for the caller to reattach.
 */
public final class AgentClient {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI agent;
    private final RequestSigner signer;
    private final HttpClient http;
    private final Duration timeout;

    public AgentClient(URI agent, RequestSigner signer, Duration timeout) {
        this.agent = agent;
        this.signer = signer;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Submits a deploy bundle; the same idempotency key always names the same job, however often it is sent. */
    public JobView submit(byte[] bundle, String env, String tag, boolean dryRun, String idempotencyKey)
            throws IOException, InterruptedException {
        String path = "/api/v1/deployments?env=" + encode(env) + "&tag=" + encode(tag) + (dryRun ? "&dryRun=true" : "");
        HttpRequest.Builder request = signed("POST", path, bundle).header("Content-Type", "application/gzip")
                .header(IDEMPOTENCY_KEY, idempotencyKey).POST(HttpRequest.BodyPublishers.ofByteArray(bundle));
        return JobView.of(json(send(request.build(), path)));
    }

    /** Asks the agent to cancel a job: a waiting one ends at once, a running one takes the deploy's stop path. */
    public JobView cancel(String id) throws IOException, InterruptedException {
        String path = "/api/v1/deployments/" + encode(id) + "/cancel";
        return JobView.of(json(send(signed("POST", path, new byte[0]).POST(HttpRequest.BodyPublishers.noBody())
                .build(), path)));
    }

    public JobView status(String id) throws IOException, InterruptedException {
        String path = "/api/v1/deployments/" + encode(id);
        return JobView.of(json(send(signed("GET", path, new byte[0]).GET().build(), path)));
    }

    /**
     * Queues the disaster-recovery restore of what the agent deployed ({@code env} null: every environment), limited
     * to what the client may deploy; follow its log like a deployment's.
     */
    public JobView restore(String env, boolean dryRun, String idempotencyKey) throws IOException,
            InterruptedException {
        String query = (env == null ? "" : "env=" + encode(env)) + (dryRun ? (env == null ? "" : "&") + "dryRun=true"
                : "");
        String path = "/api/v1/restore" + (query.isEmpty() ? "" : "?" + query);
        HttpRequest.Builder request = signed("POST", path, new byte[0]).header(IDEMPOTENCY_KEY, idempotencyKey)
                .POST(HttpRequest.BodyPublishers.noBody());
        return JobView.of(json(send(request.build(), path)));
    }

    /** What the agent last deployed to each app and environment the client may deploy; {@code env} null for all. */
    public List<ReleaseView> releases(String env) throws IOException, InterruptedException {
        String path = "/api/v1/releases" + (env == null ? "" : "?env=" + encode(env));
        List<?> list = JSON.readValue(send(signed("GET", path, new byte[0]).GET().build(), path), List.class);
        return list.stream().map(r -> ReleaseView.of((Map<?, ?>) r)).toList();
    }

    /**
     * Streams the job's log after line {@code after} (0: from the start) until the job ends; each line goes to
     * {@code lines} with its number. Returns normally only at the end event; a cut connection throws.
     */
    public void follow(String id, long after, LogLines lines) throws IOException, InterruptedException {
        String path = "/api/v1/deployments/" + encode(id) + "/log";
        HttpRequest request = signed("GET", path, new byte[0]).header("Accept", "text/event-stream")
                .header("Last-Event-ID", String.valueOf(after)).timeout(Duration.ofDays(1)).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                throw failure(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8), path);
            }
        }
        boolean[] ended = {false};
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            ServerSentEvents.read(in, e -> {
                if ("end".equals(e.type())) {
                    ended[0] = true;
                } else if ("line".equals(e.type()) && e.id() != null) {
                    lines.line(Long.parseLong(e.id()), e.data());
                }
            });
        }
        if (!ended[0]) {
            throw new IOException("the log stream of job " + id + " ended before the job did");
        }
    }

    /** A line of a job's log with its number, for resuming after it. */
    @FunctionalInterface
    public interface LogLines {
        void line(long number, String text);
    }

    private HttpRequest.Builder signed(String method, String path, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(agent.resolve(path)).timeout(timeout);
        signer.headers(method, path, body).forEach(builder::header);
        return builder;
    }

    private String send(HttpRequest request, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw failure(response.statusCode(), response.body(), path);
        }
        return response.body();
    }

    private PaycliException failure(int status, String body, String path) {
        String said = message(body);
        String what = request(path);
        return switch (status) {
            case 401, 403 -> new AgentRefusedException("the agent refused " + what + ": " + said);
            case 400, 413 -> new InvalidInputException("the agent refused " + what + ": " + said);
            case 404 -> new PaycliException(ExitCodes.INVALID_INPUT, "the agent has no " + what + ": " + said);
            default -> new PaycliException(ExitCodes.CLUSTER, "the agent answered " + what + " with HTTP " + status
                    + ": " + said);
        };
    }

    private static String request(String path) {
        if (path.startsWith("/api/v1/restore")) {
            return "the restore";
        }
        if (path.startsWith("/api/v1/releases")) {
            return "the releases list";
        }
        return path.startsWith("/api/v1/deployments?") ? "the deployment" : path.replace("/api/v1/", "");
    }

    private static String message(String body) {
        try {
            Object error = json(body).get("error");
            return error != null ? String.valueOf(error) : body.strip();
        } catch (RuntimeException e) {
            return body == null || body.isBlank() ? "no reason given" : body.strip();
        }
    }

    private static Map<?, ?> json(String body) {
        return JSON.readValue(body, Map.class);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** What went wrong on the connection, in words: the JDK's client often says only its exception's name. */
    public static String describe(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
