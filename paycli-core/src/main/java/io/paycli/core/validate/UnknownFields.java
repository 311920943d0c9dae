package io.paycli.core.validate;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds fields the typed model did not recognise. The fabric8 classes accept any field into
 * {@code additionalProperties} instead of failing, so a typo like {@code imagePullPolicyy} would
 * otherwise be dropped silently by the API server.
 */
final class UnknownFields {

    private record Property(String name, Field field) {
    }

    private record Shape(List<Property> properties, Field extras) {
        boolean isLeaf() {
            return properties.isEmpty() && extras == null;
        }
    }

    // Reflection is the slow part; each model class is inspected once per JVM.
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return inspect(type);
        }
    };

    private UnknownFields() {
    }

    static void report(Object typed, Findings findings) {
        walk(typed, "", findings);
    }

    private static void walk(Object value, String path, Findings findings) {
        if (value == null || isScalar(value.getClass())) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), Findings.index(path, i), findings);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, Findings.key(path, String.valueOf(k)), findings));
        } else if (value instanceof GenericKubernetesResource generic) {
            // A custom resource's content is not ours to judge, but its metadata is.
            walk(generic.getMetadata(), Findings.child(path, "metadata"), findings);
        } else {
            walkModel(value, path, findings);
        }
    }

    private static void walkModel(Object model, String path, Findings findings) {
        Shape shape = SHAPES.get(model.getClass());
        if (shape.isLeaf()) {
            return;
        }
        if (shape.extras != null) {
            Map<?, ?> extras = (Map<?, ?>) read(shape.extras, model);
            if (extras != null) {
                extras.keySet().forEach(k ->
                        findings.error("unknown-field", Findings.key(path, String.valueOf(k)), "unknown field"));
            }
        }
        for (Property p : shape.properties) {
            walk(read(p.field, model), Findings.child(path, p.name), findings);
        }
    }

    private static boolean isScalar(Class<?> type) {
        return type.isPrimitive() || type.isEnum() || type == String.class || Number.class.isAssignableFrom(type)
                || type == Boolean.class || type == Character.class;
    }

    private static Object read(Field field, Object owner) {
        try {
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    private static Shape inspect(Class<?> type) {
        if (type.getName().startsWith("java.")) {
            return new Shape(List.of(), null);
        }
        List<Property> properties = new ArrayList<>();
        Field extras = null;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                JsonProperty json = f.getAnnotation(JsonProperty.class);
                if (json != null) {
                    f.setAccessible(true);
                    properties.add(new Property(json.value().isEmpty() ? f.getName() : json.value(), f));
                } else if (f.getName().equals("additionalProperties") && Map.class.isAssignableFrom(f.getType())) {
                    f.setAccessible(true);
                    extras = f;
                }
            }
        }
        return new Shape(List.copyOf(properties), extras);
    }
}
