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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
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

    /**
     * One violation: where (a key path relative to the checked value) and what; {@code cause} is the key whose
     * value made a conditional rule apply ({@code ingress.enabled} for a missing {@code ingress.host}), or null.
     */
    public record Problem(String path, String message, String cause) {
        public Problem(String path, String message) {
            this(path, message, null);
        }
    }

    private static final String MISSING = "is required but missing";

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
        Set<String> meant = new HashSet<>();
        for (Error error : schema.validate(instance)) {
            problems.add(describe(error));
            if ("additionalProperties".equals(error.getKeyword())) {
                String parent = keyPath(error.getInstanceLocation());
                Suggestion.closest(error.getProperty(), knownKeys(error))
                        .ifPresent(key -> meant.add(KeyPath.child(parent, key)));
            }
        }
        // A misspelt key explains the missing key it was meant to be: report the misspelling only.
        problems.removeIf(p -> meant.contains(p.path()) && p.message().equals(MISSING));
        problems = new ArrayList<>(new LinkedHashSet<>(problems));
        // An unknown key first: a misspelling also explains the "missing" key it was meant to be.
        problems.sort(Comparator.comparing((Problem p) -> !p.message().startsWith("unknown key"))
                .thenComparing(Problem::path));
        return problems;
    }

    private Problem describe(Error error) {
        Problem plain = describePlain(error);
        Optional<Condition> condition = Condition.of(schemaNode, error.getSchemaLocation().getFragment(),
                keyPath(error.getInstanceLocation()));
        if (condition.isEmpty()) {
            return plain;
        }
        JsonNode instance = error.getInstanceNode();
        boolean absent = "required".equals(error.getKeyword()) || instance == null || instance.isNull();
        String message = absent ? "required when " + condition.get().description()
                : plain.message() + " when " + condition.get().description();
        return new Problem(plain.path(), message, condition.get().cause());
    }

    private Problem describePlain(Error error) {
        String path = keyPath(error.getInstanceLocation());
        String keyword = error.getKeyword();
        switch (keyword == null ? "" : keyword) {
            case "additionalProperties": {
                String key = error.getProperty();
                List<String> known = knownKeys(error);
                return new Problem(KeyPath.child(path, key), "unknown key" + Suggestion.hint(key, known));
            }
            case "required":
                return new Problem(KeyPath.child(path, error.getProperty()), MISSING);
            case "type":
                return new Problem(path, "expected " + expectedType(error.getSchemaNode()) + ", got "
                        + actualType(error.getInstanceNode()));
            case "enum":
                return new Problem(path, "must be one of: " + StreamSupport
                        .stream(error.getSchemaNode().spliterator(), false)
                        .map(n -> n.isNull() ? "null" : n.asString())
                        .collect(Collectors.joining(", ")));
            case "propertyNames": {
                JsonNode pattern = error.getSchemaNode().path("pattern");
                String name = error.getProperty();
                if (pattern.isString() && name != null) {
                    return new Problem(path, "key " + PatternDescriptions.mismatch("'" + name + "'",
                            pattern.asString(), keyDescription(error)));
                }
                return new Problem(path, stripPath(error.getMessage()));
            }
            case "pattern":
                return new Problem(path, PatternDescriptions.mismatch(quoted(error.getInstanceNode()),
                        error.getSchemaNode().asString(), keyDescription(error)));
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

    /** The description of the schema holding the failing keyword, or "". */
    private String keyDescription(Error error) {
        NodePath fragment = error.getSchemaLocation().getFragment();
        JsonNode node = schemaNode;
        for (int i = 0; i < fragment.getNameCount() - 1; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer idx ? node.path(idx) : node.path(element.toString());
        }
        return node.path("description").isString() ? node.path("description").asString() : "";
    }

    private static String quoted(JsonNode instance) {
        return instance != null && instance.isString() ? "\"" + instance.asString() + "\"" : String.valueOf(instance);
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
