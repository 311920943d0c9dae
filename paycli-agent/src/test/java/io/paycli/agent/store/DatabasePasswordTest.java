package io.paycli.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.agent.Agent;
import io.paycli.agent.config.AgentConfig;
import io.paycli.agent.config.AgentConfigLoader;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL password from the environment (databasePasswordEnv), on the test server with a role that must give
 * its password: the test prepends a pg_hba.conf rule asking that role (and only it, on its own database) for one.
 */
class DatabasePasswordTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private String url;
    private String password;

    @BeforeEach
    void roleWithAPassword() throws Exception {
        String adminUrl = TestPostgres.get().newDatabaseUrl();
        String database = adminUrl.substring(adminUrl.lastIndexOf('/') + 1, adminUrl.indexOf('?'));
        String role = "paycli_pw_" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        password = "pw-" + HexFormat.of().formatHex(RANDOM.generateSeed(12));
        url = adminUrl.replace("user=postgres", "user=" + role);
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
            s.execute("ALTER DATABASE " + database + " OWNER TO " + role);
            Path hba;
            try (ResultSet rs = s.executeQuery("SHOW hba_file")) {
                rs.next();
                hba = Path.of(rs.getString(1));
            }
            // The first matching rule wins: this one asks only our role, on its own database, for a password.
            Files.writeString(hba, "host " + database + " " + role + " all scram-sha-256\n"
                    + Files.readString(hba, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            s.execute("SELECT pg_reload_conf()");
        }
        awaitPasswordAsked();
    }

    /** The server reloads its rules a moment after pg_reload_conf(). */
    private void awaitPasswordAsked() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                DriverManager.getConnection(url + "&password=wrong").close();
            } catch (SQLException e) {
                return;
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("the test PostgreSQL still lets the role in without its password");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void thePasswordGivenApartFromTheUrlOpensTheDatabase() {
        try (Database db = Database.open(url, Optional.of(password))) {
            assertThat(db.isReachable(5)).isTrue();
            assertThat(db.displayUrl()).isEqualTo(url);
        }
    }

    @Test
    void withoutItOrWithAWrongOneTheDatabaseIsRefusedInOneLineWithoutThePassword() {
        assertThatThrownBy(() -> Database.open(url)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("database " + url + ": cannot connect: ");
        assertThatThrownBy(() -> Database.open(url, Optional.of(password + "-old"))).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("database " + url + ": cannot connect: ")
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining(password)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aPasswordInTheUrlStillWorksAndIsNeverShown() {
        try (Database db = Database.open(url + "&password=" + password)) {
            assertThat(db.isReachable(5)).isTrue();
            assertThat(db.displayUrl()).isEqualTo(url + "&password=***");
        }
        assertThatThrownBy(() -> Database.open(url + "&password=" + password + "-old"))
                .isInstanceOf(StoreException.class).hasMessageNotContaining(password);
    }

    private AgentConfig config() throws IOException {
        Path yaml = dir.resolve("agent.yaml");
        Files.writeString(yaml, "listen: 127.0.0.1:0\ndataDir: data\ndatabase: " + url
                + "\ndatabasePasswordEnv: AGENT_DB_PASSWORD\nshutdownGrace: 1s\n");
        return new AgentConfigLoader().load(yaml);
    }

    @Test
    void theAgentTakesThePasswordFromTheVariableNamedInAgentYaml() throws IOException {
        DeployService deploys = DeployService.offline(Catalog.builtin(), new TemplateEngine());
        AgentConfig config = config();

        try (Agent agent = Agent.start(config, Map.of("AGENT_DB_PASSWORD", password), deploys, "agent-pw",
                Clock.systemUTC())) {
            assertThat(agent.url().getPort()).isPositive();
        }
        assertThatThrownBy(() -> Agent.start(config, Map.of(), deploys, "agent-pw", Clock.systemUTC()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(config.file() + ": databasePasswordEnv: the environment variable AGENT_DB_PASSWORD is not"
                        + " set; it holds the password of the database " + url);
    }
}
