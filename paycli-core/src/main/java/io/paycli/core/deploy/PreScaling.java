package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.DeployLock;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import io.paycli.core.render.ManifestYaml;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code paycli scale} and {@code scale --revert} on one app: under the app's deploy lock, on the HPA of the
 * revision in place, each recorded as a history entry of its own.
 */
final class PreScaling {
    private final ClusterGateway cluster;
    private final Target target;
    private final Consumer<DeployEvent> events;

    PreScaling(ClusterGateway cluster, Target target, Consumer<DeployEvent> events) {
        this.cluster = cluster;
        this.target = target;
        this.events = events;
    }

    /** Bounds that an HPA accepts: both at least 1, min not above max. Checked before anything is read. */
    static void checkBounds(int min, int max) {
        if (min < 1 || max < 1) {
            throw new InvalidInputException("--min and --max must be at least 1 (got --min " + min + " --max " + max
                    + ")");
        }
        if (min > max) {
            throw new InvalidInputException("--min " + min + " is above --max " + max + ": give a min no larger than"
                    + " the max");
        }
    }

    PreScaleResult scale(int min, int max, Instant until, String reason, String user, String holder, Instant now) {
        checkBounds(min, max);
        try (DeployLock lock = lock(holder)) {
            Manifest hpa = hpaInPlace(current().orElseThrow(() -> new InvalidInputException(target.app() + " ("
                    + target.env() + ") has no successful release in " + target.namespace()
                    + ": deploy it, with hpa.enabled, before pre-scaling")));
            PreScale preScale = new PreScale(cluster, events, lock::ensureHeld);
            Optional<PreScaleOverride> existing = preScale.live(ObjectRef.of(hpa));
            // A second override keeps the values from before the first, so that a revert goes back to them.
            int[] before = existing.filter(o -> o.previousMin() != null && o.previousMax() != null)
                    .map(o -> new int[] {o.previousMin(), o.previousMax()}).orElseGet(() -> preScale.liveBounds(hpa));
            PreScaleOverride o = new PreScaleOverride(ObjectRef.of(hpa), min, max, until, user, reason, now,
                    before[0], before[1]);
            if (until != null && !until.isAfter(now)) {
                events.accept(DeployEvent.step(Step.APPLY, Kind.WARNING, "--until " + until + " has passed: the next"
                        + " deploy or paycli reconcile puts the template's values back"));
            }
            preScale.write(hpa, o);
            String message = "pre-scaled HPA " + hpa.name() + " to min " + min + " max " + max
                    + (o.until() == null ? " with no end" : " until " + o.until()) + " by " + user + ": " + reason;
            events.accept(DeployEvent.resource(Step.APPLY, o.hpa(), message + " (was " + o.previous() + ")"));
            lock.ensureHeld();
            Release entry = PreScaleRecords.record(cluster.releases(target.namespace()), target.app(), target.env(),
                    user, now, message).orElse(null);
            return new PreScaleResult(o, entry, true, message);
        }
    }

    PreScaleResult revert(String user, String holder, Instant now) {
        try (DeployLock lock = lock(holder)) {
            Optional<Release> current = current();
            Optional<Manifest> hpa = current.flatMap(r -> PreScale.hpaOf(manifests(r)));
            PreScale preScale = new PreScale(cluster, events, lock::ensureHeld);
            Optional<PreScaleOverride> existing = hpa.flatMap(h -> preScale.live(ObjectRef.of(h)));
            if (existing.isEmpty()) {
                return new PreScaleResult(null, null, false, target.app() + " (" + target.env() + ") has no pre-scale"
                        + " override: nothing to revert");
            }
            preScale.revert(hpa.get());
            String message = PreScaleRecords.reverted(existing.get(), PreScale.bounds(hpa.get()), " by " + user);
            events.accept(DeployEvent.resource(Step.APPLY, existing.get().hpa(), message));
            lock.ensureHeld();
            Release entry = PreScaleRecords.record(cluster.releases(target.namespace()), target.app(), target.env(),
                    user, now, message).orElse(null);
            return new PreScaleResult(existing.get(), entry, true, message);
        }
    }

    /** The override on the HPA of the revision in place, if any. */
    Optional<PreScaleOverride> live() {
        return current().flatMap(r -> PreScale.hpaOf(manifests(r)))
                .flatMap(h -> new PreScale(cluster, events, () -> { }).live(ObjectRef.of(h)));
    }

    private DeployLock lock(String holder) {
        events.accept(DeployEvent.step(Step.LOCK, Kind.STARTED, "lock " + target.app() + " in " + target.namespace()));
        DeployLock lock = cluster.lock(target.namespace(), target.app(), holder, ReleasePipeline.LOCK_TTL);
        events.accept(DeployEvent.step(Step.LOCK, Kind.DONE, "held by " + lock.holder()));
        return lock;
    }

    private Optional<Release> current() {
        return cluster.releases(target.namespace()).list(target.app(), target.env()).stream()
                .filter(r -> r.result() == Result.SUCCEEDED).findFirst();
    }

    private Manifest hpaInPlace(Release current) {
        return PreScale.hpaOf(manifests(current)).orElseThrow(() -> new InvalidInputException(target.app() + " ("
                + target.env() + ") has no autoscaler: revision " + current.revision() + " has no"
                + " HorizontalPodAutoscaler; enable one with hpa.enabled: true (and hpa.min, hpa.max) in paycli.yaml"
                + " and deploy, then scale"));
    }

    private static List<Manifest> manifests(Release r) {
        return ManifestYaml.readManifests(r.manifests(), "revision " + r.revision());
    }
}
