package io.paycli.agent.config;

import io.paycli.agent.config.AgentConfig.ClientConfig;
import io.paycli.agent.config.AgentConfig.SecretSource;
import io.paycli.agent.store.Database;
import io.paycli.core.config.KeyPath;
import io.paycli.core.config.SchemaCheck;
import io.paycli.core.model.Location;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of agent.yaml beyond its schema, collecting one line per mistake: "agent.yaml:7: clients[0].secret: ...".
 */
final class AgentConfigRules {
    /** Keys someone might use to write a key into the file itself; keys come from the environment or files. */
    private static final Set<String> INLINE_SECRETS = Set.of("secret", "nextSecret", "key", "hmacKey");
    /** The same for a dashboard viewer's token. */
    private static final Set<String> INLINE_TOKENS = Set.of("token", "secret", "key", "password");
    private static final Map<String, Integer> BINARY = Map.of("Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40, "Pi", 50,
            "Ei", 60);
    private static final Map<String, Integer> DECIMAL = Map.of("k", 3, "K", 3, "M", 6, "G", 9, "T", 12, "P", 15,
            "E", 18);

    private static final Pattern QUANTITY =
            Pattern.compile("([0-9]+(?:\\.[0-9]+)?(?:[eE][0-9]+)?)([KMGTPE]i|[kKMGTPE])?");

    record HostPort(String host, int port) {
    }

    private final String source;
    private final Map<String, Location> origins;
    private final Path baseDir;
    private final List<String> problems = new ArrayList<>();

    AgentConfigRules(String source, Map<String, Location> origins, Path baseDir) {
        this.source = source;
        this.origins = origins;
        this.baseDir = baseDir;
    }

    Path file() {
        return baseDir.resolve(Path.of(source).getFileName());
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    void schemaProblem(SchemaCheck.Problem p) {
        List<String> keys = KeyPath.split(p.path());
        String last = keys.get(keys.size() - 1);
        if (p.message().startsWith("unknown key") && keys.get(0).equals("dashboard") && INLINE_TOKENS.contains(last)) {
            add(p.path(), "tokens are never written in agent.yaml: name the environment variable (tokenEnv) or the"
                    + " file (tokenFile) that holds it");
            return;
        }
        if (p.message().startsWith("unknown key") && INLINE_SECRETS.contains(last)) {
            boolean next = last.startsWith("next");
            add(p.path(), "keys are never written in agent.yaml: name the environment variable ("
                    + (next ? "nextSecretEnv" : "secretEnv") + ") or the file (" + (next ? "nextSecretFile"
                    : "secretFile") + ") that holds it");
            return;
        }
        add(p.path(), p.message());
    }

    /** host:port, [v6]:port or :port; a port from 0 (any free one) to 65535. */
    HostPort listen(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon);
        String port = colon < 0 ? "" : text.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (colon < 0 || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535 || host.contains(" ")) {
            add("listen", "\"" + text + "\" is not HOST:PORT; use one such as 127.0.0.1:8470 or 0.0.0.0:8470");
            return new HostPort(AgentConfig.DEFAULT_HOST, AgentConfig.DEFAULT_PORT);
        }
        return new HostPort(host.isEmpty() ? "0.0.0.0" : host, Integer.parseInt(port));
    }

    String database(String url) {
        if (url.startsWith("jdbc:sqlite:") && url.length() > "jdbc:sqlite:".length()) {
            String rest = url.substring("jdbc:sqlite:".length());
            // A relative SQLite file is relative to agent.yaml like every other path, not to the working directory.
            return rest.startsWith(":") || rest.startsWith("file:") ? url : "jdbc:sqlite:" + path(rest);
        }
        if (url.startsWith("jdbc:postgresql:") && url.length() > "jdbc:postgresql:".length()) {
            return url;
        }
        add("database", "\"" + Database.redact(url) + "\" is not a database the agent can use; use"
                + " jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB");
        return url;
    }

    /** The variable holding the PostgreSQL password: only for PostgreSQL, and not beside a password in the URL. */
    Optional<String> databasePasswordEnv(String url, Object name) {
        if (!(name instanceof String variable)) {
            return Optional.empty();
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            add("databasePasswordEnv", "only a PostgreSQL database takes a password; remove databasePasswordEnv or"
                    + " set database to jdbc:postgresql://HOST:PORT/DB");
        } else if (!Database.redact(url).equals(url)) {
            add("databasePasswordEnv", "the database URL has a password already; remove it from the URL (the"
                    + " password belongs in the environment variable " + variable + ")");
        }
        return Optional.of(variable);
    }

