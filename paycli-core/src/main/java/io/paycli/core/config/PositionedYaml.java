package io.paycli.core.config;

import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Loads one YAML document into plain Java values and remembers the line of every key, so that
 * errors found later (schema, values, config paths) can point at the line the user wrote.
 * Uses the YAML 1.2 core schema: {@code yes}, {@code on} and {@code no} stay strings.
 */
public final class PositionedYaml {
    /** The loaded value and the line of each key path, e.g. {@code values.port -> paycli.yaml:7}. */
    public record Result(Object value, Map<String, Location> origins) {
    }

    private final String source;
    private final Map<String, Location> origins = new HashMap<>();

    private PositionedYaml(String source) {
        this.source = source;
    }

    public static Result load(String text, String source) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new InvalidInputException(new Location(source, line)
                    + ": YAML syntax error: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new InvalidInputException(source + ": YAML syntax error: " + e.getMessage());
        }
        PositionedYaml loader = new PositionedYaml(source);
        Object value = root.map(n -> loader.convert(n, "")).orElse(null);
        return new Result(value, Map.copyOf(loader.origins));
    }

    private Object convert(Node node, String path) {
        if (node instanceof MappingNode mapping) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode scalarKey)) {
                    throw new InvalidInputException(at(keyNode) + ": keys must be plain strings");
                }
                String key = scalarKey.getValue();
                String childPath = KeyPath.child(path, key);
                if (map.containsKey(key)) {
                    throw new InvalidInputException(at(keyNode) + ": " + childPath
                            + ": duplicate key (first written on line "
                            + origins.get(childPath).line() + ")");
                }
                origins.put(childPath, at(keyNode));
                map.put(key, convert(tuple.getValueNode(), childPath));
            }
            return map;
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> list = new ArrayList<>();
            int i = 0;
            for (Node item : sequence.getValue()) {
                String childPath = KeyPath.index(path, i++);
                origins.put(childPath, at(item));
                list.add(convert(item, childPath));
            }
            return list;
        }
        return scalar((ScalarNode) node);
    }

    private Location at(Node node) {
        return new Location(source, node.getStartMark().map(m -> m.getLine() + 1).orElse(0));
    }

    private Object scalar(ScalarNode node) {
        String text = node.getValue();
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return Boolean.parseBoolean(text.toLowerCase());
        }
        if (Tag.INT.equals(tag)) {
            return integer(text);
        }
        if (Tag.FLOAT.equals(tag)) {
            return floating(text);
        }
        return text;
    }

    /** Scalar typing for command-line values ({@code --set}): the same rules as a YAML file. */
    public static Object typedScalar(String text) {
        if (text.isEmpty()) {
            return "";
        }
        Object value = load(text, "--set").value();
        return value;
    }

    private static Object integer(String text) {
        String t = text.replace("_", "");
        long v;
        if (t.startsWith("0x")) {
            v = Long.parseLong(t.substring(2), 16);
        } else if (t.startsWith("0o")) {
            v = Long.parseLong(t.substring(2), 8);
        } else {
            v = Long.parseLong(t);
        }
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
    }

    private static Object floating(String text) {
        String t = text.toLowerCase();
        if (t.endsWith(".inf")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (t.equals(".nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(text);
    }
}
