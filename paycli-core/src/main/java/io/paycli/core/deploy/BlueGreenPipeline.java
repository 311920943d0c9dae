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
import io.paycli.core.model.BlueGreenConfig;
import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.BlueGreenState.Phase;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import io.paycli.core.render.BlueGreenLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A release of a blue-green app, under its deploy lock: the render goes to the idle colour, which is raised to the
 * capacity that serves, waited for (with the fail-fast of a rolling deploy) and smoke-checked on the preview
 * Service; then one patch of the Service moves traffic, or, without autoPromote, the release waits on preview.
 * Until the switch, traffic is never touched: a failure scales the new colour to 0 and exits 5.
 */
final class BlueGreenPipeline {
    private final ClusterGateway cluster;
    private final DeployOptions options;
    private final Consumer<DeployEvent> events;
    private final Clock clock;
    private final BlueGreenConfig config;
    private DeployLock lock;

    BlueGreenPipeline(ClusterGateway cluster, DeployOptions options, Consumer<DeployEvent> events, Clock clock,
                      BlueGreenConfig config) {
        this.cluster = cluster;
        this.options = options;
        this.events = events;
        this.clock = clock;
        this.config = config;
    }

    /** {@code template}: the release's objects as its template renders them, without colours, in apply order. */
    DeployResult run(Release next, List<Manifest> template, String holder) {
        String ns = next.namespace();
        cluster.releases(ns).requireFits(next);
        events.accept(DeployEvent.step(Step.LOCK, Kind.STARTED, "lock " + next.app() + " in " + ns));
        try (DeployLock held = cluster.lock(ns, next.app(), holder, ReleasePipeline.LOCK_TTL)) {
            lock = held;
            events.accept(DeployEvent.step(Step.LOCK, Kind.DONE, "held by " + held.holder()));
            PreScale preScale = new PreScale(cluster, events, this::checkpoint);
            List<Manifest> kept = preScale.keepDuringDeploy(template, clock.instant(), entry -> PreScaleRecords
                    .record(cluster.releases(ns), next.app(), next.env(), options.user(), clock.instant(), entry));
            ReleaseStore store = cluster.releases(ns);
            List<Release> history = store.list(next.app(), next.env());
            Optional<Release> current = history.stream().filter(r -> r.result() == Result.SUCCEEDED).findFirst();
            if (options.cancellation().cancelled()) {
                throw new DeployInterruptedException("deploy of " + next.app() + " " + next.tag() + " interrupted by "
                        + options.cancellation().reason() + " before anything was applied: nothing changed; lock"
                        + " released");
            }
            ColourPlan plan = ColourPlan.of(next, kept, current, history.isEmpty() ? 1 : history.get(0).revision() + 1,
                    config, clock.instant());
            Optional<String> unchanged = plan.unchanged();
            if (unchanged.isPresent()) {
                events.accept(DeployEvent.step(Step.RECORD, Kind.DONE, unchanged.get()));
                return new DeployResult(current.get(), true, List.of(), List.of(), false);
            }
            plan.warnings().forEach(w -> events.accept(DeployEvent.step(Step.APPLY, Kind.WARNING, w)));
            store.requireFits(plan.promoted());
            Release planned = plan.promotes() ? plan.promoted() : plan.preview();
            events.accept(DeployEvent.manifests(next.app() + " " + next.tag() + " to " + next.env() + " (" + ns
                    + "), revision " + planned.revision() + " on " + plan.target().id(), planned.manifests()));
            return putInPlace(plan, current, history, store);
        }
    }

    private void checkpoint() {
        lock.ensureHeld();
        if (options.cancellation().cancelled()) {
            throw new DeployInterruptedException("interrupted by " + options.cancellation().reason());
        }
    }

    private DeployResult putInPlace(ColourPlan plan, Optional<Release> current, List<Release> history,
                                    ReleaseStore store) {
        Release release = plan.release();
        Instant deadline = clock.instant().plus(options.timeout());
        cluster.retryUntil(deadline);
        Rollout rollout = new Rollout(cluster, events, options.failFastGrace(), this::checkpoint);
        ColourSwitch colours = new ColourSwitch(cluster, release.namespace(), release.app(), events, this::checkpoint,
                options.failFastGrace());
        List<ObjectRef> applied;
        Health health;
        try {
            applied = rollout.apply(plan.apply(), current.map(ColourRecords::manifests).orElse(List.of()), deadline);
            colours.raise(plan.target(), colours.capacity(plan.serving(), PreScale.hpaOf(plan.apply()),
                    plan.renderedReplicas()), plan.serving());
            if (!options.waitForHealth()) {
                events.accept(DeployEvent.step(Step.WAIT, Kind.WARNING, "blue-green waits for the new colour even"
                        + " with --no-wait: traffic moves only to a colour that is ready"));
            }
            health = rollout.await(plan.apply(), deadline, this::checkpoint);
            if (health.healthy() && config.smoke() != null) {
                Instant smokeEnd = clock.instant().plus(config.smoke().timeout()).plusSeconds(30);
                health = new SmokeCheck(cluster, events, this::checkpoint).run(config.smoke(), release.app(),
                        release.env(), release.namespace(), release.revision(), plan.apply(),
                        smokeEnd.isBefore(deadline) ? smokeEnd : deadline);
            }
        } catch (LockLostException e) {
            throw lost(release, e);
        } catch (DeployInterruptedException e) {
            return stopped(plan, e.getMessage(), store);
        } catch (PaycliException e) {
            return failed(plan, e.getMessage(), e, store);
        }
        if (!health.healthy()) {
            return failed(plan, health.reason(), null, store);
        }
        try {
            Release done;
            if (plan.promotes()) {
                if (plan.serving() != null) {
                    colours.switchTo(plan.apply(), plan.target());
                }
                colours.settle(plan.target(), plan.apply());
                done = plan.promoted();
            } else {
                done = plan.preview();
            }
            List<ObjectRef> pruned = rollout.prune(release.app(), release.env(),
                    PruneCandidates.of(history, ColourRecords.manifests(done)));
            done = finish(done);
            record(store, done);
            return new DeployResult(done, false, applied, pruned, false);
        } catch (LockLostException e) {
            throw lost(release, e);
        }
    }

