package io.paycli.core.config;

import io.paycli.core.error.InputErrors;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.Location;
import io.paycli.core.model.UserConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads the user config file ({@code ~/.paycli/config.yaml}): YAML with line numbers, checked against a schema whose
 * {@code notify} entries are those of paycli.yaml, so that both files take the same targets. A missing file is no
 * error; a broken one is, naming the file, the line and the key.
 */
public final class UserConfigLoader {
    /** A duration as paycli.yaml writes them, but not zero: a timeout of nothing would fail every send. */
    static final String POSITIVE_DURATION = "^(?=.*[1-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?$";
    private static final SchemaCheck SCHEMA = SchemaCheck.of(schema(), "the user config schema");

    public UserConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            return UserConfig.none(file);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        String source = file.toString();
        PositionedYaml.Result yaml = PositionedYaml.load(text, source);
        if (yaml.value() == null) {
            return UserConfig.none(file);
        }
        List<SchemaCheck.Problem> problems = NotifyTargets.checked(SCHEMA.check(yaml.value()), yaml.value());
        if (!problems.isEmpty() || !(yaml.value() instanceof Map<?, ?> root)) {
            List<String> lines = new ArrayList<>();
            for (SchemaCheck.Problem p : problems) {
                Location at = Location.nearest(yaml.origins(), p.path()).orElse(Location.of(source));
                lines.add(at + ": " + p.path() + ": " + p.message());
            }
            throw lines.isEmpty() ? new InvalidInputException(source + ": expected a mapping (archive, notify, notifyDelivery)")
                    : InputErrors.of(lines);
        }
        Map<?, ?> archive = root.get("archive") instanceof Map<?, ?> a ? a : Map.of();
        Map<?, ?> delivery = root.get("notifyDelivery") instanceof Map<?, ?> d ? d : Map.of();
        Path dir = archive.get("dir") instanceof String d ? home(d, file) : null;
        return new UserConfig(file, dir, (String) archive.get("remote"),
                Durations.parse((String) archive.get("pushTimeout")), NotifyTargets.parse(root.get("notify")),
                Durations.parse((String) delivery.get("timeout")),
                delivery.get("attempts") instanceof Number n ? n.intValue() : 0);
    }

    /** {@code ~/x} as the shell reads it; a relative path is relative to the file. */
    private static Path home(String path, Path file) {
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(path.substring(Math.min(2, path.length())));
        }
        Path p = Path.of(path);
        return p.isAbsolute() || file.getParent() == null ? p : file.getParent().resolve(p);
    }

    private static void duration(ObjectNode node, String description) {
        node.put("type", "string").put("pattern", POSITIVE_DURATION).put("minLength", 2)
                .put("description", description);
    }

    /** The user config's schema, sharing the definitions of paycli.yaml's. */
    private static String schema() {
        JsonMapper json = JsonMapper.shared();
        JsonNode app = json.readTree(ConfigLoader.readSchema());
        ObjectNode root = json.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("type", "object");
        root.put("additionalProperties", false);
        ObjectNode properties = root.putObject("properties");
        ObjectNode archive = properties.putObject("archive");
        archive.put("type", "object");
        archive.put("additionalProperties", false);
        ObjectNode archiveProperties = archive.putObject("properties");
        archiveProperties.putObject("dir").put("type", "string").put("minLength", 1)
                .put("description", "The archive's local git repository (default ~/.paycli/archive).");
        archiveProperties.putObject("remote").put("type", "string").put("minLength", 1)
                .put("description", "A git remote the archive is pushed to after each commit (ssh or https).");
        duration(archiveProperties.putObject("pushTimeout"), "How long a push (or the fetch before a retried push)"
                + " may wait on the remote before the commit stays local for the next run, e.g. 20s (the default).");
        properties.set("notify", app.get("properties").get("notify"));
        ObjectNode delivery = properties.putObject("notifyDelivery");
        delivery.put("type", "object");
        delivery.put("additionalProperties", false);
        delivery.put("description", "How hard each notification is tried before it is kept in the outbox.");
        ObjectNode deliveryProperties = delivery.putObject("properties");
        duration(deliveryProperties.putObject("timeout"),
                "The bound of one send, from connect to answer, e.g. 5s (the default).");
        deliveryProperties.putObject("attempts").put("type", "integer").put("minimum", 1).put("maximum", 10)
                .put("description", "Sends of a new message before it goes to the outbox (default 3).");
        root.set("$defs", app.get("$defs"));
        return root.toString();
    }
}
