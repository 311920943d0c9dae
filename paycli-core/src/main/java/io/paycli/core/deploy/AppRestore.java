package io.paycli.core.deploy;

import io.paycli.core.archive.ArchivedApp;
import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.error.LockHeldException;
import io.paycli.core.error.ReleaseFailedException;
import io.paycli.core.model.BlueGreenConfig;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import io.paycli.core.render.ManifestYaml;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Restores one app into the target through the deploy engine: a read-only look first (the target already runs the
 * archived version, healthy: nothing is written, not even the lock), then the namespace, preflight, lock, apply,
 * wait and record, as a deploy does.
 */
final class AppRestore {
    /** How long --resume waits for the lock of a killed restore: its TTL, and some slack for the server's clock. */
    static final Duration LOCK_WAIT = ReleasePipeline.LOCK_TTL.plusSeconds(10);
    /** A restore has no paycli.yaml: a blue-green app takes traffic on its restored colour at once, no smoke check. */
    private static final BlueGreenConfig BLUE_GREEN = new BlueGreenConfig(true,
            BlueGreenConfig.DEFAULT_SCALE_DOWN_DELAY, null);

    private final ClusterGateway cluster;
    private final RestoreOptions options;
    private final Clock clock;
    private final Consumer<DeployEvent> events;
    private final Namespaces namespaces;

    /** Creates the target's namespaces, each once even when its apps run in parallel. */
    interface Namespaces {
        void ensure(ClusterGateway cluster, String namespace, Consumer<DeployEvent> events);
    }

    AppRestore(ClusterGateway cluster, RestoreOptions options, Clock clock, Consumer<DeployEvent> events,
               Namespaces namespaces) {
        this.cluster = cluster;
        this.options = options;
        this.clock = clock;
        this.events = events;
        this.namespaces = namespaces;
    }

    /** The release in place when the target already runs {@code archived}'s objects and is healthy. */
    Optional<Release> inPlace(Release archived, RestoreManifests planned) {
        String namespace = options.namespace(archived.namespace());
        Optional<Release> current = cluster.releases(namespace).list(archived.app(), archived.env()).stream()
                .filter(r -> r.result() == Result.SUCCEEDED).findFirst();
        if (current.isEmpty() || !Objects.equals(current.get().tag(), archived.tag())
                || !ManifestYaml.write(ColourRecords.template(current.get()))
                        .equals(ManifestYaml.write(planned.manifests()))) {
            return Optional.empty();
        }
        Target target = new Target(archived.app(), archived.env(), namespace, options.context());
        return StatusQuery.of(cluster, target).healthy() ? current : Optional.empty();
    }

    /** Deploys the planned objects as a new revision; throws as a deploy does when it fails. */
    DeployResult deploy(ArchivedApp source, String sourceCluster, RestoreManifests planned,
                        Consumer<Release> publish) {
        Release archived = source.release();
        String namespace = options.namespace(archived.namespace());
        List<Manifest> manifests = planned.manifests();
        namespaces.ensure(cluster, namespace, events);
        new Preflight(cluster).deploy(namespace, archived.app(), archived.env(), manifests, false);
        Release next = new Release(archived.app(), archived.env(), namespace, 0, archived.tag(), archived.image(),
                archived.template(), archived.templateVersion(), archived.catalogCommit(), archived.configHash(),
                options.deploy().user(), clock.instant(), 0, Result.FAILED, "restored " + archived.tag() + " from "
                        + sourceCluster + " revision " + archived.revision() + " (archive " + source.commit()
                        .substring(0, 12) + ")", ManifestYaml.write(manifests));
        String holder = Releases.holder(options.deploy().user());
        try {
            DeployResult result = run(next, manifests, holder, archived.blueGreen() != null);
            publish.accept(result.release());
            return result;
        } catch (ReleaseFailedException e) {
            publish.accept(e.release());
            throw e;
        }
    }

    private DeployResult run(Release next, List<Manifest> manifests, String holder, boolean blueGreen) {
        try {
            return pipeline(next, manifests, holder, blueGreen);
        } catch (LockHeldException e) {
            if (!options.resume()) {
                throw new LockHeldException(e.getMessage() + "; if a restore was killed, rerun with --resume to"
                        + " wait for its lock to expire", e.holder());
            }
            awaitExpiry(next, e.holder());
            return pipeline(next, manifests, holder, blueGreen);
        }
    }

    private DeployResult pipeline(Release next, List<Manifest> manifests, String holder, boolean blueGreen) {
        return blueGreen
                ? new BlueGreenPipeline(cluster, options.deploy(), events, clock, BLUE_GREEN).run(next, manifests,
                        holder)
                : new ReleasePipeline(cluster, options.deploy(), events, clock).run(next, manifests, holder);
    }

    /**
     * --resume: the lock of a killed run cannot be told from a live one's (another machine may hold it), so it is
     * never taken over early; the restore waits until the server says it expired, at most its TTL.
     */
    private void awaitExpiry(Release next, String holder) {
        events.accept(DeployEvent.step(Step.LOCK, Kind.WARNING, "the deploy lock of " + next.app() + " in "
                + next.namespace() + " is held by " + holder + "; --resume waits for it to expire (at most "
                + LOCK_WAIT.toSeconds() + " s)"));
        Instant until = clock.instant().plus(LOCK_WAIT);
        while (cluster.lockHolder(next.namespace(), next.app()).isPresent() && clock.instant().isBefore(until)) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static Manifest namespace(String name) {
        Map<String, Object> body = Map.of("apiVersion", "v1", "kind", "Namespace",
                "metadata", Map.of("name", name, "labels", Map.of("app.kubernetes.io/managed-by", "paycli")));
        return new Manifest("v1", "Namespace", null, name, body, "restore");
    }

    static boolean exists(ClusterGateway cluster, String namespace) {
        return cluster.get(new ObjectRef("v1", "Namespace", null, namespace)).isPresent();
    }
}
