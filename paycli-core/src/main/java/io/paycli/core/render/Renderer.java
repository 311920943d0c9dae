package io.paycli.core.render;

import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ManifestSet;
import io.paycli.core.template.TemplateEngine;
import io.paycli.core.template.TemplatePackage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * (values, config, tag) → manifests. A pure function of its input: the same input gives the same
 * bytes. The generated ConfigMap's name carries its content hash and the templates receive that
 * name, so a config change changes exactly the ConfigMap and the reference to it.
 */
public final class Renderer {
    private static final Set<String> SCALED_KINDS = Set.of("Deployment", "StatefulSet", "ReplicaSet");
    /**
     * The kinds that keep a namespace their template names: an app that deploys others (the proxy agent) is
     * granted its rights in the namespaces it deploys to. Every other namespaced object goes to the environment's.
     */
    private static final Set<String> GRANTS = Set.of("Role", "RoleBinding");

    private final TemplateEngine engine;

    public Renderer(TemplateEngine engine) {
        this.engine = engine;
    }

    public ManifestSet render(RenderInput in, TemplatePackage pkg) {
        ConfigMapGenerator.Generated configMap = in.config().isEmpty() ? null
                : ConfigMapGenerator.generate(in.app() + "-config", in.namespace(), in.config(), true);
        Map<String, Object> context = context(in, configMap);
        Map<String, Object> labels = Labels.common(in, pkg);
        Map<String, Object> annotations = Labels.annotations(pkg);
        boolean hpa = hpaEnabled(in.values());

        List<Manifest> manifests = new ArrayList<>();
        if (configMap != null) {
            manifests.add(finish(configMap.body(), in, labels, annotations, false, "config"));
        }
        for (String file : pkg.files()) {
            String source = pkg.name() + "/" + file;
            String text = engine.render(pkg, file, context);
            for (Map<String, Object> doc : ManifestYaml.read(text, "template " + source + " (rendered)")) {
                manifests.add(finish(doc, in, labels, annotations, hpa, source));
            }
        }
        checkUnique(manifests);
        manifests.sort(Comparator.comparingInt(m -> ApplyOrder.rank(m.kind())));
        return new ManifestSet(in.app(), in.env(), in.namespace(), in.tag(), in.image(), pkg.name(),
                pkg.version(), pkg.catalogCommit(), configMap == null ? null : configMap.name(),
                configMap == null ? null : configMap.hash(), manifests);
    }

    private static Map<String, Object> context(RenderInput in, ConfigMapGenerator.Generated configMap) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("app", in.app());
        context.put("team", in.team());
        context.put("env", in.env());
        context.put("namespace", in.namespace());
        context.put("image", in.image());
        context.put("tag", in.tag());
        context.put("values", in.values());
        context.put("configMap", configMap == null ? "" : configMap.name());
        context.put("selectorLabels", Labels.selector(in.app()));
        return context;
    }

    private static Manifest finish(Map<String, Object> doc, RenderInput in, Map<String, Object> labels,
                                   Map<String, Object> annotations, boolean hpa, String source) {
        String kind = requireString(doc, "kind", source);
        String apiVersion = requireString(doc, "apiVersion", source);
        Map<String, Object> metadata = child(doc, "metadata");
        Object name = metadata.get("name");
        if (!(name instanceof String) || ((String) name).isEmpty()) {
            throw new InvalidInputException("template " + source + " produced a " + kind + " without metadata.name");
        }
        String namespace = null;
        if (!ApplyOrder.CLUSTER_SCOPED.contains(kind)) {
            namespace = GRANTS.contains(kind) && metadata.get("namespace") instanceof String own && !own.isEmpty()
                    ? own : in.namespace();
            metadata.put("namespace", namespace);
        }
        child(metadata, "labels").putAll(labels);
        child(metadata, "annotations").putAll(annotations);
        Map<String, Object> podTemplate = podTemplate(kind, doc);
        if (podTemplate != null) {
            child(child(podTemplate, "metadata"), "labels").putAll(labels);
        }
        if (hpa && SCALED_KINDS.contains(kind)) {
            // The HPA owns the replica count; a rendered count would fight it on every deploy.
            child(doc, "spec").remove("replicas");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> sorted = (Map<String, Object>) canonical(doc);
        return new Manifest(apiVersion, kind, namespace, (String) name, sorted, source);
    }

    private static Map<String, Object> podTemplate(String kind, Map<String, Object> doc) {
        switch (kind) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job":
                return child(child(doc, "spec"), "template");
            case "CronJob":
                return child(child(child(child(doc, "spec"), "jobTemplate"), "spec"), "template");
            default:
                return null;
        }
    }

    /**
     * A deep copy with sorted keys at every level: the output does not depend on how a template
     * orders its keys, and two objects compare as text.
     */
    @SuppressWarnings("unchecked")
    public static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> sorted.put(k, canonical(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(canonical(v)));
            return copy;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value instanceof Map) {
            return (Map<String, Object>) value;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        parent.put(key, created);
        return created;
    }

    private static String requireString(Map<String, Object> doc, String key, String source) {
        if (doc.get(key) instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw new InvalidInputException("template " + source + " produced a document without " + key);
    }

    private static void checkUnique(List<Manifest> manifests) {
        Set<String> seen = new HashSet<>();
        for (Manifest m : manifests) {
            if (!seen.add(m.apiVersion() + " " + m.ref())) {
                throw new InvalidInputException("template " + m.source() + " produced " + m.ref()
                        + " twice; names must be unique per kind");
            }
        }
    }

    private static boolean hpaEnabled(Map<String, Object> values) {
        return values.get("hpa") instanceof Map<?, ?> hpa && Boolean.TRUE.equals(hpa.get("enabled"));
    }
}
