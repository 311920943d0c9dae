package io.paycli.core.deploy;

import io.paycli.core.model.Manifest;
import io.paycli.core.model.Release;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The objects a restore applies for one archived release: the release as its template rendered them (a blue-green
 * record without its colours), in the target's namespace, without the Secrets whose values the archive holds only
 * as digests. Those are named instead, for the operator to provide.
 */
record RestoreManifests(List<Manifest> manifests, List<String> secrets) {
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    static RestoreManifests of(Release archived, UnaryOperator<String> namespaces) {
        List<Manifest> manifests = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        for (Manifest m : ColourRecords.template(archived)) {
            Manifest moved = m.namespace() == null ? m : moved(m, namespaces.apply(m.namespace()));
            if (m.kind().equals("Secret") && digested(m.body())) {
                secrets.add(moved.namespace() + "/" + moved.name());
            } else {
                manifests.add(moved);
            }
        }
        return new RestoreManifests(manifests, secrets);
    }

    private static boolean digested(Map<String, Object> secret) {
        for (String field : List.of("data", "stringData")) {
            if (secret.get(field) instanceof Map<?, ?> values && values.values().stream()
                    .anyMatch(v -> v != null && DIGEST.matcher(String.valueOf(v)).matches())) {
                return true;
            }
        }
        return false;
    }

    private static Manifest moved(Manifest m, String namespace) {
        if (namespace.equals(m.namespace())) {
            return m;
        }
        Map<String, Object> body = new LinkedHashMap<>(m.body());
        if (body.get("metadata") instanceof Map<?, ?> meta) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            meta.forEach((k, v) -> metadata.put(String.valueOf(k), v));
            metadata.put("namespace", namespace);
            body.put("metadata", metadata);
        }
        return new Manifest(m.apiVersion(), m.kind(), namespace, m.name(), body, m.source());
    }
}
