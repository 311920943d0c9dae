package io.paycli.core.cluster;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a pod was made from a workload's current pod template, judged from the pod alone (no ReplicaSet or
 * ControllerRevision is read): it carries every label of the template, runs its images, and uses every ConfigMap
 * and Secret it names. A workload's selector also selects the pods of its earlier templates while they go away,
 * such as those of a failed release during the rollback that replaces them; the labels and images tell a new tag
 * apart, the ConfigMap names (which carry a content hash) a new config. Pure.
 */
final class PodTemplates {

    /** The fields that name a ConfigMap or Secret in a pod spec, and the key of the name in each. */
    private static final Map<String, String> REFERENCES = Map.of("configMap", "name", "configMapRef", "name",
            "configMapKeyRef", "name", "secret", "secretName", "secretRef", "name", "secretKeyRef", "name");

    private PodTemplates() {
    }

    /** Whether {@code pod} was made from {@code template} (a workload's spec.template). */
    static boolean madeFrom(Map<String, Object> pod, Map<String, Object> template) {
        Map<String, Object> labels = Fields.map(pod, "metadata", "labels");
        for (Map.Entry<String, Object> label : Fields.map(template, "metadata", "labels").entrySet()) {
            if (!String.valueOf(label.getValue()).equals(String.valueOf(labels.get(label.getKey())))) {
                return false;
            }
        }
        Map<String, String> running = images(pod);
        for (Map.Entry<String, String> image : images(template).entrySet()) {
            String actual = running.get(image.getKey());
            // An admission webhook may pin the tag to its digest: "repo:tag" runs as "repo:tag@sha256:...".
            if (actual != null && !actual.equals(image.getValue()) && !actual.startsWith(image.getValue() + "@")) {
                return false;
            }
        }
        return references(pod).containsAll(references(template));
    }

    /** Container name to image, of a pod or a pod template. */
    private static Map<String, String> images(Map<String, Object> podOrTemplate) {
        Map<String, String> images = new HashMap<>();
        for (String list : new String[] {"initContainers", "containers"}) {
            for (Map<String, Object> container : Fields.maps(podOrTemplate, "spec", list)) {
                images.put(String.valueOf(container.get("name")), String.valueOf(container.get("image")));
            }
        }
        return images;
    }

    /** "configMap NAME" and "secret NAME" for each ConfigMap and Secret the spec names, anywhere in it. */
    private static Set<String> references(Map<String, Object> podOrTemplate) {
        Set<String> names = new HashSet<>();
        collect(podOrTemplate.get("spec"), names);
        return names;
    }

    private static void collect(Object node, Set<String> names) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String nameKey = REFERENCES.get(String.valueOf(key));
                if (nameKey != null && value instanceof Map<?, ?> ref && ref.get(nameKey) != null) {
                    names.add((String.valueOf(key).startsWith("secret") ? "secret " : "configMap ")
                            + ref.get(nameKey));
                }
                collect(value, names);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, names));
        }
    }
}
