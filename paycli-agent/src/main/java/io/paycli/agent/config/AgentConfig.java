package io.paycli.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * agent.yaml, checked and with its defaults filled in. Paths are absolute (a relative one in the file is relative to
 * the file). Secrets appear only as where to find them: resolving the keys happens when clients are built.
 *
 * @param file          the agent.yaml this came from, for messages
 * @param host          the address to bind, e.g. 127.0.0.1 or 0.0.0.0
 * @param port          the port to bind; 0 picks a free one
 * @param database      a JDBC URL, jdbc:sqlite:... or jdbc:postgresql:...
 * @param databasePasswordEnv the environment variable holding the PostgreSQL password, if it is not in the URL
 * @param maxBundleSize bytes
 * @param reconcileEvery the pause between two reconcile rounds; zero when the agent does not reconcile
 * @param dashboard     who may read the dashboard and its JSON without signing requests
 */
public record AgentConfig(Path file, String host, int port, Optional<Tls> tls, Path dataDir, String database,
        Optional<String> databasePasswordEnv, int workers, Duration clockSkew, long maxBundleSize,
        Duration shutdownGrace, Duration reconcileEvery, List<ClientConfig> clients, Dashboard dashboard) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8470;
    public static final int DEFAULT_WORKERS = 4;
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);
    public static final long DEFAULT_MAX_BUNDLE_SIZE = 8L << 20;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RECONCILE_EVERY = Duration.ofMinutes(1);

    public AgentConfig {
        clients = List.copyOf(clients);
    }

    /** HTTPS from a PKCS#12 keystore whose password is in the environment variable {@code passwordEnv}. */
    public record Tls(Path keystore, String passwordEnv) {
    }

    /**
     * Where one HMAC key is: exactly one of an environment variable's name and a file (absolute path) is set.
     */
    public record SecretSource(String env, String file) {
        public static SecretSource ofEnv(String name) {
            return new SecretSource(name, null);
        }

        public static SecretSource ofFile(String path) {
            return new SecretSource(null, path);
        }

        @Override
        public String toString() {
            return env != null ? "environment variable " + env : "file " + file;
        }
    }

    /** May deploy the apps matching any of {@code apps} (globs) to any of {@code envs}. */
    public record Allow(List<String> apps, List<String> envs) {
        public Allow {
            apps = List.copyOf(apps);
            envs = List.copyOf(envs);
        }
    }

    /** One CI client: its key id, its key (and during a rotation the next one), and what it may deploy. */
    public record ClientConfig(String id, SecretSource secret, Optional<SecretSource> nextSecret, List<Allow> allow) {
        public ClientConfig {
            allow = List.copyOf(allow);
        }
    }

    /**
     * The dashboard's access: read-only viewers, each with a token (from the environment or a file), and whether
     * anyone may read without credentials.
     */
    public record Dashboard(boolean isPublic, List<ViewerConfig> viewers) {
        public static final Dashboard NONE = new Dashboard(false, List.of());

        public Dashboard {
            viewers = List.copyOf(viewers);
        }
    }

    /** A person (or script) who may read everything and change nothing; {@code key} says where in agent.yaml. */
    public record ViewerConfig(String id, SecretSource token, String key) {
    }

    /** "sqlite" or "postgresql", from the JDBC URL. */
    public String databaseKind() {
        return database.startsWith("jdbc:postgresql:") ? "postgresql" : "sqlite";
    }
}
