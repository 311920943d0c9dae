package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ManifestSet;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.render.ManifestYaml;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes to an app's HPA for a pre-scale override. The override's bounds and annotations are applied under their
 * own field manager, {@value #MANAGER}, so that paycli's apply and the override can be told apart; a revert first
 * applies the template's HPA under {@code paycli} (which takes the bounds back), then gives up every field of
 * {@value #MANAGER}, so the annotations go and the HPA is never without its bounds.
 */
final class PreScale {
    static final String MANAGER = "paycli-prescale";
    static final String KIND = "HorizontalPodAutoscaler";

    private final ClusterGateway cluster;
    private final Consumer<DeployEvent> events;
    private final Runnable checkpoint;

    /** {@code checkpoint} runs before every write: the lock must still be held. */
    PreScale(ClusterGateway cluster, Consumer<DeployEvent> events, Runnable checkpoint) {
        this.cluster = cluster;
        this.events = events;
        this.checkpoint = checkpoint;
    }

    /** The HPA of a set of manifests, if it has one. */
    static Optional<Manifest> hpaOf(List<Manifest> manifests) {
        return manifests.stream().filter(m -> m.kind().equals(KIND)).findFirst();
    }

    /** The override the live HPA carries, if any. */
    Optional<PreScaleOverride> live(ObjectRef hpa) {
        return cluster.get(hpa).flatMap(live -> PreScaleOverride.of(hpa, live));
    }

    /** The live bounds of the HPA, else those of the manifest: {min, max}. */
    int[] liveBounds(Manifest hpa) {
        Map<String, Object> body = cluster.get(ObjectRef.of(hpa)).orElse(hpa.body());
        Map<?, ?> spec = body.get("spec") instanceof Map<?, ?> s ? s : Map.of();
        int min = spec.get("minReplicas") instanceof Number n ? n.intValue() : 1;
        int max = spec.get("maxReplicas") instanceof Number n ? n.intValue() : min;
        return new int[] {min, max};
    }

    /** Applies the override's bounds and annotations under {@value #MANAGER}. */
    @SuppressWarnings("unchecked")
    void write(Manifest hpa, PreScaleOverride o) {
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put(PreScaleOverride.BY, o.by());
        annotations.put(PreScaleOverride.REASON, o.reason());
        if (o.until() != null) {
            annotations.put(PreScaleOverride.UNTIL, o.until().toString());
        }
        annotations.put(PreScaleOverride.AT, o.at().toString());
        annotations.put(PreScaleOverride.PREVIOUS_MIN, String.valueOf(o.previousMin()));
        annotations.put(PreScaleOverride.PREVIOUS_MAX, String.valueOf(o.previousMax()));
        Map<String, Object> body = bare(hpa);
        ((Map<String, Object>) body.get("metadata")).put("annotations", annotations);
        body.put("spec", Map.of("minReplicas", o.min(), "maxReplicas", o.max()));
        events.accept(DeployEvent.manifests("pre-scale of HPA " + hpa.name() + ", applied by field manager " + MANAGER,
                ManifestYaml.write(List.of(new Manifest(hpa.apiVersion(), hpa.kind(), hpa.namespace(), hpa.name(),
                        body, hpa.source())))));
        checkpoint.run();
        cluster.applyAs(new Manifest(hpa.apiVersion(), hpa.kind(), hpa.namespace(), hpa.name(), body, hpa.source()),
                MANAGER);
    }

    /** Puts the template's HPA back under paycli, then removes what only the override owned. */
    void revert(Manifest templateHpa) {
        events.accept(DeployEvent.manifests("revert of the pre-scale of HPA " + templateHpa.name() + ": the template's"
                + " HPA, applied by paycli", ManifestYaml.write(List.of(templateHpa))));
        checkpoint.run();
        cluster.apply(templateHpa, false);
        checkpoint.run();
        cluster.applyAs(new Manifest(templateHpa.apiVersion(), templateHpa.kind(), templateHpa.namespace(),
                templateHpa.name(), bare(templateHpa), templateHpa.source()), MANAGER);
    }

    /**
     * Before a deploy applies {@code manifests}: an override in force is kept (its bounds replace the render's, so
     * paycli's apply leaves them), and said; an expired one is reverted to the render's bounds, said, and its
     * history message handed to {@code recordExpired}. Returns the manifests to apply.
     */
    List<Manifest> keepDuringDeploy(List<Manifest> manifests, Instant now, Consumer<String> recordExpired) {
        Optional<Manifest> hpa = hpaOf(manifests);
        Optional<PreScaleOverride> override = hpa.flatMap(h -> live(ObjectRef.of(h)));
        if (override.isEmpty()) {
            return manifests;
        }
        PreScaleOverride o = override.get();
        if (!o.activeAt(now)) {
            revert(hpa.get());
            String entry = PreScaleRecords.reverted(o, bounds(hpa.get()), " as it had expired, at a deploy");
            events.accept(DeployEvent.step(Step.APPLY, Kind.WARNING, entry));
            recordExpired.accept(entry);
            return manifests;
        }
        events.accept(DeployEvent.step(Step.APPLY, Kind.WARNING, "HPA " + o.hpa().name()
                + " keeps the pre-scale override " + o.describe()));
        return keep(manifests, hpa.get(), o);
    }

    /** The manifests with a live override in force kept, without a word: for putting a revision back. */
    List<Manifest> keepActive(List<Manifest> manifests, Instant now) {
        Optional<Manifest> hpa = hpaOf(manifests);
        Optional<PreScaleOverride> override = hpa.flatMap(h -> live(ObjectRef.of(h))).filter(o -> o.activeAt(now));
        return override.isEmpty() ? manifests : keep(manifests, hpa.get(), override.get());
    }

    /** The set as a deploy would apply it now: with an override in force kept; for a diff and a dry run. */
    static ManifestSet keptIn(ClusterGateway cluster, ManifestSet set, Instant now) {
        List<Manifest> kept = new PreScale(cluster, e -> { }, () -> { }).keepActive(set.manifests(), now);
        return kept == set.manifests() ? set : new ManifestSet(set.app(), set.env(), set.namespace(), set.tag(),
                set.image(), set.template(), set.templateVersion(), set.catalogCommit(), set.configMapName(),
                set.configHash(), kept);
    }

    private static List<Manifest> keep(List<Manifest> manifests, Manifest hpa, PreScaleOverride o) {
        List<Manifest> kept = new ArrayList<>(manifests);
        kept.replaceAll(m -> m == hpa ? withBounds(m, o.min(), o.max()) : m);
        return kept;
    }

    /** The min and max a rendered HPA sets. */
    static int[] bounds(Manifest hpa) {
        Map<?, ?> spec = hpa.body().get("spec") instanceof Map<?, ?> s ? s : Map.of();
        int min = spec.get("minReplicas") instanceof Number n ? n.intValue() : 1;
        int max = spec.get("maxReplicas") instanceof Number n ? n.intValue() : min;
        return new int[] {min, max};
    }

    @SuppressWarnings("unchecked")
    private static Manifest withBounds(Manifest hpa, int min, int max) {
        Map<String, Object> body = new LinkedHashMap<>(hpa.body());
        Map<String, Object> spec = body.get("spec") instanceof Map<?, ?> s
                ? new LinkedHashMap<>((Map<String, Object>) s) : new LinkedHashMap<>();
        spec.put("minReplicas", min);
        spec.put("maxReplicas", max);
        body.put("spec", spec);
        return new Manifest(hpa.apiVersion(), hpa.kind(), hpa.namespace(), hpa.name(), body, hpa.source());
    }

    /** An object that names only itself: applied under a manager, it gives up every field that manager had. */
    private static Map<String, Object> bare(Manifest hpa) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", hpa.name());
        if (hpa.namespace() != null) {
            metadata.put("namespace", hpa.namespace());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", hpa.apiVersion());
        body.put("kind", hpa.kind());
        body.put("metadata", metadata);
        return body;
    }
}
