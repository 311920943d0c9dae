package io.paycli.core.deploy;

import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.Colour;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import io.paycli.core.render.BlueGreenLayout;
import io.paycli.core.render.ManifestYaml;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the release records of a blue-green app say about its colours: which revision and tag a colour's Deployment
 * runs (from the annotations paycli puts on it), the objects of the colour a step keeps, and the history entry of
 * a switch, an abort or a scale-down.
 */
final class ColourRecords {
    private ColourRecords() {
    }

    static List<Manifest> manifests(Release r) {
        return ManifestYaml.readManifests(r.manifests(), "revision " + r.revision());
    }

    /** The Deployment of a colour in a recorded set. */
    static Optional<Manifest> deployment(List<Manifest> manifests, String app, Colour colour) {
        return manifests.stream().filter(m -> colour == BlueGreenLayout.colourOf(app, m)).findFirst();
    }

    /** The revision a colour's Deployment says it runs, 0 when it says none. */
    static int revision(Map<String, Object> deployment) {
        String text = annotation(deployment, BlueGreenLayout.REVISION);
        return text == null ? 0 : Integer.parseInt(text);
    }

    static String tag(Map<String, Object> deployment) {
        return annotation(deployment, BlueGreenLayout.TAG);
    }

    private static String annotation(Map<String, Object> object, String key) {
        return object.get("metadata") instanceof Map<?, ?> meta && meta.get("annotations") instanceof Map<?, ?> a
                && a.get(key) instanceof String value ? value : null;
    }

    /** A colour's Deployment in a recorded set, and the ConfigMaps of the set that it uses. */
    static List<Manifest> colourObjects(List<Manifest> recorded, String app, Colour colour) {
        Optional<Manifest> deployment = deployment(recorded, app, colour);
        if (deployment.isEmpty()) {
            return List.of();
        }
        Set<String> used = MountedConfigMaps.referencedBy(deployment.get().body().get("spec") instanceof Map<?, ?> s
                && s.get("template") instanceof Map<?, ?> t ? t.get("spec") : null);
        List<Manifest> objects = new ArrayList<>();
        recorded.stream().filter(m -> m.kind().equals("ConfigMap") && used.contains(m.name())).forEach(objects::add);
        objects.add(deployment.get());
        return objects;
    }

    /** The colour a recorded release runs on: the one on preview, else the one that serves. */
    static Colour colourOfRelease(BlueGreenState state) {
        return state.phase() == BlueGreenState.Phase.PREVIEW ? state.idle() : state.live();
    }

    /** A record's objects as its template rendered them: the release on its own colour, without colours. */
    static List<Manifest> template(Release r) {
        List<Manifest> recorded = manifests(r);
        if (r.blueGreen() == null) {
            return recorded;
        }
        Colour colour = colourOfRelease(r.blueGreen());
        Set<String> mine = new LinkedHashSet<>();
        colourObjects(recorded, r.app(), colour).forEach(m -> mine.add(m.kind() + "/" + m.name()));
        Set<String> others = new LinkedHashSet<>();
        colourObjects(recorded, r.app(), colour.other()).stream()
                .filter(m -> m.kind().equals("ConfigMap") && !mine.contains("ConfigMap/" + m.name()))
                .forEach(m -> others.add(m.name()));
        return BlueGreenLayout.undo(recorded, r.app(), colour, others);
    }

    /** {@code set} and, after it, the objects of {@code kept} it does not hold already (by kind and name). */
    static List<Manifest> with(List<Manifest> set, List<Manifest> kept) {
        Set<String> names = new LinkedHashSet<>();
        set.forEach(m -> names.add(m.kind() + "/" + m.name()));
        List<Manifest> all = new ArrayList<>(set);
        kept.stream().filter(m -> !names.contains(m.kind() + "/" + m.name())).forEach(all::add);
        return all;
    }

    /**
     * A history entry of a step that rolls nothing out (a promotion, an abort, a switch-back, a scale-down): a
     * successful revision after the latest, described by {@code source} (the release the live colour runs), with
     * the objects in place after the step.
     */
    static Release entry(Release source, int revision, String user, Instant at, long millis, String message,
                         String manifests, BlueGreenState state) {
        return new Release(source.app(), source.env(), source.namespace(), revision, source.tag(), source.image(),
                source.template(), source.templateVersion(), source.catalogCommit(), source.configHash(), user, at,
                millis, Result.SUCCEEDED, message, manifests, state);
    }

    /** The same release with another outcome, other objects in place and a blue-green state. */
    static Release with(Release r, Result result, String message, List<Manifest> manifests, BlueGreenState state) {
        return new Release(r.app(), r.env(), r.namespace(), r.revision(), r.tag(), r.image(), r.template(),
                r.templateVersion(), r.catalogCommit(), r.configHash(), r.user(), r.startedAt(), r.durationMillis(),
                result, message, ManifestYaml.write(manifests), state);
    }

    /**
     * What {@code paycli rollback} without a revision goes back to on a blue-green app: the release the colour that
     * served before ran (kept by a promotion or a switch-back), else the newest earlier successful release of
     * another tag. A release waiting on preview is no step back: it is aborted or promoted first.
     */
    static Optional<Release> rollbackSource(List<Release> history) {
        Optional<Release> current = history.stream().filter(r -> r.result() == Result.SUCCEEDED).findFirst();
        BlueGreenState state = current.map(Release::blueGreen).orElse(null);
        if (state == null) {
            return Optional.empty();
        }
        if (state.phase() == BlueGreenState.Phase.PREVIEW) {
            throw new InvalidInputException("revision " + current.get().revision() + " (" + state.idleTag()
                    + ") waits on preview: abort or promote it first; rollback goes back from the release that serves");
        }
        if (state.idleRevision() > 0) {
            Optional<Release> before = find(history, state.idleRevision());
            if (before.isPresent()) {
                return before;
            }
        }
        String serving = current.get().tag();
        return history.stream().filter(r -> r.result() == Result.SUCCEEDED && r.revision() < current.get().revision()
                && !r.tag().equals(serving) && (r.blueGreen() == null
                        || r.blueGreen().phase() != BlueGreenState.Phase.PREVIEW)).findFirst();
    }

    /** The record of a revision, if history still keeps it. */
    static Optional<Release> find(List<Release> history, int revision) {
        return history.stream().filter(r -> r.revision() == revision).findFirst();
    }

    /** "green (1.1.0, revision 5)". */
    static String describe(Colour colour, String tag, int revision) {
        return colour.id() + (tag == null ? "" : " (" + tag + (revision > 0 ? ", revision " + revision : "") + ")");
    }
}
