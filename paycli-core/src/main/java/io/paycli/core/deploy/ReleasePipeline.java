package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.DeployLock;
import io.paycli.core.cluster.Health;
import io.paycli.core.cluster.ReleaseStore;
import io.paycli.core.error.DeployFailedException;
import io.paycli.core.error.DeployInterruptedException;
import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.LockLostException;
import io.paycli.core.error.PaycliException;
import io.paycli.core.error.ReleaseFailedException;
import io.paycli.core.error.ServerLostException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Steps 2 to 6 of the pipeline for one release: lock, apply, prune, wait, and record; on a
 * failed wait or a failed step, roll back to the current revision. Every path ends with the
 * lock released and a release record that says what happened.
 */
final class ReleasePipeline {
    static final int KEEP_REVISIONS = 10;
    /** How long a lock outlives a deploy that died; its holder renews it every TTL/6. */
    static final Duration LOCK_TTL = Duration.ofSeconds(30);
    /** How long putting the previous revision back may take after a deploy was asked to stop. */
    static final Duration STOP_WITHIN = Duration.ofSeconds(10);

    private final ClusterGateway cluster;
    private final DeployOptions options;
    private final Consumer<DeployEvent> events;
    private final Clock clock;
    private DeployLock lock;
    private Rollout rollout;
    private PreScale preScale;

