package io.paycli.core.deploy;

import io.paycli.core.config.Durations;
import io.paycli.core.model.BlueGreenConfig;
import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.BlueGreenState.Phase;
import io.paycli.core.model.Colour;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import io.paycli.core.render.BlueGreenLayout;
import io.paycli.core.render.ManifestYaml;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a blue-green release goes, from the revision in place: the first release of an app goes to blue and
 * serves at once; the first after a rolling one goes to blue next to the rolling Deployment, which is removed
 * after the switch; every later one goes to the colour that does not serve. Also the records each outcome leaves.
 */
final class ColourPlan {
    private final Release release;
    private final List<Manifest> template;
    private final Release current;
    private final BlueGreenState state;
    private final BlueGreenConfig config;
    private final Instant now;
    private final Colour target;
    private final List<Manifest> apply;
    private final List<Manifest> serving;

    private ColourPlan(Release release, List<Manifest> template, Release current, BlueGreenConfig config,
                       Instant now) {
        this.release = release;
        this.template = template;
        this.current = current;
        this.state = current == null ? null : current.blueGreen();
        this.config = config;
        this.now = now;
        String app = release.app();
        BlueGreenLayout layout;
        if (current == null) {
            target = Colour.BLUE;
            layout = BlueGreenLayout.of(app, target, target, target);
        } else if (state == null) {
            target = Colour.BLUE;
            layout = BlueGreenLayout.of(app, target, null, null);
        } else {
            target = state.live().other();
            layout = BlueGreenLayout.of(app, target, state.live(), state.live());
        }
        this.apply = layout.running(release.revision(), release.tag()).apply(template);
        this.serving = state == null ? List.of()
                : ColourRecords.colourObjects(ColourRecords.manifests(current), app, state.live());
    }

    static ColourPlan of(Release next, List<Manifest> template, Optional<Release> current, int revision,
                         BlueGreenConfig config, Instant now) {
        return new ColourPlan(Releases.withRevision(next, revision), template, current.orElse(null), config, now);
    }

    Release release() {
        return release;
    }

    Colour target() {
        return target;
    }

    List<Manifest> apply() {
        return apply;
    }

    /** The Deployment that serves now: none for a first release, the rolling one, or the live colour's. */
    String serving() {
        if (current == null) {
            return null;
        }
        return state == null ? release.app() : BlueGreenLayout.deployment(release.app(), state.live());
    }

    Integer renderedReplicas() {
        return template.stream().filter(m -> m.kind().equals("Deployment") && m.name().equals(release.app()))
                .findFirst().map(Autoscaling::replicas).orElse(null);
    }

    /** A first release, and the first after a rolling one, always serve: nothing else could. */
    boolean promotes() {
        return current == null || state == null || config.autoPromote();
    }

    Release promoted() {
        String app = release.app();
        List<Manifest> switched = BlueGreenLayout.switchedTo(apply, app, target);
        BlueGreenState next;
        String message;
        if (state == null) {
            next = new BlueGreenState(target, target.other(), null, 0, null, Phase.PROMOTED);
            message = release.message() + "; " + target.id() + " serves it" + (current == null ? "" : "; the Service "
                    + app + " switched from the rolling Deployment " + app + ", which is removed");
        } else {
            Optional<Manifest> old = ColourRecords.deployment(serving, app, state.live());
            String oldTag = old.map(m -> ColourRecords.tag(m.body())).orElse(current.tag());
            int oldRevision = old.map(m -> ColourRecords.revision(m.body())).orElse(current.revision());
            Instant end = now.plus(config.scaleDownDelay()).truncatedTo(ChronoUnit.SECONDS);
            next = new BlueGreenState(target, state.live(), oldTag, oldRevision, end, Phase.PROMOTED);
            message = release.message() + "; " + target.id() + " serves it now; "
                    + ColourRecords.describe(state.live(), oldTag, oldRevision) + " stays up for a switch-back for "
                    + Durations.format(config.scaleDownDelay());
        }
        return ColourRecords.with(release, Result.SUCCEEDED, message, ColourRecords.with(switched, serving), next);
    }

    Release preview() {
        BlueGreenState next = new BlueGreenState(state.live(), target, release.tag(), release.revision(), null,
                Phase.PREVIEW);
        return ColourRecords.with(release, Result.SUCCEEDED, release.message() + "; " + target.id() + " runs it, ready"
                + " on " + BlueGreenLayout.preview(release.app()) + "; traffic stays on "
                + state.live().id() + " until paycli promote", ColourRecords.with(apply, serving), next);
    }

    Release failed(Result result, String message) {
        return ColourRecords.with(release, result, message, ColourRecords.with(apply, serving), state);
    }

    /**
     * Said when the render is what a colour runs already: the live colour (nothing to do), or the colour on
     * preview (promote it). Compared object by object as recorded.
     */
    Optional<String> unchanged() {
        if (state == null) {
            return Optional.empty();
        }
        Colour on = state.phase() == Phase.PREVIEW ? state.idle() : state.live();
        List<Manifest> recorded = ColourRecords.manifests(current);
        Optional<Manifest> deployment = ColourRecords.deployment(recorded, release.app(), on);
        if (deployment.isEmpty() || !release.tag().equals(ColourRecords.tag(deployment.get().body()))) {
            return Optional.empty();
        }
        int revision = ColourRecords.revision(deployment.get().body());
        List<Manifest> same = BlueGreenLayout.of(release.app(), on, state.live(), state.live())
                .running(revision, release.tag()).apply(template);
        Map<ObjectRef, String> byRef = new HashMap<>();
        recorded.forEach(m -> byRef.put(ObjectRef.of(m), ManifestYaml.write(List.of(m))));
        for (Manifest m : same) {
            if (!ManifestYaml.write(List.of(m)).equals(byRef.get(ObjectRef.of(m)))) {
                return Optional.empty();
            }
        }
        return Optional.of(state.phase() == Phase.PREVIEW
                ? "no changes: " + on.id() + " runs this render already (revision " + revision + "), ready on "
                        + BlueGreenLayout.preview(release.app()) + "; paycli promote switches traffic to it"
                : "no changes: " + on.id() + " serves this render already (revision " + revision + ")");
    }

    /** What this release replaces that someone may still count on. */
    List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (state == null) {
            return warnings;
        }
        if (state.phase() == Phase.PREVIEW) {
            warnings.add(ColourRecords.describe(state.idle(), state.idleTag(), state.idleRevision())
                    + " was waiting on preview and is replaced by " + release.tag());
        } else if (BlueGreenPipeline.inWindow(state, now)) {
            warnings.add("this release takes over " + ColourRecords.describe(state.idle(), state.idleTag(),
                    state.idleRevision()) + ", kept for a switch-back until " + state.idleWindowEnd()
                    + ": paycli rollback can no longer switch back to it");
        }
        return warnings;
    }
}
