package io.paycli.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the protobuf bodies kubectl sends for the built-in types that matter here: {@code kubectl create
 * namespace}, the self reviews of {@code kubectl auth can-i}, and {@code kubectl create role, clusterrole,
 * rolebinding, clusterrolebinding}. The sandbox speaks JSON; any other protobuf body gets 415 instead of a hang.
 */
final class ProtobufBody {

    private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};

    private ProtobufBody() {
    }

    /** The body as a JSON object when it is one of the types above, else null. */
    static Map<String, Object> json(byte[] body) {
        try {
            Object[] envelope = envelope(body);
            if (envelope == null) {
                return null;
            }
            String kind = (String) envelope[0];
            byte[] raw = (byte[]) envelope[1];
            if ("Namespace".equals(kind)) {
                return object("v1", kind, raw, (field, reader, out) -> false);
            }
            if ("SelfSubjectAccessReview".equals(kind) || "SelfSubjectRulesReview".equals(kind)) {
                return review(kind, raw);
            }
            return ProtobufRbac.read(kind, raw);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Reads the fields of an object after its metadata (field 1) into {@code out}; false to skip a field. */
    interface Fields {
        boolean read(int field, ProtobufReader reader, Map<String, Object> out);
    }

    /** An object whose field 1 is its ObjectMeta; the other fields go to {@code fields}. */
    static Map<String, Object> object(String apiVersion, String kind, byte[] raw, Fields fields) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        Map<String, Object> metadata = new LinkedHashMap<>();
        object.put("metadata", metadata);
        ProtobufReader reader = new ProtobufReader(raw, 0, raw.length);
        while (reader.more()) {
            int field = reader.key();
            if (field == 1) {
                readMeta(reader.message(), metadata);
            } else if (!fields.read(field, reader, object)) {
                reader.skip();
            }
        }
        return object;
    }

    /** A SelfSubjectAccessReview or SelfSubjectRulesReview: only its spec matters. */
    private static Map<String, Object> review(String kind, byte[] raw) {
        boolean access = "SelfSubjectAccessReview".equals(kind);
        Map<String, Object> spec = new LinkedHashMap<>();
        Map<String, Object> object = object("authorization.k8s.io/v1", kind, raw, (field, reader, out) -> {
            if (field != 2) {
                return false;
            }
            ProtobufReader specReader = reader.message();
            while (specReader.more()) {
                int f = specReader.key();
                if (!access && f == 1) {
                    spec.put("namespace", specReader.string());
                } else if (access && f == 1) {
                    spec.put("resourceAttributes", strings(specReader.message(), List.of("namespace", "verb", "group",
                            "version", "resource", "subresource", "name")));
                } else if (access && f == 2) {
                    spec.put("nonResourceAttributes", strings(specReader.message(), List.of("path", "verb")));
                } else {
                    specReader.skip();
                }
            }
            return true;
        });
        object.put("spec", spec);
        return object;
    }

    /** The string fields 1..n of a message, named in order. */
    static Map<String, Object> strings(ProtobufReader message, List<String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        while (message.more()) {
            int field = message.key();
            if (field >= 1 && field <= names.size()) {
                out.put(names.get(field - 1), message.string());
            } else {
                message.skip();
            }
        }
        return out;
    }

    /** The kind and raw bytes of the runtime.Unknown envelope, or null when it is not one. */
    private static Object[] envelope(byte[] body) {
        if (body.length < MAGIC.length || body[0] != MAGIC[0] || body[1] != MAGIC[1] || body[2] != MAGIC[2]
                || body[3] != MAGIC[3]) {
            return null;
        }
        ProtobufReader envelope = new ProtobufReader(body, MAGIC.length, body.length);
        String kind = null;
        byte[] raw = null;
        while (envelope.more()) {
            int field = envelope.key();
            if (field == 1) {
                ProtobufReader typeMeta = envelope.message();
                while (typeMeta.more()) {
                    if (typeMeta.key() == 2) {
                        kind = typeMeta.string();
                    } else {
                        typeMeta.skip();
                    }
                }
            } else if (field == 2) {
                raw = envelope.bytes();
            } else {
                envelope.skip();
            }
        }
        return raw == null ? null : new Object[] {kind, raw};
    }

    /** ObjectMeta: name, generateName, namespace, labels and annotations. */
    private static void readMeta(ProtobufReader meta, Map<String, Object> out) {
        while (meta.more()) {
            int field = meta.key();
            switch (field) {
                case 1, 2, 3 -> {
                    String value = meta.string();
                    if (!value.isEmpty()) {
                        out.put(field == 1 ? "name" : field == 2 ? "generateName" : "namespace", value);
                    }
                }
                case 11, 12 -> {
                    Map<String, Object> entry = strings(meta.message(), List.of("key", "value"));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) out.computeIfAbsent(field == 11 ? "labels" : "annotations",
                            k -> new LinkedHashMap<String, Object>());
                    map.put(String.valueOf(entry.get("key")), entry.getOrDefault("value", ""));
                }
                default -> meta.skip();
            }
        }
    }
}
