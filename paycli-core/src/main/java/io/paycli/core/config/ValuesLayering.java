package io.paycli.core.config;

import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.AppConfig;
import io.paycli.core.model.EnvConfig;
import io.paycli.core.model.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layers values: template defaults, then top-level {@code values}, then the environment's
 * {@code values}, then {@code --set}. Maps merge deeply; lists and scalars replace.
 */
public final class ValuesLayering {
    private ValuesLayering() {
    }

    public static Values layer(Map<String, Object> defaults, String defaultsSource, AppConfig app,
                               EnvConfig env, List<String> sets) {
        Map<String, Object> merged = new LinkedHashMap<>();
        Map<String, Origin> origins = new LinkedHashMap<>();
        merge(merged, defaults, "", origins, path -> new Origin(Location.of(defaultsSource), path));
        merge(merged, app.values(), "", origins,
                path -> new Origin(app.locate("values." + path), "values." + path));
        String envPrefix = KeyPath.child("environments", env.name()) + ".values.";
        merge(merged, env.values(), "", origins,
                path -> new Origin(app.locate(envPrefix + path), envPrefix + path));
        for (String set : sets) {
            applySet(merged, origins, set);
        }
        return new Values(merged, origins, defaultsSource);
    }

    private interface OriginFor {
        Origin of(String path);
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> target, Map<String, Object> layer, String path,
                              Map<String, Origin> origins, OriginFor originFor) {
        for (Map.Entry<String, Object> e : layer.entrySet()) {
            String childPath = KeyPath.child(path, e.getKey());
            Object incoming = e.getValue();
            Object existing = target.get(e.getKey());
            if (incoming instanceof Map && existing instanceof Map) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) existing);
                target.put(e.getKey(), copy);
                origins.put(childPath, originFor.of(childPath));
                merge(copy, (Map<String, Object>) incoming, childPath, origins, originFor);
            } else {
                target.put(e.getKey(), deepCopy(incoming));
                recordAll(childPath, incoming, origins, originFor);
            }
        }
    }

    /** Every key path under a replaced value now comes from this layer. */
    private static void recordAll(String path, Object value, Map<String, Origin> origins, OriginFor originFor) {
        origins.keySet().removeIf(p -> p.startsWith(path + ".") || p.startsWith(path + "["));
        origins.put(path, originFor.of(path));
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> recordAll(KeyPath.child(path, (String) k), v, origins, originFor));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                recordAll(KeyPath.index(path, i), list.get(i), origins, originFor);
            }
        }
    }

    /** {@code key.path=value}; the value is typed like YAML ({@code 3}, {@code true}, {@code "3"}, {@code [a,b]}). */
    static void applySet(Map<String, Object> merged, Map<String, Origin> origins, String set) {
        int eq = set.indexOf('=');
        if (eq <= 0) {
            throw new InvalidInputException("--set '" + set + "': expected key.path=value");
        }
        String path = set.substring(0, eq);
        List<String> keys = KeyPath.split(path);
        if (keys.stream().anyMatch(String::isEmpty)) {
            throw new InvalidInputException("--set '" + set + "': empty key in '" + path + "'");
        }
        Object value = PositionedYaml.typedScalar(set.substring(eq + 1));
        Map<String, Object> cursor = merged;
        String walked = "";
        for (int i = 0; i < keys.size() - 1; i++) {
            walked = KeyPath.child(walked, keys.get(i));
            Object next = cursor.get(keys.get(i));
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                cursor.put(keys.get(i), next);
            } else {
                next = new LinkedHashMap<>(asMap(next));
                cursor.put(keys.get(i), next);
            }
            cursor = asMap(next);
        }
        cursor.put(keys.get(keys.size() - 1), value);
        origins.put(KeyPath.child(walked, keys.get(keys.size() - 1)),
                new Origin(Location.of("--set " + set), path));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> copy.put(k, deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return value;
    }
}