    /** Traffic was never moved: the new colour goes to 0, and the record and the error say so. */
    private DeployResult failed(ColourPlan plan, String reason, PaycliException failure,
                                ReleaseStore store) {
        Release release = plan.release();
        String outcome = scaleDown(plan);
        Release failed = finish(plan.failed(plan.serving() == null ? Result.FAILED : Result.ROLLED_BACK,
                reason + "; " + outcome));
        String recordProblem = record(store, failed);
        String message = "deploy of " + release.app() + " " + release.tag() + " (revision " + release.revision()
                + ") failed: " + reason + "; " + outcome + recordProblem;
        if (failure != null && failure.exitCode() != ExitCodes.DEPLOY_FAILED) {
            throw new ReleaseFailedException(failure.exitCode(), message, failed, failure);
        }
        throw new DeployFailedException(message, failed);
    }

    private DeployResult stopped(ColourPlan plan, String why, ReleaseStore store) {
        Release release = plan.release();
        String outcome = scaleDown(plan);
        Release record = finish(plan.failed(Result.INTERRUPTED, why + "; " + outcome));
        String recordProblem = record(store, record);
        throw new DeployInterruptedException("deploy of " + release.app() + " " + release.tag() + " (revision "
                + release.revision() + ") " + why + ": " + outcome + "; recorded as interrupted" + recordProblem
                + "; lock released", record);
    }

    private String scaleDown(ColourPlan plan) {
        String target = BlueGreenLayout.deployment(plan.release().app(), plan.target());
        events.accept(DeployEvent.step(Step.ROLLBACK, Kind.STARTED, "scale " + target + " to 0"));
        // Within seconds even after a signal: CI kills soon after it signals.
        cluster.retryUntil(clock.instant().plus(ReleasePipeline.STOP_WITHIN));
        String traffic = plan.serving() == null ? "nothing served before" : "traffic stayed on " + plan.serving();
        try {
            // The lock is still checked, a stop request no longer: this is what stopping does.
            new ColourScale(cluster, plan.release().namespace(), plan.release().app(), lock::ensureHeld)
                    .set(plan.target(), 0);
            String outcome = traffic + "; " + target + " scaled to 0";
            events.accept(DeployEvent.step(Step.ROLLBACK, Kind.DONE, outcome));
            return outcome;
        } catch (LockLostException e) {
            return traffic + "; " + target + " was not scaled to 0: " + e.getMessage();
        } catch (PaycliException e) {
            String outcome = traffic + "; scaling " + target + " to 0 failed: " + e.getMessage();
            events.accept(DeployEvent.step(Step.ROLLBACK, Kind.FAILED, outcome));
            return outcome;
        }
    }

    private LockLostException lost(Release release, LockLostException e) {
        events.accept(DeployEvent.step(Step.LOCK, Kind.FAILED, e.getMessage()));
        String message = "deploy of " + release.app() + " " + release.tag() + " (revision " + release.revision()
                + ") stopped: " + e.getMessage() + "; traffic was not moved, nothing was scaled down or recorded";
        return e instanceof ServerLostException ? new ServerLostException(message) : new LockLostException(message);
    }

    private String record(ReleaseStore store, Release release) {
        events.accept(DeployEvent.step(Step.RECORD, Kind.STARTED, "revision " + release.revision()));
        cluster.retryUntil(null);
        try {
            if (release.result() == Result.SUCCEEDED) {
                lock.ensureHeld();
            }
            store.record(release, ReleasePipeline.KEEP_REVISIONS);
            events.accept(DeployEvent.step(Step.RECORD, Kind.DONE, "revision " + release.revision() + " "
                    + release.result().name().toLowerCase().replace('_', ' ')));
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

    private Release finish(Release release) {
        long millis = Duration.between(release.startedAt(), clock.instant()).toMillis();
        return release.withOutcome(release.result(), release.message(), millis);
    }

    static boolean inWindow(BlueGreenState state, Instant now) {
        return state != null && (state.phase() == Phase.PROMOTED || state.phase() == Phase.SWITCHED_BACK)
                && state.idleWindowEnd() != null && now.isBefore(state.idleWindowEnd());
    }
}
