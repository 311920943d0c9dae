package io.paycli.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the one protobuf body kubectl sends for a built-in type that matters here: {@code kubectl create
 * namespace}. The sandbox speaks JSON; any other protobuf body gets 415 instead of a hang.
 */
final class ProtobufBody {

    private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};

    private ProtobufBody() {
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