    /** A Kubernetes-style quantity (8Mi, 8M, 8388608) in bytes. */
    long byteSize(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        String text = (String) value;
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            add("maxBundleSize", "\"" + text + "\" is not a size; use one such as 8Mi");
            return AgentConfig.DEFAULT_MAX_BUNDLE_SIZE;
        }
        String suffix = m.group(2) == null ? "" : m.group(2);
        BigDecimal number = new BigDecimal(m.group(1));
        BigDecimal bytes = BINARY.containsKey(suffix) ? number.multiply(BigDecimal.valueOf(2).pow(BINARY.get(suffix)))
                : number.scaleByPowerOfTen(DECIMAL.getOrDefault(suffix, 0));
        if (bytes.signum() <= 0 || bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            add("maxBundleSize", "\"" + text + "\" is not a size from 1 byte up; use one such as 8Mi");
            return AgentConfig.DEFAULT_MAX_BUNDLE_SIZE;
        }
        return bytes.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /**
     * The key source named by {@code envKey} or {@code fileKey}: one of them for a required key, at most one for an
     * optional one; null when an optional key is absent or the entry is wrong.
     */
    SecretSource secretSource(Map<?, ?> client, String path, String envKey, String fileKey, boolean required) {
        Object env = client.get(envKey);
        Object file = client.get(fileKey);
        if (env != null && file != null) {
            add(KeyPath.child(path, fileKey), "set " + envKey + " or " + fileKey + ", not both: one key has one"
                    + " source");
            return null;
        }
        if (env == null && file == null) {
            if (required) {
                add(path, "client " + client.get("id") + " has no key: set secretEnv (an environment variable) or"
                        + " secretFile (a file) holding its HMAC key");
            }
            return null;
        }
        return env != null ? SecretSource.ofEnv((String) env) : SecretSource.ofFile(path((String) file).toString());
    }

    /** A dashboard viewer's token source: exactly one of tokenEnv and tokenFile; null (and a problem) otherwise. */
    SecretSource tokenSource(Map<?, ?> viewer, String path) {
        Object env = viewer.get("tokenEnv");
        Object file = viewer.get("tokenFile");
        if (env != null && file != null) {
            add(KeyPath.child(path, "tokenFile"), "set tokenEnv or tokenFile, not both: one token has one source");
            return null;
        }
        if (env == null && file == null) {
            add(path, "viewer " + viewer.get("id") + " has no token: set tokenEnv (an environment variable) or"
                    + " tokenFile (a file) holding it");
            return null;
        }
        return env != null ? SecretSource.ofEnv((String) env) : SecretSource.ofFile(path((String) file).toString());
    }

    void uniqueViewerIds(List<AgentConfig.ViewerConfig> viewers) {
        Map<String, String> seen = new HashMap<>();
        for (AgentConfig.ViewerConfig v : viewers) {
            String first = seen.putIfAbsent(v.id(), v.key());
            if (first != null) {
                add(v.key() + ".id", "\"" + v.id() + "\" is already the id of " + first
                        + "; each viewer needs an id of its own");
            }
        }
    }

    void uniqueIds(List<ClientConfig> clients) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < clients.size(); i++) {
            Integer first = seen.putIfAbsent(clients.get(i).id(), i);
            if (first != null) {
                add(KeyPath.index("clients", i) + ".id", "\"" + clients.get(i).id() + "\" is already the id of"
                        + " clients[" + first + "]; each client needs its own key id");
            }
        }
    }

    /** A path as written in agent.yaml: relative to the file's directory. */
    Path path(String text) {
        return baseDir.resolve(text).normalize();
    }

    private void add(String path, String message) {
        Location at = Location.nearest(origins, path).orElseGet(this::firstLine);
        problems.add(at + ": " + path + ": " + message);
    }

    /** Where the document's top level starts, for a missing top-level key. */
    private Location firstLine() {
        return origins.values().stream().filter(l -> l.line() > 0)
                .min((a, b) -> Integer.compare(a.line(), b.line())).orElse(Location.of(source));
    }
}
