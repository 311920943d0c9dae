package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.DeployLock;
import io.paycli.core.cluster.Health;
import io.paycli.core.cluster.ReleaseStore;
import io.paycli.core.config.Durations;
import io.paycli.core.error.DeployFailedException;
import io.paycli.core.error.DeployInterruptedException;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.BlueGreenConfig;
import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.BlueGreenState.Phase;
import io.paycli.core.model.Colour;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import io.paycli.core.render.BlueGreenLayout;
import io.paycli.core.render.ManifestYaml;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The blue-green steps that roll nothing out, each under the app's deploy lock and recorded as a revision of its
 * own: {@code promote} (the colour on preview takes traffic), {@code abort} (it goes to 0), and the switch-back of
 * {@code rollback} inside the window. Traffic moves with one patch of the Service, and only to a colour that has
 * at least the ready replicas of the one that serves.
 */
final class ColourSteps {
    private final ClusterGateway cluster;
    private final Target target;
    private final DeployOptions options;
    private final Consumer<DeployEvent> events;
    private final Clock clock;
    private final BlueGreenConfig config;

    ColourSteps(ClusterGateway cluster, Target target, DeployOptions options, Consumer<DeployEvent> events,
                Clock clock, BlueGreenConfig config) {
        this.cluster = cluster;
        this.target = target;
        this.options = options;
        this.events = events;
        this.clock = clock;
        this.config = config;
    }

    DeployResult promote(String holder) {
        try (DeployLock lock = lock(holder)) {
            Steps steps = new Steps(lock);
            BlueGreenState state = steps.preview("promote");
            Release done = steps.switchTo(state.idle(), Phase.PROMOTED, "promoted");
            return new DeployResult(done, false, List.of(), List.of(), false);
        }
    }

    DeployResult abort(String holder) {
        try (DeployLock lock = lock(holder)) {
            Steps steps = new Steps(lock);
            BlueGreenState state = steps.preview("abort");
            steps.colours.scale().set(state.idle(), 0);
            String aborted = ColourRecords.describe(state.idle(), state.idleTag(), state.idleRevision());
            events.accept(DeployEvent.resource(Step.APPLY, steps.colours.scale().ref(state.idle()), "scaled to 0"));
            String serving = steps.describeLive(state.live());
            Release source = steps.releaseOf(state.live());
            Release entry = ColourRecords.entry(source, steps.nextRevision(), options.user(), clock.instant(),
                    0, "aborted " + aborted + ": scaled to 0; traffic stays on " + serving, steps.current.manifests(),
                    new BlueGreenState(state.live(), state.idle(), state.idleTag(), state.idleRevision(), null,
                            Phase.ABORTED));
            steps.record(entry);
            return new DeployResult(entry, false, List.of(), List.of(), false);
        }
    }

    /**
     * Rollback inside the window: switches back to the colour that served before, when it still runs the revision
     * the record names and has replicas. Empty when that is not possible: the caller deploys the revision instead.
     */
    Optional<DeployResult> switchBack(Integer toRevision, String holder) {
        try (DeployLock lock = lock(holder)) {
            Steps steps = new Steps(lock);
            BlueGreenState state = steps.current == null ? null : steps.current.blueGreen();
            if (!BlueGreenPipeline.inWindow(state, clock.instant())
                    || (toRevision != null && toRevision != state.idleRevision())) {
                return Optional.empty();
            }
            Optional<Map<String, Object>> idle = steps.colours.scale().live(state.idle());
            if (idle.isEmpty() || ColourRecords.revision(idle.get()) != state.idleRevision()
                    || ColourScale.number(idle.get(), "spec", "replicas") == 0) {
                return Optional.empty();
            }
            Release done = steps.switchTo(state.idle(), Phase.SWITCHED_BACK, "switched back to");
            return Optional.of(new DeployResult(done, false, List.of(), List.of(), false));
        }
    }

    private DeployLock lock(String holder) {
        events.accept(DeployEvent.step(Step.LOCK, Kind.STARTED, "lock " + target.app() + " in " + target.namespace()));
        DeployLock lock = cluster.lock(target.namespace(), target.app(), holder, ReleasePipeline.LOCK_TTL);
        events.accept(DeployEvent.step(Step.LOCK, Kind.DONE, "held by " + lock.holder()));
        return lock;
    }

    /** One step's view of the app under the lock. */
    private final class Steps {
        final DeployLock lock;
        final ReleaseStore store;
        final List<Release> history;
        final Release current;
        final ColourSwitch colours;

        Steps(DeployLock lock) {
            this.lock = lock;
            this.store = cluster.releases(target.namespace());
            this.history = store.list(target.app(), target.env());
            this.current = history.stream().filter(r -> r.result() == Result.SUCCEEDED).findFirst().orElse(null);
            this.colours = new ColourSwitch(cluster, target.namespace(), target.app(), events, this::checkpoint,
                    options.failFastGrace());
        }

        /** True from the Service patch on: the switch and its record then go through whole. */
        boolean switching;

