package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.JacksonException;

/**
 * The {@code fieldValidation} query parameter of create, update and patch, as kube-apiserver honours it: fields the
 * kind does not declare, and keys given twice, are refused with 400 under Strict, reported in {@code Warning}
 * headers under Warn (the default) and dropped silently under Ignore. Unknown fields never reach the store.
 */
final class FieldValidation {

    private static final Set<String> DIRECTIVES = Set.of("Strict", "Warn", "Ignore");

    private final String directive;
    private final List<String> warnings = new ArrayList<>();

    private FieldValidation(String directive) {
        this.directive = directive;
    }

    /** The request's directive; a value the server does not know is refused as the real one refuses it. */
    static FieldValidation of(ApiRequest request) {
        String value = request.param("fieldValidation");
        if (value == null || value.isEmpty()) {
            return new FieldValidation("Warn");
        }
        if (!DIRECTIVES.contains(value)) {
            throw new ApiException(400, "BadRequest", "fieldValidation: Unsupported value: \"" + value
                    + "\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        }
        return new FieldValidation(value);
    }

    /** A created, replaced or patched object as decoded from JSON: unknown and duplicate fields, named by path. */
    void checkDecoded(ResourceType type, Map<String, Object> object, String body) {
        if (directive.equals("Ignore") || !DeclaredFields.known(type)) {
            DeclaredFields.removeUnknown(type, object);
            return;
        }
        List<String> problems = new ArrayList<>();
        for (DeclaredFields.Unknown unknown : DeclaredFields.removeUnknown(type, object)) {
            problems.add("unknown field \"" + dotted(unknown.path()) + "\"");
        }
        if (body != null) {
            duplicates(body).forEach(path -> problems.add("duplicate field \"" + path + "\""));
        }
        if (problems.isEmpty()) {
            return;
        }
        if (directive.equals("Strict")) {
            throw new ApiException(400, "BadRequest", type.kind() + " in version \"" + type.version()
                    + "\" cannot be handled as a " + type.kind() + ": strict decoding error: " + String.join(", ", problems));
        }
        warnings.addAll(problems);
    }

    /** A server-side apply configuration: the real server types it against the schema and names fields its way. */
    void checkApplied(ResourceType type, String namespace, String name, Map<String, Object> applied) {
        List<DeclaredFields.Unknown> unknown = DeclaredFields.removeUnknown(type, applied);
        if (directive.equals("Ignore") || unknown.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (DeclaredFields.Unknown u : unknown) {
            problems.add(applyPath(u.path(), applied) + ": field not declared in schema");
        }
        if (directive.equals("Strict")) {
            String object = (namespace == null ? "" : namespace + "/") + name;
            String group = type.group().isEmpty() ? "" : type.group() + "/";
            throw new ApiException(400, "BadRequest", "failed to create typed patch object (" + object + "; " + group
                    + type.version() + ", Kind=" + type.kind() + "): " + String.join("\n", problems));
        }
        warnings.addAll(problems);
    }

    /** The answer with one Warning header per problem found under Warn. */
    ApiResponse answer(ApiResponse response) {
        if (warnings.isEmpty()) {
            return response;
        }
        Map<String, String> headers = new HashMap<>(response.headers());
        List<String> values = new ArrayList<>();
        for (String warning : warnings) {
            values.add("299 - \"" + warning.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        // Vert.x sends a comma-joined value as one header, which clients split like repeated headers.
        headers.put("Warning", String.join(", ", values));
        return new ApiResponse(response.code(), response.body(), headers);
    }

    /** Keys given twice in one JSON object, by path. */
    static List<String> duplicates(String body) {
        List<String> found = new ArrayList<>();
        try (JsonParser parser = Json.MAPPER.createParser(body)) {
            scan(parser, parser.nextToken(), "", found);
        } catch (JacksonException e) {
            // The body was parsed before; a body that does not scan has no duplicates worth naming.
        }
        return found;
    }

    private static void scan(JsonParser parser, JsonToken token, String path, List<String> found) {
        if (token == JsonToken.START_OBJECT) {
            Set<String> seen = new java.util.HashSet<>();
            for (JsonToken t = parser.nextToken(); t == JsonToken.PROPERTY_NAME; t = parser.nextToken()) {
                String name = parser.currentName();
                String child = path.isEmpty() ? name : path + "." + name;
                if (!seen.add(name)) {
                    found.add(child);
                }
                scan(parser, parser.nextToken(), child, found);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int i = 0;
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY && t != null; t = parser.nextToken()) {
                scan(parser, t, path + "[" + i++ + "]", found);
            }
        }
    }

    /** spec.template.spec.containers[0].foo, as a strict decode names it. */
    private static String dotted(List<Object> path) {
        StringBuilder out = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer i) {
                out.append('[').append(i).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(step);
            }
        }
        return out.toString();
    }

    /** .spec.template.spec.containers[name="web"].foo, as structured-merge-diff names it. */
    @SuppressWarnings("unchecked")
    private static String applyPath(List<Object> path, Map<String, Object> applied) {
        StringBuilder out = new StringBuilder();
        Object at = applied;
        for (Object step : path) {
            if (step instanceof Integer i) {
                Object element = at instanceof List<?> list && i < list.size() ? list.get(i) : null;
                Object key = element instanceof Map<?, ?> m ? m.get("name") : null;
                out.append(key != null ? "[name=\"" + key + "\"]" : "[" + i + "]");
                at = element;
            } else {
                out.append('.').append(step);
                at = at instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(step) : null;
            }
        }
        return out.length() == 0 ? "." : out.toString();
    }
}
