package io.paycli.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the protobuf bodies kubectl sends for the built-in types that matter here: {@code kubectl create
 * namespace} and the self reviews of {@code kubectl auth can-i}. The sandbox speaks JSON; any other protobuf
 * body gets 415 instead of a hang.
 */
final class ProtobufBody {

    private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};

    private ProtobufBody() {
    }

    /** The body as a JSON object when it is a Namespace or a self review, else null. */
    static Map<String, Object> json(byte[] body) {
        Map<String, Object> namespace = namespace(body);
        return namespace != null ? namespace : review(body);
    }

    /** The body as a JSON object when it is a Namespace, else null. */
    static Map<String, Object> namespace(byte[] body) {
        if (body.length < MAGIC.length || body[0] != MAGIC[0] || body[1] != MAGIC[1] || body[2] != MAGIC[2]
                || body[3] != MAGIC[3]) {
            return null;
        }
        try {
            Reader envelope = new Reader(body, MAGIC.length, body.length);
            String kind = null;
            byte[] raw = null;
            while (envelope.more()) {
                int field = envelope.key();
                if (field == 1) {
                    Reader typeMeta = envelope.message();
                    while (typeMeta.more()) {
                        int f = typeMeta.key();
                        if (f == 2) {
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
            if (!"Namespace".equals(kind) || raw == null) {
                return null;
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            Reader namespace = new Reader(raw, 0, raw.length);
            while (namespace.more()) {
                if (namespace.key() == 1) {
                    readMeta(namespace.message(), metadata);
                } else {
                    namespace.skip();
                }
            }
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("apiVersion", "v1");
            object.put("kind", "Namespace");
            object.put("metadata", metadata);
            return object;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A SelfSubjectAccessReview or SelfSubjectRulesReview: only its spec matters. */
    static Map<String, Object> review(byte[] body) {
        try {
            Object[] envelope = envelope(body);
            if (envelope == null) {
                return null;
            }
            String kind = (String) envelope[0];
            byte[] raw = (byte[]) envelope[1];
            boolean access = "SelfSubjectAccessReview".equals(kind);
            if (!access && !"SelfSubjectRulesReview".equals(kind)) {
                return null;
            }
            Map<String, Object> spec = new LinkedHashMap<>();
            Reader review = new Reader(raw, 0, raw.length);
            while (review.more()) {
                if (review.key() != 2) {
                    review.skip();
                    continue;
                }
                Reader specReader = review.message();
                while (specReader.more()) {
                    int field = specReader.key();
                    if (!access && field == 1) {
                        spec.put("namespace", specReader.string());
                    } else if (access && field == 1) {
                        spec.put("resourceAttributes", strings(specReader.message(), List.of("namespace", "verb", "group",
                                "version", "resource", "subresource", "name")));
                    } else if (access && field == 2) {
                        spec.put("nonResourceAttributes", strings(specReader.message(), List.of("path", "verb")));
                    } else {
                        specReader.skip();
                    }
                }
            }
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("apiVersion", "authorization.k8s.io/v1");
            object.put("kind", kind);
            object.put("metadata", new LinkedHashMap<>());
            object.put("spec", spec);
            return object;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The string fields 1..n of a message, named in order. */
    private static Map<String, Object> strings(Reader message, List<String> names) {
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
        Reader envelope = new Reader(body, MAGIC.length, body.length);
        String kind = null;
        byte[] raw = null;
        while (envelope.more()) {
            int field = envelope.key();
            if (field == 1) {
                Reader typeMeta = envelope.message();
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

    private static void readMeta(Reader meta, Map<String, Object> out) {
        while (meta.more()) {
            int field = meta.key();
            switch (field) {
                case 1, 2 -> {
                    String value = meta.string();
                    if (!value.isEmpty()) {
                        out.put(field == 1 ? "name" : "generateName", value);
                    }
                }
                case 11, 12 -> {
                    Reader entry = meta.message();
                    String key = null;
                    String value = "";
                    while (entry.more()) {
                        int f = entry.key();
                        if (f == 1) {
                            key = entry.string();
                        } else if (f == 2) {
                            value = entry.string();
                        } else {
                            entry.skip();
                        }
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) out.computeIfAbsent(field == 11 ? "labels" : "annotations",
                            k -> new LinkedHashMap<String, Object>());
                    map.put(key, value);
                }
                default -> meta.skip();
            }
        }
    }

    /** A cursor over protobuf wire format. */
    private static final class Reader {
        private final byte[] data;
        private int pos;
        private final int end;
        private int wireType;

        Reader(byte[] data, int from, int end) {
            this.data = data;
            this.pos = from;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        int key() {
            long key = varint();
            wireType = (int) (key & 7);
            return (int) (key >>> 3);
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = data[pos++];
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalStateException("bad varint");
        }

        byte[] bytes() {
            int length = (int) varint();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(data, pos, length);
            pos += length;
            return out.toByteArray();
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Reader message() {
            int length = (int) varint();
            Reader child = new Reader(data, pos, pos + length);
            pos += length;
            return child;
        }

        void skip() {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> {
                    int length = (int) varint();
                    pos += length;
                }
                case 5 -> pos += 4;
                default -> throw new IllegalStateException("unknown wire type " + wireType);
            }
        }
    }
}