        void checkpoint() {
            lock.ensureHeld();
            Cancellation stop = options.cancellation();
            if (!switching && stop.cancelled()) {
                throw new DeployInterruptedException("stopped by " + stop.reason() + " before traffic moved: nothing"
                        + " was switched or recorded; lock released");
            }
        }

        /** The state of a release waiting on preview, or a refusal naming what there is instead. */
        BlueGreenState preview(String verb) {
            BlueGreenState state = current == null ? null : current.blueGreen();
            if (state == null || state.phase() != Phase.PREVIEW) {
                String what = current == null ? "has no release in " + target.namespace()
                        : state == null ? "is not blue-green (revision " + current.revision() + " is rolling)"
                        : "has no release waiting on preview (revision " + current.revision() + ": "
                                + current.message() + ")";
                throw new InvalidInputException("nothing to " + verb + ": " + target.app() + " (" + target.env()
                        + ") " + what);
            }
            Optional<Map<String, Object>> idle = colours.scale().live(state.idle());
            if (idle.isEmpty() || ColourRecords.revision(idle.get()) != state.idleRevision()) {
                throw new InvalidInputException("nothing to " + verb + ": " + BlueGreenLayout.deployment(target.app(),
                        state.idle()) + " no longer runs revision " + state.idleRevision() + "; deploy again");
            }
            return state;
        }

        /** Raises {@code to}, switches traffic to it, and records the step. */
        Release switchTo(Colour to, Phase phase, String verb) {
            Instant start = clock.instant();
            Instant deadline = start.plus(options.timeout());
            cluster.retryUntil(deadline);
            List<Manifest> recorded = ColourRecords.manifests(current);
            Colour from = to.other();
            String serving = BlueGreenLayout.deployment(target.app(), from);
            Optional<Map<String, Object>> toLive = colours.scale().live(to);
            String rendered = toLive.map(d -> d.get("metadata") instanceof Map<?, ?> meta
                    && meta.get("annotations") instanceof Map<?, ?> a ? a.get(BlueGreenLayout.REPLICAS) : null)
                    .map(String::valueOf).orElse(null);
            int count = colours.capacity(serving, PreScale.hpaOf(recorded),
                    rendered == null ? null : Integer.valueOf(rendered));
            Health health = colours.raiseAndWait(to, count, serving, deadline);
            String toDescribed = describeLive(to);
            if (!health.healthy()) {
                throw new DeployFailedException(verb + " " + toDescribed + " failed: " + BlueGreenLayout.deployment(
                        target.app(), to) + " did not get " + count + " ready replicas: " + health.reason()
                        + "; traffic stays on " + describeLive(from));
            }
            events.accept(DeployEvent.manifests(target.app() + " (" + target.env() + ") in " + target.namespace() + ": "
                    + verb + " " + toDescribed, ManifestYaml.write(BlueGreenLayout.switchedTo(recorded, target.app(), to))));
            checkpoint();
            switching = true;
            List<Manifest> switched = colours.switchTo(recorded, to);
            colours.settle(to, recorded);
            Map<String, Object> old = colours.scale().live(from).orElse(Map.of());
            String oldTag = ColourRecords.tag(old);
            int oldRevision = ColourRecords.revision(old);
            Instant end = clock.instant().plus(config.scaleDownDelay()).truncatedTo(ChronoUnit.SECONDS);
            String message = verb + " " + toDescribed + ": traffic switched from " + describeLive(from) + " with one"
                    + " Service patch; " + from.id() + " stays up for a switch-back for "
                    + Durations.format(config.scaleDownDelay());
            Release entry = ColourRecords.entry(releaseOf(to), nextRevision(), options.user(), start,
                    Duration.between(start, clock.instant()).toMillis(), message,
                    ManifestYaml.write(switched),
                    new BlueGreenState(to, from, oldTag, oldRevision, end, phase));
            record(entry);
            return entry;
        }

        /** "blue (1.0.0, revision 4)", from what the colour's Deployment says it runs. */
        String describeLive(Colour colour) {
            Map<String, Object> live = colours.scale().live(colour).orElse(Map.of());
            return ColourRecords.describe(colour, ColourRecords.tag(live), ColourRecords.revision(live));
        }

        /** The release a colour runs, for the fields of a history entry; the current one when history lost it. */
        Release releaseOf(Colour colour) {
            int revision = ColourRecords.revision(colours.scale().live(colour).orElse(Map.of()));
            return ColourRecords.find(history, revision).orElse(current);
        }

        int nextRevision() {
            return history.get(0).revision() + 1;
        }

        void record(Release entry) {
            events.accept(DeployEvent.step(Step.RECORD, Kind.STARTED, "revision " + entry.revision()));
            lock.ensureHeld();
            cluster.retryUntil(null);
            store.record(entry, ReleasePipeline.KEEP_REVISIONS);
            events.accept(DeployEvent.step(Step.RECORD, Kind.DONE, "revision " + entry.revision() + ": "
                    + entry.message()));
        }
    }
}
