package io.paycli.agent.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.util.JavalinException;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.paycli.agent.config.AgentConfig;
import io.paycli.core.error.InvalidInputException;
import java.net.BindException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The agent's HTTP(S) server: /healthz, /readyz and /metrics, plus the routes other parts add before {@link #start()}.
 * Stopping is graceful: the server stops accepting, requests in flight get the grace to finish, then it closes.
 */
public final class AgentServer implements AutoCloseable {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final AgentConfig config;
    private final Map<String, String> env;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Readiness readiness = new Readiness();
    private final List<Consumer<RoutesConfig>> routes = new ArrayList<>();
    private Javalin app;
    private boolean running;

    /** @param env the environment, where the TLS keystore's password is (System.getenv() outside tests) */
    public AgentServer(AgentConfig config, Map<String, String> env) {
        this.config = config;
        this.env = Map.copyOf(env);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        new UptimeMetrics().bindTo(meters);
    }

    /** The registry /metrics shows; register the agent's meters here. */
    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** Adds a check to /readyz: empty when fine, else one sentence on what is wrong. May be called at any time. */
    public AgentServer readiness(String name, Supplier<Optional<String>> check) {
        readiness.register(name, check);
        return this;
    }

    /** Adds routes, e.g. {@code server.routes(r -> r.post("/api/v1/jobs", handler))}; only before start. */
    public synchronized AgentServer routes(Consumer<RoutesConfig> add) {
        if (app != null) {
            throw new IllegalStateException("routes are added before the server starts");
        }
        routes.add(add);
        return this;
    }

    /** Binds the configured address and serves; fails with one line when it cannot (address in use, bad keystore). */
    public synchronized AgentServer start() {
        if (app != null) {
            throw new IllegalStateException("the server was started already");
        }
        Optional<TlsConnector> tls = config.tls().map(t -> TlsConnector.open(config.file() + ": tls", t.keystore(),
                t.passwordEnv(), env.get(t.passwordEnv())));
        app = Javalin.create(c -> configure(c, tls));
        try {
            app.start();
        } catch (JavalinException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new InvalidInputException(config.file() + ": listen " + address() + ": cannot listen ("
                            + t.getMessage() + "); stop what uses it, or choose another address", e);
                }
            }
            throw e;
        }
        running = true;
        return this;
    }

    /**
     * A failure no route handled is a bug: 500 with a JSON body naming it, and never a stack trace to the client.
     * This handler must not throw: Javalin runs the exception path again for an exception thrown by it, and a
     * response that cannot be written (its client went away) would then loop on a server thread for ever.
     */
    static void lastResort(Exception e, Context ctx) {
        try {
            ctx.status(500).json(Map.of("error", "internal error: " + e.getClass().getSimpleName(),
                    "reason", "internal"));
        } catch (RuntimeException unwritable) {
            // Nothing more can be told to this client.
        }
    }

    private void configure(JavalinConfig c, Optional<TlsConnector> tls) {
        c.startup.showJavalinBanner = false;
        c.startup.showOldJavalinVersionWarning = false;
        c.jsonMapper(new AgentJsonMapper());
        // A deploy bundle is the largest body the agent takes; anything larger is refused before it is read.
        c.http.maxRequestSize = config.maxBundleSize();
        c.jetty.host = config.host();
        c.jetty.port = config.port();
        // Counts the requests in flight, so that stop() can wait for them to finish.
        c.jetty.modifyServer(server -> server.setHandler(new GracefulHandler()));
        tls.ifPresent(t -> c.jetty.addConnector((server, http) -> t.connector(server, http, config.host(),
                config.port())));
        c.routes.exception(Exception.class, AgentServer::lastResort);
        c.routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
        c.routes.get("/readyz", this::ready);
        c.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(meters.scrape()));
        c.routes.after(ctx -> meters.counter("paycli.agent.http.requests", "method", ctx.method().name(),
                "status", String.valueOf(ctx.statusCode())).increment());
        routes.forEach(r -> r.accept(c.routes));
    }

    private void ready(Context ctx) {
        Map<String, String> failing = readiness.failing();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", failing.isEmpty());
        if (!failing.isEmpty()) {
            body.put("failing", failing);
        }
        ctx.status(failing.isEmpty() ? 200 : 503).json(body);
    }

    /** The bound port: the configured one, or the one picked for port 0. */
    public int port() {
        return started().port();
    }

    public boolean https() {
        return config.tls().isPresent();
    }

    /** The base URL clients use, e.g. https://10.0.0.5:8470. */
    public URI url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create((https() ? "https" : "http") + "://" + host + ":" + port());
    }

    /**
     * Stops accepting connections, lets requests in flight finish for up to {@code grace}, then closes them.
     * Returns when the server is down; a second call does nothing.
     */
    public synchronized void stop(Duration grace) {
        if (!running) {
            // Never started, failed to start (Javalin has stopped Jetty then), or stopped already.
            return;
        }
        running = false;
        app.jettyServer().server().setStopTimeout(Math.max(1, grace.toMillis()));
        app.stop();
        meters.close();
    }

    /** {@link #stop(Duration)} with the configured shutdownGrace. */
    @Override
    public void close() {
        stop(config.shutdownGrace());
    }

    private Javalin started() {
        if (app == null) {
            throw new IllegalStateException("the server is not started");
        }
        return app;
    }

    private String address() {
        return config.host() + ":" + config.port();
    }
}
