package io.paycli.core.deploy;

import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import io.paycli.core.render.ManifestYaml;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What pruning may delete, from the release records rather than by listing kinds: the objects of the revisions
 * in place that the next set no longer holds. Nothing else is ever a candidate, so only kinds that appear in
 * manifests are read or deleted. Each candidate is still confirmed on the server before it is deleted.
 */
final class PruneCandidates {

    /** ConfigMaps of this many recent successful revisions survive pruning, for their pods and for rollbacks. */
    static final int KEEP_CONFIG_REVISIONS = 3;

    private PruneCandidates() {
    }

    /**
     * The records whose objects may be in place: the latest (whatever its outcome) and the last successful one.
     * A first deploy has none, and prunes nothing.
     */
    static List<Release> inPlace(List<Release> history) {
        List<Release> records = new ArrayList<>();
        if (!history.isEmpty()) {
            records.add(history.get(0));
        }
        history.stream().filter(r -> r.result() == Result.SUCCEEDED).findFirst()
                .filter(r -> !records.contains(r)).ifPresent(records::add);
        return records;
    }

    /** Names of the ConfigMaps of the most recent successful revisions. */
    static Set<String> configMapsOf(List<Release> history) {
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

    /** What a deploy of {@code next} prunes, given the recorded history (newest first). */
    static List<ObjectRef> of(List<Release> history, List<Manifest> next) {
        return of(inPlace(history), next, configMapsOf(history));
    }

    /**
     * The objects of {@code inPlace} (records, possibly repeated) that {@code next} does not hold, in reverse apply
     * order; ConfigMaps named in {@code keepConfigMaps} stay for the pods and rollbacks of recent revisions.
     */
    static List<ObjectRef> of(Collection<Release> inPlace, List<Manifest> next, Set<String> keepConfigMaps) {
        Map<String, ObjectRef> candidates = new LinkedHashMap<>();
        for (Release release : inPlace) {
            for (Manifest m : ManifestYaml.readManifests(release.manifests(), "revision " + release.revision())) {
                candidates.putIfAbsent(identity(ObjectRef.of(m)), ObjectRef.of(m));
            }
        }
        return without(new ArrayList<>(candidates.values()), next, keepConfigMaps);
    }

    /** The objects of {@code previous} that {@code next} does not hold, less the kept ConfigMaps. */
    static List<ObjectRef> without(List<ObjectRef> previous, List<Manifest> next, Set<String> keepConfigMaps) {
        Set<String> kept = new HashSet<>();
        next.forEach(m -> kept.add(identity(ObjectRef.of(m))));
        List<ObjectRef> out = new ArrayList<>();
        for (ObjectRef ref : previous) {
            boolean keptConfig = ref.kind().equals("ConfigMap") && keepConfigMaps.contains(ref.name());
            if (!kept.contains(identity(ref)) && !keptConfig) {
                out.add(0, ref);
            }
        }
        return out;
    }

    static List<ObjectRef> refs(List<Manifest> manifests) {
        return manifests.stream().map(ObjectRef::of).toList();
    }

    /** Versions of one kind are views of the same object, so the apiVersion is left out. */
    static String identity(ObjectRef ref) {
        return ref.kind() + "/" + ref.namespace() + "/" + ref.name();
    }
}
