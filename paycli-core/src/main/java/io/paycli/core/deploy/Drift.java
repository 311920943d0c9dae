package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ManifestSet;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import io.paycli.core.render.ManifestYaml;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Whether the live objects of a release still match what it recorded: {@code paycli diff}'s comparison (a
 * server-side dry-run apply of the recorded manifests against the live objects, pre-scale overrides and HPA-owned
 * replicas kept) over a release record instead of a render, with the fields that differ named.
 */
public final class Drift {

    /** One object that is not as recorded: missing, or changed in the named fields (live value, recorded value). */
    public record ObjectDrift(ObjectRef ref, Diff.Change change, List<FieldChange> fields, String unified) {
    }

    private Drift() {
    }

    /** The objects of {@code release} (in the cluster's namespace of that release) that differ from its record. */
    public static List<ObjectDrift> of(ClusterGateway cluster, Release release, Instant now) {
        List<Manifest> manifests = ManifestYaml.readManifests(release.manifests(), "revision " + release.revision());
        ManifestSet set = PreScale.keptIn(cluster, new ManifestSet(release.app(), release.env(), release.namespace(),
                release.tag(), release.image(), release.template(), release.templateVersion(),
                release.catalogCommit(), null, release.configHash(), manifests), now);
        Autoscaling autoscaling = new Autoscaling(set.manifests(), List.of());
        List<ObjectDrift> drifts = new ArrayList<>();
        for (Diff.ObjectDiff d : Differ.diff(cluster, set).objects()) {
            if (d.change() == Diff.Change.UNCHANGED || d.change() == Diff.Change.DELETED) {
                continue;
            }
            List<FieldChange> fields = List.of();
            if (d.change() == Diff.Change.CHANGED) {
                Manifest m = set.manifests().stream().filter(x -> ObjectRef.of(x).equals(d.ref())).findFirst()
                        .orElseThrow();
                OptionalInt kept = autoscaling.scaled(m) ? cluster.handOverReplicas(m, true) : OptionalInt.empty();
                Map<String, Object> after = cluster.apply(kept.isPresent()
                        ? Autoscaling.withReplicas(m, kept.getAsInt()) : m, true);
                fields = FieldChange.between(normal(cluster.get(d.ref()).orElse(Map.of())), normal(after));
            }
            drifts.add(new ObjectDrift(d.ref(), d.change(), fields, d.unified()));
        }
        return drifts;
    }

    private static Map<String, Object> normal(Map<String, Object> object) {
        List<Map<String, Object>> docs = ManifestYaml.read(Differ.text(object), "live object");
        return docs.isEmpty() ? Map.of() : docs.get(0);
    }
}
