package io.paycli.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.agent.config.AgentConfig.Allow;
import io.paycli.agent.config.AgentConfig.SecretSource;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.error.PaycliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigLoaderTest {
    @TempDir
    Path dir;

    private AgentConfig load(String yaml) throws IOException {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, yaml);
        return new AgentConfigLoader().load(file);
    }

    /** The one line a bad agent.yaml gives. */
    private String problem(String yaml) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> load(yaml));
        assertThat(t).isInstanceOf(InvalidInputException.class);
        assertThat(((PaycliException) t).exitCode()).isEqualTo(3);
        assertThat(t.getMessage()).doesNotContain("\n");
        return t.getMessage().replace(dir.toString(), "DIR");
    }

    @Test
    void theSmallestFileGetsTheDefaults() throws IOException {
        AgentConfig c = load("dataDir: data\n");
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8470);
        assertThat(c.tls()).isEmpty();
        assertThat(c.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(c.database()).isEqualTo("jdbc:sqlite:" + dir.resolve("data").resolve("agent.db"));
        assertThat(c.databaseKind()).isEqualTo("sqlite");
        assertThat(c.workers()).isEqualTo(4);
        assertThat(c.clockSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.maxBundleSize()).isEqualTo(8L * 1024 * 1024);
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.reconcileEvery()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.databasePasswordEnv()).isEmpty();
        assertThat(c.clients()).isEmpty();
    }

    @Test
    void everyKeyIsRead() throws IOException {
        AgentConfig c = load("""
                listen: 0.0.0.0:9443
                tls: {keystore: tls/agent.p12, passwordEnv: AGENT_TLS_PASSWORD}
                dataDir: /var/lib/paycli-agent
                database: jdbc:postgresql://db:5432/agent?user=paycli_agent
                databasePasswordEnv: AGENT_DB_PASSWORD
                workers: 8
                clockSkew: 2m
                maxBundleSize: 16M
                shutdownGrace: 1m30s
                reconcileEvery: 5m
                clients:
                  - id: ci-settlement
                    secretEnv: PAYCLI_CLIENT_CI_SETTLEMENT
                    nextSecretFile: keys/next
                    allow: [{apps: ["settlement-*"], envs: [beta, release]}]
                  - id: ci-web
                    secretFile: /etc/paycli/ci-web
                    allow: [{apps: [web], envs: [beta]}, {apps: ["*"], envs: [dev]}]
                """);
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(9443);
        assertThat(c.tls()).contains(new AgentConfig.Tls(dir.resolve("tls/agent.p12"), "AGENT_TLS_PASSWORD"));
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/paycli-agent"));
        assertThat(c.database()).isEqualTo("jdbc:postgresql://db:5432/agent?user=paycli_agent");
        assertThat(c.databasePasswordEnv()).contains("AGENT_DB_PASSWORD");
        assertThat(c.databaseKind()).isEqualTo("postgresql");
        assertThat(c.workers()).isEqualTo(8);
        assertThat(c.clockSkew()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.maxBundleSize()).isEqualTo(16_000_000L);
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.reconcileEvery()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.clients()).hasSize(2);
        AgentConfig.ClientConfig settlement = c.clients().get(0);
        assertThat(settlement.id()).isEqualTo("ci-settlement");
        assertThat(settlement.secret()).isEqualTo(SecretSource.ofEnv("PAYCLI_CLIENT_CI_SETTLEMENT"));
        assertThat(settlement.nextSecret()).contains(SecretSource.ofFile(dir.resolve("keys/next").toString()));
        assertThat(settlement.allow()).containsExactly(new Allow(List.of("settlement-*"), List.of("beta", "release")));
        AgentConfig.ClientConfig web = c.clients().get(1);
        assertThat(web.secret()).isEqualTo(SecretSource.ofFile("/etc/paycli/ci-web"));
        assertThat(web.nextSecret()).isEqualTo(Optional.empty());
        assertThat(web.allow()).hasSize(2);
    }

    @Test
    void sizesAndAddressesInTheirOtherForms() throws IOException {
        assertThat(load("dataDir: d\nmaxBundleSize: 1Gi\n").maxBundleSize()).isEqualTo(1L << 30);
        assertThat(load("dataDir: d\nmaxBundleSize: 1.5Ki\n").maxBundleSize()).isEqualTo(1536);
        assertThat(load("dataDir: d\nmaxBundleSize: 4096\n").maxBundleSize()).isEqualTo(4096);
        assertThat(load("dataDir: d\nlisten: \"[::1]:0\"\n").host()).isEqualTo("::1");
        assertThat(load("dataDir: d\nlisten: :8000\n").host()).isEqualTo("0.0.0.0");
        assertThat(load("dataDir: d\ndatabase: jdbc:sqlite:db/a.db\n").database())
                .isEqualTo("jdbc:sqlite:" + dir.resolve("db/a.db"));
    }

    @Test
    void anUnknownKeyNamesTheLineAndTheKeyMeant() {
        assertThat(problem("dataDir: d\nworkerz: 3\n"))
                .isEqualTo("DIR/agent.yaml:2: workerz: unknown key (did you mean 'workers'?)");
    }

    @Test
    void aWrongTypeNamesTheLine() {
        assertThat(problem("dataDir: d\n\nworkers: many\n"))
                .isEqualTo("DIR/agent.yaml:3: workers: expected integer, got string \"many\"");
    }

    @Test
    void dataDirIsRequired() {
        assertThat(problem("workers: 2\n")).isEqualTo("DIR/agent.yaml:1: dataDir: is required but missing");
    }

    @Test
    void aBadDurationIsExplained() {
        assertThat(problem("dataDir: d\nclockSkew: 5 minutes\n"))
                .isEqualTo("DIR/agent.yaml:2: clockSkew: \"5 minutes\" is not a duration longer than 0s; use one"
                        + " such as 5s, 30s or 1m");
        assertThat(problem("dataDir: d\nshutdownGrace: soon\n"))
                .isEqualTo("DIR/agent.yaml:2: shutdownGrace: \"soon\" is not a duration; use one such as 10m, 90s"
                        + " or 1h30m");
    }

    @Test
    void reconcileEveryZeroTurnsTheRoundsOff() throws IOException {
        assertThat(load("dataDir: d\nreconcileEvery: 0s\n").reconcileEvery()).isZero();
        assertThat(problem("dataDir: d\nreconcileEvery: off\n")).startsWith("DIR/agent.yaml:2: reconcileEvery: \"off\""
                + " is not a duration");
    }

    @Test
    void theDatabasePasswordComesOnlyFromTheEnvironmentAndOnlyForPostgresql() {
        assertThat(problem("dataDir: d\ndatabasePasswordEnv: AGENT_DB_PASSWORD\n")).isEqualTo("DIR/agent.yaml:2:"
                + " databasePasswordEnv: only a PostgreSQL database takes a password; remove databasePasswordEnv or"
                + " set database to jdbc:postgresql://HOST:PORT/DB");
        assertThat(problem("dataDir: d\ndatabase: jdbc:postgresql://db/agent?user=a&password=s3cret\n"
                + "databasePasswordEnv: AGENT_DB_PASSWORD\n")).isEqualTo("DIR/agent.yaml:3: databasePasswordEnv: the"
                + " database URL has a password already; remove it from the URL (the password belongs in the"
                + " environment variable AGENT_DB_PASSWORD)");
        assertThat(problem("dataDir: d\ndatabasePassword: s3cret\n")).startsWith("DIR/agent.yaml:2:"
                + " databasePassword: unknown key");
    }

    @Test
    void aPasswordInABadDatabaseUrlIsNotRepeated() {
        assertThat(problem("dataDir: d\ndatabase: jdbc:mysql://db/agent?user=a&password=s3cret\n"))
                .isEqualTo("DIR/agent.yaml:2: database: \"jdbc:mysql://db/agent?user=a&password=***\" is not a"
                        + " database the agent can use; use jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB");
    }

    @Test
    void aBadSizeListenOrDatabaseIsExplained() {
        assertThat(problem("dataDir: d\nmaxBundleSize: 8MB\n")).startsWith("DIR/agent.yaml:2: maxBundleSize: \"8MB\""
                + " is not a Kubernetes quantity");
        assertThat(problem("dataDir: d\nlisten: localhost\n")).isEqualTo("DIR/agent.yaml:2: listen: \"localhost\" is"
                + " not HOST:PORT; use one such as 127.0.0.1:8470 or 0.0.0.0:8470");
        assertThat(problem("dataDir: d\nlisten: 0.0.0.0:70000\n")).startsWith("DIR/agent.yaml:2: listen: ");
        assertThat(problem("dataDir: d\ndatabase: jdbc:mysql://db/agent\n")).isEqualTo("DIR/agent.yaml:2: database:"
                + " \"jdbc:mysql://db/agent\" is not a database the agent can use; use jdbc:sqlite:FILE or"
                + " jdbc:postgresql://HOST:PORT/DB");
    }

    @Test
    void aClientWithoutAKeySourceIsRefused() {
        assertThat(problem("""
                dataDir: d
                clients:
                  - id: ci
                    allow: [{apps: [a], envs: [b]}]
                """)).isEqualTo("DIR/agent.yaml:3: clients[0]: client ci has no key: set secretEnv (an environment"
                + " variable) or secretFile (a file) holding its HMAC key");
    }

    @Test
    void twoSourcesForOneKeyAreRefused() {
        assertThat(problem("""
                dataDir: d
                clients:
                  - id: ci
                    secretEnv: CI_KEY
                    secretFile: /etc/ci
                    allow: [{apps: [a], envs: [b]}]
                """)).isEqualTo("DIR/agent.yaml:5: clients[0].secretFile: set secretEnv or secretFile, not both: one"
                + " key has one source");
    }

    @Test
    void aKeyWrittenInlineIsRefusedWithWhereKeysComeFrom() {
        assertThat(problem("""
                dataDir: d
                clients:
                  - id: ci
                    secretEnv: CI_KEY
                    nextSecret: s3cr3t
                    allow: [{apps: [a], envs: [b]}]
                """)).isEqualTo("DIR/agent.yaml:5: clients[0].nextSecret: keys are never written in agent.yaml: name"
                + " the environment variable (nextSecretEnv) or the file (nextSecretFile) that holds it");
        assertThat(problem("""
                dataDir: d
                clients:
                  - id: ci
                    secret: s3cr3t
                    allow: [{apps: [a], envs: [b]}]
                """)).startsWith("DIR/agent.yaml:4: clients[0].secret: keys are never written in agent.yaml: name the"
                + " environment variable (secretEnv)");
    }

    @Test
    void aClientIdIsUsedOnce() {
        assertThat(problem("""
                dataDir: d
                clients:
                  - {id: ci, secretEnv: A, allow: [{apps: [a], envs: [b]}]}
                  - {id: ci, secretEnv: B, allow: [{apps: [a], envs: [b]}]}
                """)).isEqualTo("DIR/agent.yaml:4: clients[1].id: \"ci\" is already the id of clients[0]; each client"
                + " needs its own key id");
    }

    @Test
    void severalMistakesAreReportedTogetherOneLineEach() {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> load("dataDir: d\nworkers: 0\ntls: {}\n"));
        assertThat(t.getMessage().replace(dir.toString(), "DIR").split("\n")).containsExactly(
                "DIR/agent.yaml:3: tls.keystore: is required but missing",
                "DIR/agent.yaml:3: tls.passwordEnv: is required but missing",
                "DIR/agent.yaml:2: workers: must have a minimum value of 1");
    }

    @Test
    void aMissingFileOrAYamlErrorIsOneLine() {
        assertThatThrownBy(() -> new AgentConfigLoader().load(dir.resolve("nope.yaml")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nope.yaml: no such file");
        assertThat(problem("dataDir: [\n")).startsWith("DIR/agent.yaml:2: YAML syntax error");
        assertThat(problem("- a\n")).startsWith("DIR/agent.yaml: expected a mapping");
    }
}
