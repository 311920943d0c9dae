package io.paycli.agent.config;

import io.paycli.agent.config.AgentConfig.Allow;
import io.paycli.agent.config.AgentConfig.ClientConfig;
import io.paycli.agent.config.AgentConfig.SecretSource;
import io.paycli.agent.config.AgentConfig.Tls;
import io.paycli.core.config.Durations;
import io.paycli.core.config.KeyPath;
import io.paycli.core.config.PositionedYaml;
import io.paycli.core.config.SchemaCheck;
import io.paycli.core.error.InputErrors;
import io.paycli.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads agent.yaml the way paycli.yaml is loaded: YAML with the line of every key, a JSON Schema for keys and types,
 * then the rules a schema cannot say well (listen, database, one source per key). Every mistake is one line naming
 * the file, the line and the key, and all of them are reported at once, so the agent fails at start, not later.
 */
public final class AgentConfigLoader {
    public static final String SCHEMA_RESOURCE = "/schema/agent.schema.json";
    private static final SchemaCheck SCHEMA = SchemaCheck.of(schema(), "the agent.yaml schema");

    /** The JSON Schema of agent.yaml, also the source of its config reference. */
    public static String schema() {
        try (InputStream in = AgentConfigLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the agent jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public AgentConfig load(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new InvalidInputException(file + ": no such file (the agent's config, see paycli help agent serve)");
        }
        String text;
        try {
            text = Files.readString(absolute, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        String source = file.toString();
        PositionedYaml.Result yaml = PositionedYaml.load(text, source);
        if (!(yaml.value() instanceof Map<?, ?> root)) {
            throw new InvalidInputException(source + ": expected a mapping with at least dataDir (see PRODUCT.md"
                    + " section 8 for the keys)");
        }
        AgentConfigRules rules = new AgentConfigRules(source, yaml.origins(), absolute.getParent());
        for (SchemaCheck.Problem p : SCHEMA.check(root)) {
            rules.schemaProblem(p);
        }
        if (rules.hasProblems()) {
            throw InputErrors.of(rules.problems());
        }
        AgentConfig config = build(root, rules);
        if (rules.hasProblems()) {
            throw InputErrors.of(rules.problems());
        }
        return config;
    }

    private static AgentConfig build(Map<?, ?> root, AgentConfigRules rules) {
        String listen = root.get("listen") instanceof String l ? l
                : AgentConfig.DEFAULT_HOST + ":" + AgentConfig.DEFAULT_PORT;
        AgentConfigRules.HostPort address = rules.listen(listen);
        Optional<Tls> tls = Optional.empty();
        if (root.get("tls") instanceof Map<?, ?> t) {
            tls = Optional.of(new Tls(rules.path((String) t.get("keystore")), (String) t.get("passwordEnv")));
        }
        Path dataDir = rules.path((String) root.get("dataDir"));
        String database = root.get("database") instanceof String d ? rules.database(d)
                : "jdbc:sqlite:" + dataDir.resolve("agent.db");
        Optional<String> passwordEnv = rules.databasePasswordEnv(database, root.get("databasePasswordEnv"));
        int workers = root.get("workers") instanceof Number n ? n.intValue() : AgentConfig.DEFAULT_WORKERS;
        Duration clockSkew = duration(root.get("clockSkew"), AgentConfig.DEFAULT_CLOCK_SKEW);
        Duration grace = duration(root.get("shutdownGrace"), AgentConfig.DEFAULT_SHUTDOWN_GRACE);
        Duration reconcileEvery = duration(root.get("reconcileEvery"), AgentConfig.DEFAULT_RECONCILE_EVERY);
        long maxBundle = root.containsKey("maxBundleSize") ? rules.byteSize(root.get("maxBundleSize"))
                : AgentConfig.DEFAULT_MAX_BUNDLE_SIZE;
        List<ClientConfig> clients = new ArrayList<>();
        if (root.get("clients") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                clients.add(client((Map<?, ?>) list.get(i), KeyPath.index("clients", i), rules));
            }
        }
        rules.uniqueIds(clients);
        return new AgentConfig(rules.file(), address.host(), address.port(), tls, dataDir, database, passwordEnv,
                workers, clockSkew, maxBundle, grace, reconcileEvery, clients, dashboard(root.get("dashboard"), rules));
    }

    private static AgentConfig.Dashboard dashboard(Object section, AgentConfigRules rules) {
        if (!(section instanceof Map<?, ?> map)) {
            return AgentConfig.Dashboard.NONE;
        }
        List<AgentConfig.ViewerConfig> viewers = new ArrayList<>();
        if (map.get("viewers") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Map<?, ?> v = (Map<?, ?>) list.get(i);
                String path = KeyPath.index("dashboard.viewers", i);
                SecretSource token = rules.tokenSource(v, path);
                if (token != null) {
                    viewers.add(new AgentConfig.ViewerConfig((String) v.get("id"), token, path));
                }
            }
        }
        rules.uniqueViewerIds(viewers);
        return new AgentConfig.Dashboard(Boolean.TRUE.equals(map.get("public")), viewers);
    }

    private static ClientConfig client(Map<?, ?> map, String path, AgentConfigRules rules) {
        SecretSource secret = rules.secretSource(map, path, "secretEnv", "secretFile", true);
        Optional<SecretSource> next = Optional.ofNullable(
                rules.secretSource(map, path, "nextSecretEnv", "nextSecretFile", false));
        List<Allow> allow = new ArrayList<>();
        for (Object item : (List<?>) map.get("allow")) {
            Map<?, ?> a = (Map<?, ?>) item;
            allow.add(new Allow(strings(a.get("apps")), strings(a.get("envs"))));
        }
        return new ClientConfig((String) map.get("id"), secret, next, allow);
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String.class::cast).toList();
    }

    private static Duration duration(Object text, Duration otherwise) {
        return text instanceof String s ? Durations.parse(s) : otherwise;
    }
}
