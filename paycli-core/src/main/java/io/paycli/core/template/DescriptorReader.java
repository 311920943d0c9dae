package io.paycli.core.template;

import io.paycli.core.error.Suggestion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads {@code template.yaml}. It works on the YAML node tree rather than on plain maps so that
 * every error can name the line of the offending key.
 */
final class DescriptorReader {

    static final String FILE = "template.yaml";

    /** The official semver.org 2.0.0 pattern. */
    private static final Pattern SEMVER = Pattern.compile(
            "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    private static final List<String> KEYS = List.of("name", "version", "description", "files");

    record Descriptor(String name, String version, String description, List<String> files) {
    }

    private DescriptorReader() {
    }

    static Descriptor read(String text) {
        Node root = compose(text);
        if (!(root instanceof MappingNode mapping)) {
            throw new PackageProblem(FILE + " must be a mapping with keys " + String.join(", ", KEYS));
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode(), "a key");
            if (!KEYS.contains(key)) {
                throw problem(tuple.getKeyNode(), "unknown key '" + key + "'" + Suggestion.hint(key, KEYS)
                        + "; allowed: " + String.join(", ", KEYS));
            }
            entries.put(key, tuple.getValueNode());
        }
        for (String key : KEYS) {
            if (!entries.containsKey(key)) {
                throw new PackageProblem(FILE + ": missing key '" + key + "'");
            }
        }
        String version = scalar(entries.get("version"), "version");
        if (!SEMVER.matcher(version).matches()) {
            throw problem(entries.get("version"),
                    "version '" + version + "' is not a semantic version (expected MAJOR.MINOR.PATCH, e.g. 1.0.0)");
        }
        return new Descriptor(scalar(entries.get("name"), "name"), version,
                scalar(entries.get("description"), "description"), files(entries.get("files")));
    }

    private static List<String> files(Node node) {
        if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            throw problem(node, "files must be a non-empty list of *.yaml.peb file names");
        }
        List<String> files = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            String file = scalar(item, "a file name");
            if (!file.endsWith(".yaml.peb") || file.contains("/")) {
                throw problem(item, "file '" + file + "' must be a *.yaml.peb file of this folder");
            }
            if (files.contains(file)) {
                throw problem(item, "file '" + file + "' is listed twice");
            }
            files.add(file);
        }
        return files;
    }

    private static String scalar(Node node, String what) {
        if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            throw problem(node, what + " must be a non-empty text");
        }
        return scalar.getValue();
    }

    private static PackageProblem problem(Node node, String message) {
        String line = node.getStartMark().map(m -> " line " + (m.getLine() + 1)).orElse("");
        return new PackageProblem(FILE + line + ": " + message);
    }

    private static Node compose(String text) {
        LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).setLabel(FILE).build();
        try {
            return new Compose(settings).composeString(text)
                    .orElseThrow(() -> new PackageProblem(FILE + " is empty"));
        } catch (MarkedYamlEngineException e) {
            throw new PackageProblem(YamlErrors.describe(FILE, e));
        } catch (YamlEngineException e) {
            throw new PackageProblem(FILE + ": " + YamlErrors.oneLine(e.getMessage()));
        }
    }
}
