package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Objects travel as plain maps and lists: merging and field ownership are easier on those than on typed models. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    /** Parses a JSON object; a body that is not one is the client's mistake. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) {
        try {
            Object value = MAPPER.readValue(json, Object.class);
            if (value instanceof Map) {
                return (Map<String, Object>) value;
            }
        } catch (JacksonException e) {
            throw new ApiException(400, "BadRequest", "the body of the request was in an unknown format: " + firstLine(e));
        }
        throw new ApiException(400, "BadRequest", "the body of the request must be an object");
    }

    static Object parseAny(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JacksonException e) {
            throw new ApiException(400, "BadRequest", "the body of the request was in an unknown format: " + firstLine(e));
        }
    }

    /** YAML is a superset of JSON; the result goes through Jackson so numbers have the same types as parsed JSON. */
    static Map<String, Object> parseYaml(String yaml) {
        Object loaded;
        try {
            loaded = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        } catch (RuntimeException e) {
            throw new ApiException(400, "BadRequest", "error decoding YAML: " + e.getMessage());
        }
        if (!(loaded instanceof Map)) {
            throw new ApiException(400, "BadRequest", "the applied object must be a YAML or JSON object");
        }
        return parse(write(loaded));
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    @SuppressWarnings("unchecked")
    static <T> T copy(T value) {
        if (value instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) value).forEach((k, v) -> out.put(k, copy(v)));
            return (T) out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            ((List<Object>) value).forEach(v -> out.add(copy(v)));
            return (T) out;
        }
        return value;
    }

    /** The map at the given keys, or null when any step is missing or not a map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> root, String... keys) {
        Object node = root;
        for (String key : keys) {
            if (!(node instanceof Map)) {
                return null;
            }
            node = ((Map<String, Object>) node).get(key);
        }
        return node instanceof Map ? (Map<String, Object>) node : null;
    }

    /** The map at the given keys, created on the way when missing. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mapOrCreate(Map<String, Object> root, String... keys) {
        Map<String, Object> node = root;
        for (String key : keys) {
            Object child = node.get(key);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(key, child);
            }
            node = (Map<String, Object>) child;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> root, String... keys) {
        if (keys.length == 0) {
            return List.of();
        }
        String[] parents = java.util.Arrays.copyOf(keys, keys.length - 1);
        Map<String, Object> parent = parents.length == 0 ? root : map(root, parents);
        Object value = parent == null ? null : parent.get(keys[keys.length - 1]);
        return value instanceof List ? (List<Object>) value : List.of();
    }

    static String string(Map<String, Object> root, String... keys) {
        String[] parents = java.util.Arrays.copyOf(keys, keys.length - 1);
        Map<String, Object> parent = parents.length == 0 ? root : map(root, parents);
        Object value = parent == null ? null : parent.get(keys[keys.length - 1]);
        return value == null ? null : String.valueOf(value);
    }

    static long number(Map<String, Object> root, long fallback, String... keys) {
        String value = string(root, keys);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
