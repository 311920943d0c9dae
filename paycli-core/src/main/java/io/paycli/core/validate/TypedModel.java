package io.paycli.core.validate;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.paycli.core.kinds.ModelKinds;
import java.util.Collection;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds a rendered body to its fabric8 model class, reporting type errors and unknown fields. A
 * plain mapper does the binding: fabric8's own serializer would file a wrongly typed value away
 * as an unknown property instead of reporting it, and costs far more to start.
 */
final class TypedModel {
    private static final JsonMapper MAPPER = JsonMapper.shared();

    /** The typed object, or null when it could not be built; the reason is then in {@code findings}. */
    KubernetesResource bind(Map<String, Object> body, String apiVersion, String kind, Findings findings) {
        Class<? extends KubernetesResource> type = ModelKinds.of(apiVersion, kind);
        if (type == null) {
            if (isBuiltInGroup(apiVersion)) {
                findings.error("model", "kind", "unknown kind " + kind + " in " + apiVersion);
                return null;
            }
            type = GenericKubernetesResource.class;
        }
        KubernetesResource typed;
        try {
            typed = MAPPER.convertValue(body, type);
        } catch (RuntimeException e) {
            JacksonException cause = jacksonCause(e);
            if (cause == null) {
                throw e;
            }
            findings.error("model", path(cause), explain(cause));
            return null;
        }
        UnknownFields.report(typed, findings);
        return typed;
    }

    /** Groups without a dot belong to Kubernetes itself (CRD groups must have one), so an unknown kind there is a typo. */
    private static boolean isBuiltInGroup(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 || apiVersion.substring(0, slash).indexOf('.') < 0;
    }

    private static JacksonException jacksonCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException j) {
                return j;
            }
        }
        return null;
    }

    private static String path(JacksonException e) {
        String path = "";
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path = Findings.child(path, ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path = Findings.index(path, ref.getIndex());
            }
        }
        return path;
    }

    private static String explain(JacksonException e) {
        if (e instanceof InvalidFormatException invalid) {
            return "expected " + typeName(invalid.getTargetType()) + ", got " + quote(invalid.getValue());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String got = tokenName(mismatch.getCurrentToken());
            return "expected " + typeName(mismatch.getTargetType()) + (got == null ? "" : ", got " + got);
        }
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String typeName(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of the allowed values";
        }
        return "an object";
    }

    private static String tokenName(JsonToken token) {
        if (token == null) {
            return null;
        }
        return switch (token) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> null;
        };
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
