package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.DeployLock;
import io.paycli.core.cluster.Health;
import io.paycli.core.cluster.ReleaseStore;
import io.paycli.core.error.DeployFailedException;
import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.PaycliException;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Steps 2 to 6 of the pipeline for one release: lock, apply, prune, wait, and record; on a
 * failed wait or a failed step, roll back to the current revision. Every path ends with the
 * lock released and a release record that says what happened.
 */
final class ReleasePipeline {
    static final int KEEP_REVISIONS = 10;
    /** ConfigMaps of this many recent revisions survive pruning, for their pods and for rollbacks. */
    static final int KEEP_CONFIG_REVISIONS = 3;
    static final Duration LOCK_TTL = Duration.ofSeconds(60);

    private final ClusterGateway cluster;
    private final DeployOptions options;
    private final Consumer<DeployEvent> events;
    private final Clock clock;
    private final Rollout rollout;

    ReleasePipeline(ClusterGateway cluster, DeployOptions options, Consumer<DeployEvent> events, Clock clock) {
        this.cluster = cluster;
        this.options = options;
        this.events = events;
        this.clock = clock;
        this.rollout = new Rollout(cluster, events, options.failFastGrace());
    }

    /**
     * Puts {@code next} (a release record without revision, result or duration yet) in place.
     * {@code manifests} are the objects it consists of, in apply order.
     */
    DeployResult run(Release next, List<Manifest> manifests, String holder) {
        String ns = next.namespace();
        events.accept(DeployEvent.step(Step.LOCK, Kind.STARTED, "lock " + next.app() + " in " + ns));
        try (DeployLock lock = cluster.lock(ns, next.app(), holder, LOCK_TTL)) {
            events.accept(DeployEvent.step(Step.LOCK, Kind.DONE, "held by " + lock.holder()));
            ReleaseStore store = cluster.releases(ns);
            List<Release> history = store.list(next.app(), next.env());
            Optional<Release> current = history.stream().filter(r -> r.result() == Result.SUCCEEDED).findFirst();
            if (current.isPresent() && current.get().manifests().equals(next.manifests())) {
                return unchanged(current.get(), manifests, history);
            }
            int revision = history.isEmpty() ? 1 : history.get(0).revision() + 1;
            Release release = withRevision(next, revision);
            return putInPlace(release, manifests, current, history, store);
        }
    }

    private DeployResult putInPlace(Release release, List<Manifest> manifests, Optional<Release> current,
                                    List<Release> history, ReleaseStore store) {
        Instant deadline = clock.instant().plus(options.timeout());
        List<ObjectRef> applied = List.of();
        List<ObjectRef> pruned = List.of();
        PaycliException failure = null;
        Health health = Health.ok();
        try {
            applied = rollout.apply(manifests);
            pruned = rollout.prune(release.namespace(), release.app(), release.env(), applied, configMapsOf(history));
            if (options.waitForHealth()) {
                health = rollout.await(manifests, deadline);
            }
        } catch (PaycliException e) {
            failure = e;
        } catch (RuntimeException e) {
            // A bug must still end in a rollback and a record, not in a half-applied release.
            failure = new PaycliException(ExitCodes.INTERNAL, "unexpected failure: " + e, e);
        }
        if (failure == null && health.healthy()) {
            Release done = finish(release, Result.SUCCEEDED, release.message());
            record(store, done);
            return new DeployResult(done, false, applied, pruned, false);
        }
        String reason = failure != null ? failure.getMessage() : health.reason();
        return fail(release, reason, failure, current, store);
    }

    private DeployResult fail(Release release, String reason, PaycliException failure, Optional<Release> current,
                              ReleaseStore store) {
        String outcome;
        Result result = Result.FAILED;
        if (options.rollback() && current.isPresent()) {
            outcome = rollBack(release, current.get());
            if (outcome.startsWith("rolled back")) {
                result = Result.ROLLED_BACK;
            }
        } else {
            outcome = current.isEmpty() ? "nothing to roll back to (first revision)" : "left as it is (--no-rollback)";
        }
        Release failed = finish(release, result, reason + "; " + outcome);
        String recordProblem = record(store, failed);
        String message = "deploy of " + release.app() + " " + release.tag() + " (revision " + release.revision()
                + ") failed: " + reason + "; " + outcome + recordProblem;
        if (failure != null) {
            throw new PaycliException(failure.exitCode(), message, failure);
        }
        throw new DeployFailedException(message);
    }

