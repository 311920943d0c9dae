package io.paycli.core.deploy;

import io.paycli.core.archive.ArchiveSnapshot;
import io.paycli.core.archive.ArchivedApp;
import io.paycli.core.archive.InstallResult;
import io.paycli.core.cluster.ClusterConnector;
import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code paycli restore}: puts the apps an archive snapshot holds into a target cluster, several at once, each
 * through the deploy engine ({@link AppRestore}). One app failing never stops the others. Each app is framed by
 * {@link Step#RESTORE} events whose object names it; its own steps follow with {@code <namespace>/<app>: } in front.
 */
final class Restore {
    /** The kind of the object that names an app in RESTORE events. */
    static final String APP_KIND = "App";

    private final ClusterConnector connector;
    private final Publisher publisher;
    private final Clock clock;
    private final Map<String, Object> namespaceLocks = new ConcurrentHashMap<>();
    private final Set<String> present = ConcurrentHashMap.newKeySet();

    Restore(ClusterConnector connector, Publisher publisher, Clock clock) {
        this.connector = connector;
        this.publisher = publisher;
        this.clock = clock;
    }

    RestoreReport run(ArchiveSnapshot source, RestoreOptions options, Consumer<DeployEvent> events) {
        String context = connector.contextName(options.context());
        int count = source.apps().size();
        events.accept(DeployEvent.step(Step.TARGET, Kind.STARTED, (options.dryRun() ? "dry run: " : "") + "restore "
                + count + (count == 1 ? " app" : " apps") + " of " + source.cluster() + " from archive commit "
                + source.commit().substring(0, 12) + " (" + source.from() + ") into context " + context
                + (options.context() == null ? " (the kubeconfig's current context)" : "")));
        // The cluster's installation (namespaces, CRDs, RBAC and the rest the apps rely on) goes first.
        InstallResult installed = new RestoreInstall(connector, options).apply(source, events);
        List<RestoredApp> apps = new ArrayList<>();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.parallel(),
                source.apps().size())), r -> {
                    Thread thread = new Thread(r, "paycli-restore-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        try (ThreadGateways gateways = new ThreadGateways(connector, options.context())) {
            List<Future<RestoredApp>> running = new ArrayList<>();
            for (ArchivedApp app : source.apps()) {
                running.add(pool.submit(() -> restore(source, app, options, context, gateways, events)));
            }
            for (Future<RestoredApp> app : running) {
                apps.add(app.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the restore was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a restore worker failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new RestoreReport(source.cluster(), source.commit(), source.from(), context, options.dryRun(),
                installed, apps);
    }

    private RestoredApp restore(ArchiveSnapshot source, ArchivedApp app, RestoreOptions options, String context,
                                ThreadGateways gateways, Consumer<DeployEvent> events) {
        long started = System.nanoTime();
        String namespace = options.namespace(app.namespace());
        ObjectRef ref = new ObjectRef("paycli.io/v1", APP_KIND, namespace, app.app());
        Release archived = app.release();
        String version = archived == null ? null : archived.tag();
        Outcome outcome = (o, revision, reason, secrets) -> {
            RestoredApp done = new RestoredApp(app.app(), app.namespace(), namespace, version, revision,
                    Duration.ofNanos(System.nanoTime() - started), o, reason, secrets);
            events.accept(new DeployEvent(Step.RESTORE, o == RestoredApp.Outcome.FAILED ? Kind.FAILED : Kind.DONE,
                    ref, done.result()));
            return done;
        };
        if (app.skipped() != null) {
            return outcome.of(RestoredApp.Outcome.SKIPPED, 0, app.skipped(), List.of());
        }
        if (options.deploy().cancellation().cancelled()) {
            return outcome.of(RestoredApp.Outcome.SKIPPED, 0, "the restore was stopped ("
                    + options.deploy().cancellation().reason() + ") before it started", List.of());
        }
        events.accept(new DeployEvent(Step.RESTORE, Kind.STARTED, ref, version));
        String prefix = namespace + "/" + app.app() + ": ";
        Consumer<DeployEvent> own = e -> events.accept(new DeployEvent(e.step(), e.kind(), e.object(),
                e.kind() == Kind.MANIFESTS ? e.message() : prefix + e.message()));
        List<String> secrets = List.of();
        try {
            ClusterGateway cluster = gateways.get();
            RestoreManifests planned = RestoreManifests.of(archived, options::namespace);
            secrets = planned.secrets();
            AppRestore restore = new AppRestore(cluster, options, clock, own, this::ensureNamespace);
            Optional<Release> inPlace = restore.inPlace(archived, planned);
            if (inPlace.isPresent()) {
                return outcome.of(RestoredApp.Outcome.UNCHANGED, inPlace.get().revision(), null, secrets);
            }
            if (options.dryRun()) {
                return outcome.of(RestoredApp.Outcome.WOULD_RESTORE, 0, null, secrets);
            }
            DeployResult result = restore.deploy(app, source.cluster(), planned, release -> publisher.publish(
                    Published.Action.RESTORE, release, cluster, context, context, List.of(),
                    own));
            return outcome.of(result.unchanged() ? RestoredApp.Outcome.UNCHANGED : RestoredApp.Outcome.RESTORED,
                    result.release().revision(), null, secrets);
        } catch (PaycliException e) {
            return outcome.of(RestoredApp.Outcome.FAILED, 0, e.getMessage(), secrets);
        } catch (RuntimeException e) {
            return outcome.of(RestoredApp.Outcome.FAILED, 0, "unexpected failure: " + e, secrets);
        }
    }

    /**
     * Reads first, so that a namespace that exists costs no write; one app of a namespace creates it, and the
     * namespace's other apps neither read nor write it again.
     */
    private void ensureNamespace(ClusterGateway cluster, String namespace, Consumer<DeployEvent> events) {
        synchronized (namespaceLocks.computeIfAbsent(namespace, n -> new Object())) {
            if (present.contains(namespace)) {
                return;
            }
            if (!AppRestore.exists(cluster, namespace)) {
                cluster.create(AppRestore.namespace(namespace));
                events.accept(DeployEvent.step(Step.NAMESPACE, Kind.DONE, "created namespace " + namespace));
            }
            present.add(namespace);
        }
    }

    private interface Outcome {
        RestoredApp of(RestoredApp.Outcome outcome, int revision, String reason, List<String> secrets);
    }
}
