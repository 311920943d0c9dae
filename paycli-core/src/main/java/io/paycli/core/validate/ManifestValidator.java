package io.paycli.core.validate;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ManifestSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks rendered objects before anything reaches a cluster. Structural problems (the typed model,
 * removed APIs, names, sizes) are always errors; the platform policies are warnings unless
 * {@code strict}. Stateless and safe to share between threads.
 */
public final class ManifestValidator {

    private final TypedModel typedModel = new TypedModel();

    public ValidationReport validate(ManifestSet set, boolean strict) {
        return validate(set.manifests(), strict);
    }

    public ValidationReport validate(List<Manifest> manifests, boolean strict) {
        List<Finding> findings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Manifest manifest : manifests) {
            Findings found = validate(manifest, strict);
            // Versions of one kind are views of the same object, so apiVersion is left out.
            String identity = manifest.kind() + " " + manifest.namespace() + "/" + manifest.name();
            if (manifest.kind() != null && manifest.name() != null && !seen.add(identity)) {
                found.error("duplicate", "", "defined more than once; the later one would silently win");
            }
            findings.addAll(found.list());
        }
        return new ValidationReport(findings);
    }

    private Findings validate(Manifest manifest, boolean strict) {
        Map<String, Object> body = manifest.body();
        Map<?, ?> metadata = body == null ? null : asMap(body.get("metadata"));
        String apiVersion = body == null ? null : asString(body.get("apiVersion"));
        String kind = body == null ? null : asString(body.get("kind"));
        String name = metadata == null ? null : asString(metadata.get("name"));
        Findings findings = new Findings(ref(kind, name, manifest), strict);
        if (body == null) {
            findings.error("model", "", "empty document");
            return findings;
        }
        requireString(body.get("apiVersion"), "apiVersion", findings);
        requireString(body.get("kind"), "kind", findings);
        requireString(metadata == null ? null : metadata.get("name"), "metadata.name", findings);
        NameCheck.check(kind, metadata, findings);
        ConfigData.check(kind, body, findings);
        if (apiVersion == null || apiVersion.isBlank() || kind == null || kind.isBlank()) {
            return findings;
        }
        var removal = RemovedApis.find(apiVersion, kind);
        if (removal.isPresent()) {
            // Checking against the schema of an API the cluster no longer serves would only add noise.
            findings.error("removed-api", "apiVersion", removal.get().message(kind));
            return findings;
        }
        KubernetesResource typed = typedModel.bind(body, apiVersion, kind, findings);
        SelectorCheck.check(typed, findings);
        AutoscalerCheck.check(typed, findings);
        PodTemplate.of(typed).ifPresent(pod -> {
            NameCheck.checkPod(pod, body, findings);
            PodPolicies.check(pod, findings);
        });
        return findings;
    }

    private static void requireString(Object value, String path, Findings findings) {
        if (value == null || value instanceof String s && s.isBlank()) {
            findings.error("model", path, "missing " + path);
        } else if (!(value instanceof String)) {
            findings.error("model", path, "expected a string, got " + value);
        }
    }

    private static String ref(String kind, String name, Manifest manifest) {
        String k = kind != null ? kind : manifest.kind() != null ? manifest.kind() : "?";
        String n = name != null ? name : manifest.name() != null ? manifest.name() : "?";
        return k + "/" + n;
    }

    private static Map<?, ?> asMap(Object value) {
        return value instanceof Map<?, ?> map ? map : null;
    }

    private static String asString(Object value) {
        return value instanceof String s ? s : null;
    }
}