    /** Applies the current revision again; returns what happened, for the record and the error. */
    private String rollBack(Release failed, Release current) {
        events.accept(DeployEvent.step(Step.ROLLBACK, Kind.STARTED, "back to revision " + current.revision()));
        try {
            List<Manifest> previous = ManifestYaml.readManifests(current.manifests(), "revision " + current.revision());
            List<ObjectRef> applied = rollout.apply(previous);
            rollout.prune(failed.namespace(), failed.app(), failed.env(), applied, Set.of());
            Health health = options.waitForHealth()
                    ? rollout.await(previous, clock.instant().plus(options.timeout())) : Health.ok();
            String outcome = health.healthy()
                    ? "rolled back to revision " + current.revision() + " (" + current.tag() + ")"
                    : "rollback to revision " + current.revision() + " is not healthy either: " + health.reason();
            events.accept(DeployEvent.step(Step.ROLLBACK, health.healthy() ? Kind.DONE : Kind.FAILED, outcome));
            return outcome;
        } catch (PaycliException e) {
            String outcome = "rollback to revision " + current.revision() + " failed: " + e.getMessage();
            events.accept(DeployEvent.step(Step.ROLLBACK, Kind.FAILED, outcome));
            return outcome;
        }
    }

    /**
     * The render is the revision in place. Applying it again repairs drift; the server writes
     * nothing for objects that already match, and no new revision is recorded.
     */
    private DeployResult unchanged(Release current, List<Manifest> manifests, List<Release> history) {
        List<ObjectRef> applied = rollout.apply(manifests);
        List<ObjectRef> pruned = rollout.prune(current.namespace(), current.app(), current.env(), applied,
                configMapsOf(history));
        events.accept(DeployEvent.step(Step.RECORD, Kind.DONE,
                "no changes: revision " + current.revision() + " (" + current.tag() + ") is what this render produces"));
        return new DeployResult(current, true, applied, pruned, false);
    }

    /** Writes the record and trims history; a failure here is reported, not thrown over the deploy's outcome. */
    private String record(ReleaseStore store, Release release) {
        events.accept(DeployEvent.step(Step.RECORD, Kind.STARTED, "revision " + release.revision()));
        try {
            store.save(release);
            store.prune(release.app(), release.env(), KEEP_REVISIONS);
            events.accept(DeployEvent.step(Step.RECORD, Kind.DONE,
                    "revision " + release.revision() + " " + release.result().name().toLowerCase()));
            return "";
        } catch (PaycliException e) {
            events.accept(DeployEvent.step(Step.RECORD, Kind.FAILED, e.getMessage()));
            if (release.result() == Result.SUCCEEDED) {
                throw new DeployFailedException("deployed " + release.app() + " " + release.tag()
                        + ", but the release record could not be written: " + e.getMessage(), e);
            }
            return "; the release record could not be written: " + e.getMessage();
        }
    }

    private Release finish(Release release, Result result, String message) {
        long millis = Duration.between(release.startedAt(), clock.instant()).toMillis();
        return release.withOutcome(result, message, millis);
    }

    private static Release withRevision(Release r, int revision) {
        return new Release(r.app(), r.env(), r.namespace(), revision, r.tag(), r.image(), r.template(),
                r.templateVersion(), r.catalogCommit(), r.configHash(), r.user(), r.startedAt(), 0, r.result(),
                r.message(), r.manifests());
    }

    /** Names of the ConfigMaps of the most recent successful revisions. */
    private static Set<String> configMapsOf(List<Release> history) {
        Set<String> names = new HashSet<>();
        history.stream().filter(r -> r.result() == Result.SUCCEEDED).limit(KEEP_CONFIG_REVISIONS).forEach(r -> {
            for (Map<String, Object> doc : ManifestYaml.read(r.manifests(), "revision " + r.revision())) {
                if ("ConfigMap".equals(doc.get("kind")) && doc.get("metadata") instanceof Map<?, ?> meta) {
                    names.add(String.valueOf(meta.get("name")));
                }
            }
        });
        return names;
    }
}
