package io.paycli.core.config;

import io.paycli.core.error.InputErrors;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.AppConfig;
import io.paycli.core.model.BlueGreenConfig;
import io.paycli.core.model.ConfigSpec;
import io.paycli.core.model.EnvConfig;
import io.paycli.core.model.Location;
import io.paycli.core.model.Strategy;
import io.paycli.core.validate.Names;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads {@code paycli.yaml}: YAML with line numbers, then the file's JSON Schema (unknown keys,
 * wrong types), then the checks a schema cannot express well (names). Every error names the file,
 * the line and the key path.
 */
public final class ConfigLoader {
    public static final String FILE_NAME = "paycli.yaml";
    private static final SchemaCheck SCHEMA = SchemaCheck.of(readSchema(), "paycli.schema.json");

    /** Loads {@code path}, a paycli.yaml or the directory holding one. */
    public AppConfig load(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(Files.isDirectory(path)
                    ? "no " + FILE_NAME + " in " + path + ": run paycli init, or pass -f PATH"
                    : file + ": no such file");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file);
    }

    /** Parses the text of a paycli.yaml that lives at {@code file}. */
    public AppConfig parse(String text, Path file) {
        String source = file.toString();
        PositionedYaml.Result yaml = PositionedYaml.load(text, source);
        if (!(yaml.value() instanceof Map)) {
            throw new InvalidInputException(source + ": expected a mapping with app, template, image and environments");
        }
        Map<String, Location> origins = yaml.origins();
        List<SchemaCheck.Problem> problems = NotifyTargets.checked(SCHEMA.check(yaml.value()), yaml.value());
        if (!problems.isEmpty()) {
            throw problem(problems, origins, source);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) yaml.value();
        AppConfig config = new AppConfig(file, (String) root.get("app"), (String) root.get("team"),
                (String) root.get("template"), (String) root.get("image"), map(root.get("values")),
                configSpec(root.get("config")), environments(map(root.get("environments"))),
                NotifyTargets.parse(root.get("notify")), origins);
        checkNames(config);
        return config;
    }

    private static InvalidInputException problem(List<SchemaCheck.Problem> problems,
                                                 Map<String, Location> origins, String source) {
        List<String> lines = new ArrayList<>();
        for (SchemaCheck.Problem p : problems) {
            Location at = Location.nearest(origins, p.path()).orElse(Location.of(source));
            lines.add(at + ": " + p.path() + ": " + p.message());
        }
        return InputErrors.of(lines);
    }

    private void checkNames(AppConfig config) {
        List<String> lines = new ArrayList<>();
        if (!Names.isDns1035Label(config.app())) {
            lines.add(config.locate("app") + ": app: '" + config.app()
                    + "' is not a valid name: use lowercase letters, digits and '-', start with a letter, end"
                    + " with a letter or digit, at most 63 characters (DNS-1123 label; it also names the Service)");
        }
        if (config.team() != null && !Names.isLabelValue(config.team())) {
            lines.add(config.locate("team") + ": team: '" + config.team()
                    + "' is not a valid label value (at most 63 letters, digits, '-', '_' or '.')");
        }
        for (EnvConfig env : config.environments().values()) {
            String key = KeyPath.child("environments", env.name());
            if (!Names.isDns1123Label(env.name())) {
                lines.add(config.locate(key) + ": " + key
                        + ": environment names must be DNS-1123 labels (lowercase letters, digits and '-')");
            }
            if (env.strategy() != Strategy.BLUE_GREEN && config.origins().containsKey(key + ".blueGreen")) {
                lines.add(config.locate(key + ".blueGreen") + ": " + key + ".blueGreen: only used with strategy:"
                        + " blue-green; set that, or remove blueGreen");
            }
            if (!Names.isDns1123Label(env.namespace())) {
                lines.add(config.locate(key + ".namespace") + ": " + key
                        + ".namespace: '" + env.namespace() + "' is not a valid namespace (DNS-1123 label)");
            }
        }
        if (!lines.isEmpty()) {
            throw InputErrors.of(lines);
        }
    }

    private static Map<String, EnvConfig> environments(Map<String, Object> raw) {
        Map<String, EnvConfig> envs = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            Map<String, Object> e = map(value);
            String strategy = (String) e.get("strategy");
            envs.put(name, new EnvConfig(name, (String) e.get("context"), (String) e.get("namespace"),
                    (String) e.get("clusterName"),
                    strategy == null ? Strategy.ROLLING : Strategy.fromId(strategy), blueGreen(e.get("blueGreen")),
                    map(e.get("values")), configSpec(e.get("config"))));
        });
        return envs;
    }

    /** The schema has checked the shape and the duration format. */
    private static BlueGreenConfig blueGreen(Object raw) {
        if (raw == null) {
            return BlueGreenConfig.DEFAULTS;
        }
        Map<String, Object> m = map(raw);
        Duration delay = Durations.parse((String) m.get("scaleDownDelay"));
        BlueGreenConfig.Smoke smoke = null;
        if (m.get("smoke") != null) {
            Map<String, Object> s = map(m.get("smoke"));
            List<String> command = new ArrayList<>();
            ((List<?>) s.get("command")).forEach(c -> command.add((String) c));
            Duration timeout = Durations.parse((String) s.get("timeout"));
            smoke = new BlueGreenConfig.Smoke((String) s.get("image"), command,
                    timeout == null ? BlueGreenConfig.DEFAULT_SMOKE_TIMEOUT : timeout);
        }
        return new BlueGreenConfig(!Boolean.FALSE.equals(m.get("autoPromote")),
                delay == null ? BlueGreenConfig.DEFAULT_SCALE_DOWN_DELAY : delay, smoke);
    }

    private static ConfigSpec configSpec(Object raw) {
        if (raw == null) {
            return ConfigSpec.EMPTY;
        }
        Map<String, Object> m = map(raw);
        List<String> files = new ArrayList<>();
        if (m.get("files") instanceof List<?> list) {
            list.forEach(f -> files.add((String) f));
        }
        Map<String, String> literals = new LinkedHashMap<>();
        map(m.get("literals")).forEach((k, v) -> literals.put(k, String.valueOf(v)));
        return new ConfigSpec(files, literals);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? new LinkedHashMap<>() : (Map<String, Object>) value;
    }

    static String readSchema() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/schema/paycli.schema.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("paycli.schema.json is missing from the build", e);
        }
    }
}
