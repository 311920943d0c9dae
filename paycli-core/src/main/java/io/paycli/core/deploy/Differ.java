package io.paycli.core.deploy;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.error.MissingNamespaceException;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ManifestSet;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import io.paycli.core.render.Labels;
import io.paycli.core.render.ManifestYaml;
import io.paycli.core.render.Renderer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares what the server would store (a server-side dry-run apply) with what it stores now,
 * leaving out the fields the server manages, so that only real changes show.
 */
final class Differ {
    private static final Set<String> SERVER_METADATA = Set.of("managedFields", "resourceVersion", "uid",
            "creationTimestamp", "generation", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");
    private static final Set<String> SERVER_ANNOTATIONS = Set.of("deployment.kubernetes.io/revision",
            "kubectl.kubernetes.io/last-applied-configuration");

    private Differ() {
    }

    static Diff diff(ClusterGateway cluster, ManifestSet set) {
        try {
            return diffLive(cluster, set);
        } catch (MissingNamespaceException e) {
            // A server refuses even a dry run into a missing namespace (404): before the first deploy, all is new.
            if (!e.namespace().equals(set.namespace())) {
                throw e;
            }
            List<Diff.ObjectDiff> diffs = new ArrayList<>();
            for (Manifest m : set.manifests()) {
                ObjectRef ref = ObjectRef.of(m);
                diffs.add(new Diff.ObjectDiff(ref, Diff.Change.ADDED, unified(ref, "", text(m.body()))));
            }
            return new Diff(diffs, set.namespace());
        }
    }

    private static Diff diffLive(ClusterGateway cluster, ManifestSet set) {
        List<Diff.ObjectDiff> diffs = new ArrayList<>();
        Set<String> rendered = new HashSet<>();
        Autoscaling autoscaling = new Autoscaling(set.manifests(), List.of());
        for (Manifest m : set.manifests()) {
            ObjectRef ref = ObjectRef.of(m);
            rendered.add(ref.kind() + "/" + ref.name());
            Optional<Map<String, Object>> live = cluster.get(ref);
            // A deploy hands spec.replicas over first and so keeps the count; show that, not a reset to 1.
            OptionalInt kept = autoscaling.scaled(m) ? cluster.handOverReplicas(m, true) : OptionalInt.empty();
            String after = text(cluster.apply(kept.isPresent() ? Autoscaling.withReplicas(m, kept.getAsInt()) : m,
                    true));
            String before = live.map(Differ::text).orElse("");
            Diff.Change change = live.isEmpty() ? Diff.Change.ADDED
                    : before.equals(after) ? Diff.Change.UNCHANGED : Diff.Change.CHANGED;
            diffs.add(new Diff.ObjectDiff(ref, change, unified(ref, before, after)));
        }
        // What a deploy would prune: objects of the revisions in place (from the release records) that the render
        // no longer holds and that still carry the app's labels. Old ConfigMaps stay for the pods and rollbacks of
        // recent revisions, so they are no deletions.
        List<Release> history = cluster.releases(set.namespace()).list(set.app(), set.env());
        Map<String, String> inventory = Labels.inventory(set.app(), set.env());
        for (ObjectRef gone : PruneCandidates.of(PruneCandidates.inPlace(history), set.manifests(), Set.of())) {
            if (gone.kind().equals("ConfigMap") || rendered.contains(gone.kind() + "/" + gone.name())) {
                continue;
            }
            Optional<Map<String, Object>> live = cluster.get(gone);
            if (live.isPresent() && Rollout.carries(live.get(), inventory)) {
                diffs.add(new Diff.ObjectDiff(gone, Diff.Change.DELETED, unified(gone, text(live.get()), "")));
            }
        }
        return new Diff(diffs);
    }

    /** The object without what the server fills in, as YAML with sorted keys. */
    @SuppressWarnings("unchecked")
    static String text(Map<String, Object> object) {
        Map<String, Object> copy = new TreeMap<>(object);
        copy.remove("status");
        if (copy.get("metadata") instanceof Map<?, ?> meta) {
            Map<String, Object> metadata = new TreeMap<>((Map<String, Object>) meta);
            SERVER_METADATA.forEach(metadata::remove);
            if (metadata.get("annotations") instanceof Map<?, ?> a) {
                Map<String, Object> annotations = new TreeMap<>((Map<String, Object>) a);
                SERVER_ANNOTATIONS.forEach(annotations::remove);
                metadata.put("annotations", annotations);
                if (annotations.isEmpty()) {
                    metadata.remove("annotations");
                }
            }
            copy.put("metadata", metadata);
        }
        return ManifestYaml.writeDocument(Renderer.canonical(copy));
    }

    private static String unified(ObjectRef ref, String before, String after) {
        List<String> a = before.isEmpty() ? List.of() : before.lines().toList();
        List<String> b = after.isEmpty() ? List.of() : after.lines().toList();
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("live/" + ref, "rendered/" + ref, a,
                DiffUtils.diff(a, b), 3);
        return String.join("\n", lines) + (lines.isEmpty() ? "" : "\n");
    }
}
