package io.paycli.core.config;

import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The condition of a schema's {@code if}/{@code then}, in the user's words ({@code ingress.enabled is true}), for
 * a violation inside the {@code then}: a key required only when another key has a value is reported as "required
 * when ...", at the key that made it required. Understands {@code if} schemas that pin properties with
 * {@code const}, the form a template schema uses for such rules.
 *
 * @param description what must hold, such as {@code ingress.enabled is true}
 * @param cause       the key path of the first pinned property: the key that made the rule apply
 */
record Condition(String description, String cause) {

    /**
     * The condition a violation at {@code schemaPath} (a JSON pointer fragment into {@code schema}) came under,
     * for an instance at {@code instancePath}; empty when the violation is not inside a {@code then}.
     */
    static Optional<Condition> of(JsonNode schema, NodePath schemaPath, String instancePath) {
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < schemaPath.getNameCount(); i++) {
            elements.add(String.valueOf(schemaPath.getElement(i)));
        }
        int then = elements.lastIndexOf("then");
        if (then < 0) {
            return Optional.empty();
        }
        JsonNode holder = schema;
        for (String element : elements.subList(0, then)) {
            holder = holder.isArray() ? holder.path(Integer.parseInt(element)) : holder.path(element);
        }
        // The object the if/then applies to: the instance path less one key for each "properties" after "then".
        String objectPath = instancePath;
        List<String> inside = elements.subList(then + 1, elements.size());
        int steps = (int) inside.stream().filter("properties"::equals).count();
        for (int i = 0; i < steps; i++) {
            objectPath = parent(objectPath);
        }
        return describe(holder.path("if"), objectPath);
    }

    private static Optional<Condition> describe(JsonNode ifSchema, String objectPath) {
        JsonNode properties = ifSchema.path("properties");
        if (!properties.isObject()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        String cause = null;
        for (Map.Entry<String, JsonNode> p : properties.properties()) {
            JsonNode constant = p.getValue().path("const");
            if (constant.isMissingNode()) {
                return Optional.empty();
            }
            String key = KeyPath.child(objectPath, p.getKey());
            parts.add(key + " is " + (constant.isString() ? constant.asString() : constant.toString()));
            cause = cause == null ? key : cause;
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(new Condition(String.join(" and ", parts), cause));
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut > 0 ? path.substring(0, cut) : "";
    }
}
