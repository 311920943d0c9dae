package io.paycli.agent.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.paycli.agent.audit.AuditEntry;
import io.paycli.agent.auth.RequestSigner;
import io.paycli.agent.store.AuditStore;
import io.paycli.agent.store.Database;
import io.paycli.agent.store.Job;
import io.paycli.agent.store.JobFilter;
import io.paycli.agent.store.JobState;
import io.paycli.agent.store.JobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * TEMPORARY SEAM, to go when dash-api's viewer sessions are merged: a front door in front of the agent that plays
 * the part of the agent's dashboard access (issue 12, part 1), so that the browser tests can run before it exists.
 * It takes {@code POST /dashboard/login} (form field {@code token}), sets the HttpOnly cookie {@code paycli_session},
 * answers 401 to API requests without it, serves {@code /api/v1/whoami}, {@code /api/v1/deployments} (the list)
 * and {@code /api/v1/audit} from the agent's own database, and passes everything else to the agent, signing API
 * requests with a CI client's key. After the merge the test talks to the agent itself with a viewer token.
 */
final class ViewerShim implements AutoCloseable {
    static final String COOKIE = "paycli_session";

    private final URI agent;
    private final RequestSigner signer;
    private final String viewerToken;
    private final Database database;
    private final JobStore jobs;
    private final AuditStore audit;
    private final Map<String, String> sessions = new java.util.concurrent.ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpServer server;

    ViewerShim(URI agent, RequestSigner signer, String viewerToken, String jdbcUrl) throws IOException {
        this.agent = agent;
        this.signer = signer;
        this.viewerToken = viewerToken;
        this.database = Database.open(jdbcUrl);
        this.jobs = new JobStore(database);
        this.audit = new AuditStore(database);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads); // a log stream holds its thread for as long as the browser follows it
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange x) throws IOException {
        try {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            if (method.equals("POST") && path.equals("/dashboard/login")) {
                login(x);
            } else if (method.equals("POST") && path.equals("/dashboard/logout")) {
                sessions.remove(session(x));
                x.getResponseHeaders().add("Set-Cookie", COOKIE + "=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict");
                send(x, 204, null);
            } else if (!path.startsWith("/api/")) {
                forward(x, false);
            } else if (!sessions.containsKey(session(x))) {
                send(x, 401, Map.of("error", "log in to the dashboard first", "reason", "no-credentials"));
            } else if (path.equals("/api/v1/whoami")) {
                send(x, 200, Map.of("viewer", sessions.get(session(x))));
            } else if (path.equals("/api/v1/deployments")) {
                Map<String, String> q = query(x.getRequestURI().getRawQuery());
                JobState state = q.containsKey("state") ? JobState.valueOf(q.get("state")) : null;
                send(x, 200, jobs.list(new JobFilter(q.get("app"), q.get("env"), state,
                        Integer.parseInt(q.getOrDefault("limit", "100")))).stream().map(ViewerShim::job).toList());
            } else if (path.equals("/api/v1/audit")) {
                Map<String, String> q = query(x.getRequestURI().getRawQuery());
                send(x, 200, audit.recent(Integer.parseInt(q.getOrDefault("limit", "100")),
                        "true".equals(q.get("refused"))).stream().map(ViewerShim::entry).toList());
            } else {
                forward(x, true);
            }
        } finally {
            x.close();
        }
    }

    private void login(HttpExchange x) throws IOException {
        String token = query(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).get("token");
        if (!viewerToken.equals(token)) {
            send(x, 401, Map.of("error", "not a viewer token", "reason", "bad-token"));
            return;
        }
        String id = UUID.randomUUID().toString();
        sessions.put(id, "ops");
        x.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict");
        send(x, 204, null);
    }

    private void forward(HttpExchange x, boolean signed) throws IOException {
        String pathWithQuery = x.getRequestURI().getRawPath()
                + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(agent.resolve(pathWithQuery)).GET();
        if (signed) {
            signer.headers("GET", pathWithQuery, new byte[0]).forEach(request::header);
        }
        for (String header : List.of("Accept", "Last-Event-ID")) { // the log stream answers text/event-stream only
            String value = x.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        for (String header : List.of("Content-Type", "Cache-Control", "Content-Security-Policy",
                "X-Content-Type-Options")) {
            response.headers().firstValue(header).ifPresent(v -> x.getResponseHeaders().add(header, v));
        }
        x.sendResponseHeaders(response.statusCode(), 0);
        // Chunk by chunk with a flush each, so that a log stream's events reach the browser as they happen.
        try (InputStream in = response.body(); OutputStream out = x.getResponseBody()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        }
    }

    private void send(HttpExchange x, int status, Object body) throws IOException {
        if (body == null) {
            x.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = json.writeValueAsBytes(body);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    private static String session(HttpExchange x) {
        for (String header : x.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String pair : header.split(";")) {
                String[] kv = pair.strip().split("=", 2);
                if (kv.length == 2 && kv[0].equals(COOKIE)) {
                    return kv[1];
                }
            }
        }
        return "";
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return q;
    }

    private static Map<String, Object> job(Job j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("app", j.app());
        m.put("env", j.env());
        m.put("tag", j.tag());
        m.put("kind", j.kind().name());
        m.put("state", j.state().name());
        m.put("exitCode", j.exitCode());
        m.put("client", j.client());
        m.put("submittedAt", text(j.submittedAt()));
        m.put("startedAt", text(j.startedAt()));
        m.put("finishedAt", text(j.finishedAt()));
        m.put("durationMillis", j.startedAt() == null || j.finishedAt() == null ? null
                : Duration.between(j.startedAt(), j.finishedAt()).toMillis());
        m.put("dryRun", j.dryRun());
        m.put("summary", j.state().name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }

    private static Map<String, Object> entry(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", text(e.time()));
        m.put("client", e.client());
        m.put("source", e.source());
        m.put("method", e.method());
        m.put("path", e.path());
        m.put("app", e.app());
        m.put("env", e.env());
        m.put("tag", e.tag());
        m.put("decision", e.decision());
        m.put("reason", e.reason());
        return m;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        database.close();
    }
}
