package io.paycli.core.config;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.error.Suggestion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks plain Java values against a JSON Schema and turns each violation into a key path plus a
 * sentence a user can act on ("unknown key (did you mean 'resources'?)", "expected integer, got
 * string").
 */
public final class SchemaCheck {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** One violation: where (a key path relative to the checked value) and what. */
    public record Problem(String path, String message) {
    }

    private final Schema schema;
    private final JsonNode schemaNode;

    private SchemaCheck(Schema schema, JsonNode schemaNode) {
        this.schema = schema;
        this.schemaNode = schemaNode;
    }

    /** Compiles a schema; {@code name} says where it came from, for errors in the schema itself. */
    public static SchemaCheck of(String schemaJson, String name) {
        try {
            JsonNode node = JSON.readTree(schemaJson);
            return new SchemaCheck(REGISTRY.getSchema(schemaJson), node);
        } catch (RuntimeException e) {
            throw new InvalidInputException(name + ": invalid JSON Schema: " + firstLine(e.getMessage()), e);
        }
    }

    public JsonNode schemaNode() {
        return schemaNode;
    }

    /** The violations, unknown keys first and then by path, so the first one reported is stable. */
    public List<Problem> check(Object value) {
        JsonNode instance = JSON.valueToTree(value);
        List<Problem> problems = new ArrayList<>();
        for (Error error : schema.validate(instance)) {
            problems.add(describe(error));
        }
        // An unknown key first: a misspelling also explains the "missing" key it was meant to be.
        problems.sort(Comparator.comparing((Problem p) -> !p.message().startsWith("unknown key"))
                .thenComparing(Problem::path));
        return problems;
    }

    private Problem describe(Error error) {
        String path = keyPath(error.getInstanceLocation());
        String keyword = error.getKeyword();
        switch (keyword == null ? "" : keyword) {
            case "additionalProperties": {
                String key = error.getProperty();
                List<String> known = knownKeys(error);
                return new Problem(KeyPath.child(path, key), "unknown key" + Suggestion.hint(key, known));
            }
            case "required":
                return new Problem(KeyPath.child(path, error.getProperty()), "is required but missing");
            case "type":
                return new Problem(path, "expected " + expectedType(error.getSchemaNode()) + ", got "
                        + actualType(error.getInstanceNode()));
            case "enum":
                return new Problem(path, "must be one of: " + StreamSupport
                        .stream(error.getSchemaNode().spliterator(), false)
                        .map(n -> n.isNull() ? "null" : n.asString())
                        .collect(Collectors.joining(", ")));
            default:
                return new Problem(path, stripPath(error.getMessage()));
        }
    }

    /** The keys a schema object allows, found next to the failing additionalProperties. */
    private List<String> knownKeys(Error error) {
        NodePath fragment = error.getSchemaLocation().getFragment();
        JsonNode node = schemaNode;
        for (int i = 0; i < fragment.getNameCount() - 1; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer idx ? node.path(idx) : node.path(element.toString());
        }
        JsonNode properties = node.path("properties");
        return properties.isObject() ? new ArrayList<>(properties.propertyNames()) : List.of();
    }

    static String keyPath(NodePath location) {
        String path = "";
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            path = element instanceof Integer idx ? KeyPath.index(path, idx) : KeyPath.child(path, element.toString());
        }
        return path;
    }

    private static String expectedType(JsonNode typeSchema) {
        if (typeSchema.isArray()) {
            return StreamSupport.stream(typeSchema.spliterator(), false)
                    .map(JsonNode::asString).collect(Collectors.joining(" or "));
        }
        return typeSchema.asString();
    }

    private static String actualType(JsonNode instance) {
        if (instance == null || instance.isNull()) {
            return "null";
        }
        if (instance.isIntegralNumber()) {
            return "integer " + instance;
        }
        if (instance.isNumber()) {
            return "number " + instance;
        }
        if (instance.isString()) {
            return "string \"" + instance.asString() + "\"";
        }
        return instance.getNodeType().name().toLowerCase();
    }

    private static String stripPath(String message) {
        int colon = message.indexOf(": ");
        return colon > 0 && message.startsWith("$") ? message.substring(colon + 2) : message;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
