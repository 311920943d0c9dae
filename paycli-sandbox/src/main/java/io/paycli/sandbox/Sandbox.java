package io.paycli.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * An in-memory Kubernetes API server on 127.0.0.1, for tests, {@code paycli sandbox} and {@code paycli demo}.
 * Objects live in fabric8's CRUD mock; on top of it come server-side apply with field ownership, the other patch
 * types, dryRun, discovery, watches, the strictness of a real server, simulated controllers and fault injection.
 * It is not a cluster: REAL-CLUSTER.md lists what a real API server does that this one may not.
 */
public final class Sandbox implements AutoCloseable {

    public static final String DEFAULT_CONTEXT = "paycli-sandbox";

    private final Vertx vertx;
    private final HttpServer server;
    private final ScheduledExecutorService scheduler;
    private final RequestCounter requests;
    private final Faults faults;
    private final SandboxSettings settings;
    private final CountDownLatch closed = new CountDownLatch(1);

    private Sandbox(Vertx vertx, HttpServer server, ScheduledExecutorService scheduler, RequestCounter requests,
            Faults faults, SandboxSettings settings) {
        this.vertx = vertx;
        this.server = server;
        this.scheduler = scheduler;
        this.requests = requests;
        this.faults = faults;
        this.settings = settings;
    }

    /** Starts a sandbox on the given port of 127.0.0.1 (0 for a free one) with the default timings. */
    public static Sandbox start(int port) {
        return start(port, SandboxSettings.defaults());
    }

    public static Sandbox start(int port, SandboxSettings settings) {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "sandbox-controllers");
            thread.setDaemon(true);
            return thread;
        });
        ObjectStore store = new ObjectStore();
        ResourceCatalog catalog = new ResourceCatalog(store);
        NamespaceLifecycle namespaces = new NamespaceLifecycle(store, catalog, scheduler, settings.rolloutDelay());
        Writes writes = new Writes(store, new Strictness(), namespaces);
        WatchHub watches = new WatchHub(store, scheduler, settings.bookmarkInterval().toMillis());
        store.addListener(watches);
        store.addListener(new RolloutSimulator(store, scheduler, settings));
        store.addListener(new WorkloadSimulator(store, writes, scheduler, settings));
        if (settings.finalizerDelay() != null) {
            store.addListener(new FinalizerControllers(store, catalog, writes, scheduler, settings.finalizerDelay()));
        }
        namespaces.createBuiltIns();

        RequestCounter requests = new RequestCounter();
        Faults faults = new Faults(watches);
        Vertx vertx = Vertx.vertx();
        HttpFront front = new HttpFront(vertx, new Discovery(catalog), new ApiHandler(store, catalog, writes), watches,
                faults, requests);
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                .setHttp2ClearTextEnabled(false);
        try {
            HttpServer server = vertx.createHttpServer(options).requestHandler(front).listen()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new Sandbox(vertx, server, scheduler, requests, faults, settings);
        } catch (Exception e) {
            scheduler.shutdownNow();
            vertx.close();
            throw new IllegalStateException("cannot start the sandbox on port " + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.actualPort();
    }

    /** The API server URL, such as http://127.0.0.1:34567 */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Writes a kubeconfig whose current context, {@value #DEFAULT_CONTEXT}, points at this sandbox. */
    public Path writeKubeconfig(Path file) {
        return writeKubeconfig(file, DEFAULT_CONTEXT);
    }

    /** Writes a kubeconfig with one context of the given name, current, pointing at this sandbox. */
    public Path writeKubeconfig(Path file, String contextName) {
        String yaml = String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: " + contextName,
                "  cluster:",
                "    server: " + url(),
                "users:",
                "- name: " + contextName,
                "  user:",
                "    token: sandbox",
                "contexts:",
                "- name: " + contextName,
                "  context:",
                "    cluster: " + contextName,
                "    user: " + contextName,
                "    namespace: default",
                "current-context: " + contextName,
                "");
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file, e);
        }
    }

    /** Counts of the API requests received. */
    public RequestCounter requests() {
        return requests;
    }

    public void resetCounters() {
        requests.reset();
    }

    /** Injected failures: error answers, dropped connections, closed and expired watches. */
    public Faults faults() {
        return faults;
    }

    public SandboxSettings settings() {
        return settings;
    }

    /** Blocks until {@link #close()} is called, for running the sandbox in the foreground. */
    public void awaitShutdown() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        scheduler.shutdownNow();
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing is best effort: the port is freed when the process ends anyway.
        } finally {
            closed.countDown();
        }
    }
}