    ReleasePipeline(ClusterGateway cluster, DeployOptions options, Consumer<DeployEvent> events, Clock clock) {
        this.cluster = cluster;
        this.options = options;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Puts {@code next} (a release record without revision, result or duration yet) in place.
     * {@code manifests} are the objects it consists of, in apply order.
     */
    DeployResult run(Release next, List<Manifest> manifests, String holder) {
        String ns = next.namespace();
        cluster.releases(ns).requireFits(next);
        events.accept(DeployEvent.step(Step.LOCK, Kind.STARTED, "lock " + next.app() + " in " + ns));
        try (DeployLock held = cluster.lock(ns, next.app(), holder, LOCK_TTL)) {
            lock = held;
            rollout = new Rollout(cluster, events, options.failFastGrace(), this::checkpoint);
            events.accept(DeployEvent.step(Step.LOCK, Kind.DONE, "held by " + held.holder()));
            preScale = new PreScale(cluster, events, this::checkpoint);
            manifests = preScale.keepDuringDeploy(manifests, clock.instant(), entry -> PreScaleRecords.record(
                    cluster.releases(ns), next.app(), next.env(), options.user(), clock.instant(), entry));
            ReleaseStore store = cluster.releases(ns);
            List<Release> history = store.list(next.app(), next.env());
            Optional<Release> current = history.stream().filter(r -> r.result() == Result.SUCCEEDED).findFirst();
            if (options.cancellation().cancelled()) {
                throw new DeployInterruptedException("deploy of " + next.app() + " " + next.tag() + " interrupted by "
                        + options.cancellation().reason() + " before anything was applied: nothing changed; lock"
                        + " released");
            }
            if (current.isPresent() && current.get().blueGreen() != null) {
                try {
                    new LeavingBlueGreen(cluster, events, this::checkpoint, options.failFastGrace()).prepare(next.app(),
                            ns, current.get().blueGreen(), manifests, clock.instant().plus(options.timeout()));
                } catch (LockLostException e) {
                    throw lost(next, e);
                }
            }
            events.accept(DeployEvent.manifests(next.app() + " " + next.tag() + " to " + next.env() + " ("
                    + next.namespace() + "): " + next.message(), next.manifests()));
            Release latest = history.isEmpty() ? null : history.get(0);
            if (latest != null && latest.result() == Result.SUCCEEDED && latest.manifests().equals(next.manifests())) {
                List<ObjectRef> drifted;
                try {
                    drifted = reapply(latest, manifests, history);
                } catch (DeployInterruptedException e) {
                    throw new DeployInterruptedException("deploy of " + next.app() + " " + next.tag() + " "
                            + e.getMessage() + " while re-applying revision " + latest.revision()
                            + ", which it matches: nothing recorded; lock released");
                }
                if (drifted.isEmpty()) {
                    return unchanged(latest);
                }
                // The live objects had drifted from the revision in place: the apply put them back, which is a
                // rollout like any other, so it is waited for and recorded, and a failure is rolled back.
                String names = drifted.stream().map(ObjectRef::toString).collect(Collectors.joining(", "));
                String have = drifted.size() == 1 ? " has" : " have";
                events.accept(DeployEvent.step(Step.APPLY, Kind.WARNING, names + have + " drifted from revision "
                        + latest.revision() + "; putting revision " + latest.revision() + " back as revision "
                        + (latest.revision() + 1)));
                Release repair = Releases.withRevision(next, latest.revision() + 1).withOutcome(next.result(),
                        "repaired drift in " + names + " (as in revision " + latest.revision() + ")", 0);
                return putInPlace(repair, manifests, current, history, store);
            }
            int revision = history.isEmpty() ? 1 : history.get(0).revision() + 1;
            Release release = Releases.withRevision(next, revision);
            return putInPlace(release, manifests, current, history, store);
        }
    }

    /** Before every change to the cluster: the lock must still be ours, and nobody asked us to stop. */
    private void checkpoint() {
        lock.ensureHeld();
        Cancellation cancellation = options.cancellation();
        if (cancellation.cancelled()) {
            throw new DeployInterruptedException("interrupted by " + cancellation.reason());
        }
    }

    private DeployResult putInPlace(Release release, List<Manifest> manifests, Optional<Release> current,
                                    List<Release> history, ReleaseStore store) {
        Instant deadline = clock.instant().plus(options.timeout());
        cluster.retryUntil(deadline);
        List<ObjectRef> applied = List.of();
        List<ObjectRef> pruned = List.of();
        PaycliException failure = null;
        Health health = Health.ok();
        try {
            applied = rollout.apply(manifests, manifestsOf(current), deadline, options.waitForHealth());
            pruned = rollout.prune(release.app(), release.env(),
                    PruneCandidates.of(history, manifests));
            if (options.waitForHealth()) {
                health = rollout.await(manifests, deadline, this::checkpoint);
            }
        } catch (LockLostException e) {
            throw lost(release, e);
        } catch (DeployInterruptedException e) {
            return interrupted(release, manifests, e.getMessage(), current, history, store);
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
        return fail(release, manifests, reason, failure, current, history, store);
    }

    private DeployResult fail(Release release, List<Manifest> manifests, String reason, PaycliException failure,
                              Optional<Release> current, List<Release> history, ReleaseStore store) {
        String outcome;
        Result result = Result.FAILED;
        if (options.rollback() && current.isPresent()) {
            outcome = rollBack(release, manifests, current.get(), history);
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
            throw new ReleaseFailedException(failure.exitCode(), message, failed, failure);
        }
        throw new DeployFailedException(message, failed);
    }

    /**
     * Applies the current revision again and prunes what the failed release added; the ConfigMaps of recent
     * successful revisions stay. Returns what happened, for the record and the error.
     */
    private String rollBack(Release failed, List<Manifest> failedManifests, Release current, List<Release> history) {
        events.accept(DeployEvent.step(Step.ROLLBACK, Kind.STARTED, "back to revision " + current.revision()));
        try {
            Instant deadline = clock.instant().plus(options.timeout());
            cluster.retryUntil(deadline);
            List<Manifest> previous = preScale.keepActive(ManifestYaml.readManifests(current.manifests(),
                    "revision " + current.revision()), clock.instant());
            // A signal during a rollback cuts its wait short, never its apply: the previous revision goes back whole.
            Rollout restore = new Rollout(cluster, events, options.failFastGrace(), lock::ensureHeld);
            restore.apply(previous, failedManifests, deadline, options.waitForHealth());
            restore.prune(failed.app(), failed.env(), PruneCandidates.without(PruneCandidates.refs(failedManifests),
                    previous, PruneCandidates.configMapsOf(history)));
            Health health = options.waitForHealth() ? restore.await(previous, deadline, this::checkpoint)
                    : Health.ok();
            String outcome = health.healthy()
                    ? "rolled back to revision " + current.revision() + " (" + current.tag() + ")"
                    : "rollback to revision " + current.revision() + " is not healthy either: " + health.reason();
            events.accept(DeployEvent.step(Step.ROLLBACK, health.healthy() ? Kind.DONE : Kind.FAILED, outcome));
            return outcome;
        } catch (LockLostException e) {
            throw lost(failed, e);
        } catch (DeployInterruptedException e) {
            String outcome = "rolled back to revision " + current.revision() + " (" + current.tag() + ") without"
                    + " waiting for its health (" + e.getMessage() + ")";
            events.accept(DeployEvent.step(Step.ROLLBACK, Kind.DONE, outcome));
            return outcome;
        } catch (PaycliException e) {
            String outcome = "rollback to revision " + current.revision() + " failed: " + e.getMessage();
            events.accept(DeployEvent.step(Step.ROLLBACK, Kind.FAILED, outcome));
            return outcome;
        }
    }

    /**
     * Stopped on request: puts the revision in place back (apply only, no wait, unless --no-rollback), records
     * the run as interrupted and says all of it in one line. The lock is released by the caller.
     */
    private DeployResult interrupted(Release release, List<Manifest> stopped, String why, Optional<Release> current,
                                     List<Release> history, ReleaseStore store) {
        String outcome;
        if (!options.rollback() || current.isEmpty()) {
            outcome = current.isEmpty() ? "nothing to put back (first revision)" : "left as it is (--no-rollback)";
        } else {
            Release previous = current.get();
            events.accept(DeployEvent.step(Step.ROLLBACK, Kind.STARTED, "back to revision " + previous.revision()
                    + " without waiting for it"));
            Rollout putBack = new Rollout(cluster, events, options.failFastGrace(), lock::ensureHeld);
            // A stopped deploy must end within seconds: CI kills soon after it signals.
            Instant deadline = clock.instant().plus(STOP_WITHIN);
            cluster.retryUntil(deadline);
            try {
                List<Manifest> manifests = preScale.keepActive(ManifestYaml.readManifests(previous.manifests(),
                        "revision " + previous.revision()), clock.instant());
                putBack.apply(manifests, stopped, deadline);
                putBack.prune(release.app(), release.env(), PruneCandidates.without(PruneCandidates.refs(stopped),
                        manifests, PruneCandidates.configMapsOf(history)));
                outcome = "put revision " + previous.revision() + " (" + previous.tag() + ") back without waiting for"
                        + " its health";
                events.accept(DeployEvent.step(Step.ROLLBACK, Kind.DONE, outcome));
            } catch (LockLostException e) {
                throw lost(release, e);
            } catch (PaycliException e) {
                outcome = "putting revision " + previous.revision() + " back failed: " + e.getMessage();
                events.accept(DeployEvent.step(Step.ROLLBACK, Kind.FAILED, outcome));
            }
        }
        Release record = finish(release, Result.INTERRUPTED, why + "; " + outcome);
        String recordProblem = record(store, record, lock::ensureHeld);
        throw new DeployInterruptedException("deploy of " + release.app() + " " + release.tag() + " (revision "
                + release.revision() + ") " + why + ": " + outcome + "; recorded as interrupted" + recordProblem
                + "; lock released", record);
    }

    private LockLostException lost(Release release, LockLostException e) {
        events.accept(DeployEvent.step(Step.LOCK, Kind.FAILED, e.getMessage()));
        String message = "deploy of " + release.app() + " " + release.tag() + " (revision " + release.revision()
                + ") stopped: " + e.getMessage() + "; nothing was rolled back or recorded";
        return e instanceof ServerLostException ? new ServerLostException(message) : new LockLostException(message);
    }

    /**
     * The render is the latest revision, which succeeded. Applying it again puts back every value paycli renders
     * that someone changed (the apply is forced), re-creates objects deleted by hand, and adopts objects changed
     * by {@code kubectl apply}, so that what it added goes. Fields that other tools added (kubectl edit or
     * patch, controllers) stay: a server-side apply removes only what its own manager owned. Returns the objects
     * the apply changed; the server writes nothing for the others.
     */
    private List<ObjectRef> reapply(Release latest, List<Manifest> manifests, List<Release> history) {
        List<ObjectRef> drifted = rollout.reapply(manifests, clock.instant().plus(options.timeout()));
        List<ObjectRef> pruned = rollout.prune(latest.app(), latest.env(), PruneCandidates.of(history, manifests));
        List<ObjectRef> changed = new ArrayList<>(drifted);
        changed.addAll(pruned);
        return changed;
    }

    private DeployResult unchanged(Release latest) {
        events.accept(DeployEvent.step(Step.RECORD, Kind.DONE, "no changes: revision " + latest.revision() + " ("
                + latest.tag() + ") is what this render produces, and the cluster matches it"));
        return new DeployResult(latest, true, List.of(), List.of(), false);
    }

    private String record(ReleaseStore store, Release release) {
        return record(store, release, lock::ensureHeld);
    }

    /** Writes the record and trims history; a failure here is reported, not thrown over the deploy's outcome. */
    private String record(ReleaseStore store, Release release, Runnable check) {
        events.accept(DeployEvent.step(Step.RECORD, Kind.STARTED, "revision " + release.revision()));
        check.run();
        cluster.retryUntil(null);
        try {
            store.record(release, KEEP_REVISIONS);
            events.accept(DeployEvent.step(Step.RECORD, Kind.DONE,
                    "revision " + release.revision() + " " + release.result().name().toLowerCase().replace('_', ' ')));
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

    private static List<Manifest> manifestsOf(Optional<Release> release) {
        return release.map(r -> ManifestYaml.readManifests(r.manifests(), "revision " + r.revision()))
                .orElse(List.of());
    }
}
