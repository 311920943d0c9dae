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
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * An in-memory Kubernetes API server on 127.0.0.1, for tests, {@code paycli sandbox} and {@code paycli demo}.
 * Objects live in fabric8's CRUD mock; on top of it come server-side apply with field ownership, the other patch
 * types, dryRun, discovery, watches, the strictness of a real server, simulated controllers and fault injection.
 * It is not a cluster: REAL-CLUSTER.md lists what a real API server does that this one may not.
 */
public final class Sandbox implements AutoCloseable {

    public static final String DEFAULT_CONTEXT = "paycli-sandbox";
    /** How long a new CustomResourceDefinition waits to become Established, at most. */
    private static final java.time.Duration CRD_DELAY = java.time.Duration.ofMillis(100);

    private final Vertx vertx;
    private final HttpServer server;
    private final ScheduledExecutorService scheduler;
    private final RequestCounter requests;
    private final Faults faults;
    private final SandboxSettings settings;
    private final SandboxUsers users;
    private final Timeline timeline;
    private final StateWrites writes;
    private final CountDownLatch closed = new CountDownLatch(1);

    private Sandbox(Vertx vertx, HttpServer server, ScheduledExecutorService scheduler, RequestCounter requests,
            Faults faults, SandboxSettings settings, SandboxUsers users, Timeline timeline, StateWrites writes) {
        this.timeline = timeline;
        this.writes = writes;
        this.users = users;
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
        return start(port, settings, null);
    }

    /**
     * A sandbox that authenticates {@code users} by bearer token and authorises them with the RBAC objects it
     * stores; null users allow every request, as {@link #start(int, SandboxSettings)} does.
     */
    public static Sandbox start(int port, SandboxSettings settings, SandboxUsers users) {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "sandbox-controllers");
            thread.setDaemon(true);
            return thread;
        });
        Timeline timeline = new Timeline(settings.timelineLimit());
        ObjectStore store = new ObjectStore(timeline);
        ResourceCatalog catalog = new ResourceCatalog(store);
        NamespaceLifecycle namespaces = new NamespaceLifecycle(store, catalog, scheduler, settings.rolloutDelay());
        Writes writes = new Writes(store, new Strictness(), namespaces);
        WatchHub watches = new WatchHub(store, scheduler, settings.bookmarkInterval().toMillis());
        store.addListener(watches);
        store.addListener(new RolloutSimulator(store, writes, scheduler, settings));
        store.addListener(new WorkloadSimulator(store, writes, scheduler, settings));
        store.addListener(new CrdEstablishing(store, scheduler,
                settings.rolloutDelay().compareTo(CRD_DELAY) < 0 ? settings.rolloutDelay() : CRD_DELAY));
        if (settings.finalizerDelay() != null) {
            store.addListener(new FinalizerControllers(store, catalog, writes, scheduler, settings.finalizerDelay()));
        }
        Timeline.as("kube-apiserver", () -> {
            namespaces.createBuiltIns();
            BootstrapRoles.create(store);
        });

        RequestCounter requests = new RequestCounter();
        Faults faults = new Faults(watches);
        Vertx vertx = Vertx.vertx();
        StateWrites stateWrites = new StateWrites();
        HttpFront front = new HttpFront(vertx, new Discovery(catalog), new ApiHandler(store, catalog, writes), watches,
                faults, requests, new AccessControl(users, store), stateWrites);
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                .setHttp2ClearTextEnabled(false);
        if (users != null) {
            // Clients send bearer tokens only over TLS (kubectl ignores them on plain http).
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setKeyValue(Buffer.buffer(resource("sandbox-tls.key")))
                    .setCertValue(Buffer.buffer(resource("sandbox-tls.crt"))));
        }
        try {
            HttpServer server = vertx.createHttpServer(options).requestHandler(front).listen()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new Sandbox(vertx, server, scheduler, requests, faults, settings, users, timeline, stateWrites);
        } catch (Exception e) {
            scheduler.shutdownNow();
            vertx.close();
            throw new IllegalStateException("cannot start the sandbox on port " + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.actualPort();
    }

    /** The API server URL, such as http://127.0.0.1:34567 (https with users). */
    public String url() {
        return (users == null ? "http" : "https") + "://127.0.0.1:" + port();
    }

    /**
     * The users of this sandbox, or null when it allows every request. With users the sandbox serves TLS with a
     * fixed self-signed certificate for 127.0.0.1 (for tests only; its key is public), which the kubeconfig trusts.
     */
    public SandboxUsers users() {
        return users;
    }

    private static byte[] resource(String name) {
        try (var in = Sandbox.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a kubeconfig whose current context, {@value #DEFAULT_CONTEXT}, points at this sandbox. */
    public Path writeKubeconfig(Path file) {
        return writeKubeconfig(file, DEFAULT_CONTEXT);
    }

    /**
     * Writes a kubeconfig with one context of the given name, current, pointing at this sandbox. With users, it
     * carries the token of the first user in system:masters.
     */
    public Path writeKubeconfig(Path file, String contextName) {
        String token = users == null ? "sandbox" : users.firstMaster().map(SandboxUsers.User::token)
                .orElseThrow(() -> new IllegalStateException("the token file has no user in group system:masters"));
        return writeKubeconfig(file, contextName, token);
    }

    /** Writes a kubeconfig like {@link #writeKubeconfig(Path, String)} whose user carries the given token. */
    public Path writeKubeconfig(Path file, String contextName, String token) {
        String yaml = String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: " + contextName,
                "  cluster:",
                "    server: " + url() + (users == null ? "" : "\n    certificate-authority-data: "
                        + java.util.Base64.getEncoder().encodeToString(resource("sandbox-tls.crt"))),
                "users:",
                "- name: " + contextName,
                "  user:",
                "    token: " + token,
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

    /**
     * Every change of a stored object so far, oldest first: writes through the API with their verb and field
     * manager, and the simulated controllers' changes under the manager a real controller would show, each with
     * the object as stored after it. Only the newest {@link SandboxSettings#timelineLimit()} are kept. Tests replay
     * it to check what was true at every moment (see CapacityReplay).
     */
    public java.util.List<TimelineEntry> timeline() {
        return timeline.entries();
    }

    /** The accepted requests that changed stored state (see {@link StateWrites}). */
    public StateWrites writes() {
        return writes;
    }

    public void resetCounters() {
        requests.reset();
        writes.reset();
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
