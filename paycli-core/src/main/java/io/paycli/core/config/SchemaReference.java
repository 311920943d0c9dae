package io.paycli.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * Flattens a JSON Schema into one row per key path (type and description), for
 * {@code paycli templates show} and the config reference in docs/, so both say what the schema says.
 */
public final class SchemaReference {
    /** One documented key. */
    public record Row(String path, String type, String description) {
    }

    private SchemaReference() {
    }

    public static List<Row> rows(String schemaJson) {
        JsonNode root = SchemaCheck.of(schemaJson, "schema").schemaNode();
        List<Row> rows = new ArrayList<>();
        walk(root, root, "", rows);
        return rows;
    }

    private static void walk(JsonNode root, JsonNode node, String path, List<Row> rows) {
        JsonNode resolved = resolve(root, node);
        if (!path.isEmpty()) {
            String description = node.path("description").asString(resolved.path("description").asString(""));
            rows.add(new Row(path, type(resolved), description));
        }
        JsonNode properties = resolved.path("properties");
        for (String key : properties.propertyNames()) {
            walk(root, properties.get(key), KeyPath.child(path, key), rows);
        }
        JsonNode additional = resolve(root, resolved.path("additionalProperties"));
        if (additional.isObject() && additional.has("properties")) {
            walk(root, resolved.path("additionalProperties"), path + ".<name>", rows);
        }
        JsonNode items = resolve(root, resolved.path("items"));
        if (items.isObject() && items.has("properties")) {
            for (String key : items.path("properties").propertyNames()) {
                walk(root, items.path("properties").get(key), KeyPath.child(path + "[]", key), rows);
            }
        }
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        String ref = node.path("$ref").asString("");
        return ref.startsWith("#") ? root.at(ref.substring(1)) : node;
    }

    private static String type(JsonNode node) {
        JsonNode type = node.path("type");
        if (type.isArray()) {
            return StreamSupport.stream(type.spliterator(), false).map(JsonNode::asString)
                    .collect(Collectors.joining("|"));
        }
        if (type.isString()) {
            String t = type.asString();
            if (t.equals("array") && node.path("items").path("type").isString()) {
                return "array of " + node.path("items").path("type").asString();
            }
            return t;
        }
        if (node.has("enum")) {
            return StreamSupport.stream(node.path("enum").spliterator(), false).map(JsonNode::asString)
                    .collect(Collectors.joining("|"));
        }
        return "any";
    }
}
