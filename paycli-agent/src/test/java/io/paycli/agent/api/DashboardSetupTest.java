package io.paycli.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.paycli.agent.Agent;
import io.paycli.agent.config.AgentConfigLoader;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A public dashboard on a real agent, and the one-line mistakes of the dashboard section of agent.yaml. */
class DashboardSetupTest {
    private static final String TOKEN = "a-viewer-token-of-enough-length-0123456789";

    @TempDir
    Path tmp;

    private Agent start(String dashboard, Map<String, String> env) throws Exception {
        Path yaml = tmp.resolve("agent.yaml");
        Files.writeString(yaml, """
                listen: 127.0.0.1:0
                dataDir: data
                shutdownGrace: 1s
                reconcileEvery: 0s
                """ + dashboard);
        // Nothing is deployed: the kubeconfig is never read.
        DeployService deploys = new DeployService(Catalog::builtin, new TemplateEngine(),
                new KubeconfigConnector(tmp.resolve("no-kubeconfig")), List.of(), Clock.systemUTC());
        return Agent.start(new AgentConfigLoader().load(yaml), env, deploys, "agent-test", Clock.systemUTC());
    }

    /** The one line that starting with this dashboard section fails with. */
    private String problem(String dashboard, Map<String, String> env) {
        Throwable t = catchThrowable(() -> start(dashboard, env).stop());
        assertThat(t).isInstanceOf(InvalidInputException.class);
        assertThat(t.getMessage()).doesNotContain("\n");
        return t.getMessage().replace(tmp.toString(), "DIR");
    }

    @Test
    void aPublicDashboardIsReadWithoutCredentialsButChangedByNoOne() throws Exception {
        try (Agent agent = start("dashboard: {public: true}\n", Map.of())) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> whoami = http.send(HttpRequest.newBuilder(agent.url().resolve("/api/v1/whoami"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> jobs = http.send(HttpRequest.newBuilder(agent.url().resolve("/api/v1/deployments"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> audit = http.send(HttpRequest.newBuilder(agent.url().resolve("/api/v1/audit"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> restore = http.send(HttpRequest.newBuilder(agent.url().resolve("/api/v1/restore"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(whoami.statusCode()).isEqualTo(200);
            assertThat(whoami.body()).isEqualTo("{\"public\":true}");
            assertThat(jobs.statusCode()).isEqualTo(200);
            assertThat(jobs.body()).isEqualTo("[]");
            assertThat(audit.statusCode()).isEqualTo(200);
            assertThat(audit.body()).contains("\"path\":\"/api/v1/whoami\"", "\"decision\":\"accepted\"");
            assertThat(restore.statusCode()).as("a change still needs a signed client").isEqualTo(401);
            assertThat(restore.body()).contains("\"reason\":\"missing-headers\"");
        }
    }

    @Test
    void withoutPublicTheDashboardNeedsCredentials() throws Exception {
        try (Agent agent = start("", Map.of())) {
            HttpResponse<String> whoami = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    agent.url().resolve("/api/v1/whoami")).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(whoami.statusCode()).isEqualTo(401);
            assertThat(whoami.body()).contains("\"reason\":\"no-credentials\"");
        }
    }

    @Test
    void aTokenWrittenInAgentYamlIsRefusedNamingTheKey() {
        Throwable t = catchThrowable(() -> start("""
                dashboard:
                  viewers:
                    - id: alice
                      token: %s
                """.formatted(TOKEN), Map.of()));

        assertThat(t).isInstanceOf(InvalidInputException.class);
        assertThat(t.getMessage().replace(tmp.toString(), "DIR")).isEqualTo("DIR/agent.yaml:8:"
                + " dashboard.viewers[0].token: tokens are never written in agent.yaml: name the environment variable"
                + " (tokenEnv) or the file (tokenFile) that holds it");
    }

    @Test
    void aMissingOrShortTokenStopsTheStartWithOneLineNamingTheKey() throws Exception {
        String viewer = """
                dashboard:
                  viewers:
                    - id: alice
                      tokenEnv: ALICE_TOKEN
                """;
        assertThat(problem(viewer, Map.of())).isEqualTo("DIR/agent.yaml: dashboard.viewers[0].tokenEnv (viewer"
                + " alice): environment variable ALICE_TOKEN is not set; it should hold the viewer token (make one"
                + " with: openssl rand -hex 32)");
        assertThat(problem(viewer, Map.of("ALICE_TOKEN", "short"))).isEqualTo("DIR/agent.yaml:"
                + " dashboard.viewers[0].tokenEnv (viewer alice): environment variable ALICE_TOKEN holds a viewer"
                + " token of 5 characters; at least 32 are needed (make one with: openssl rand -hex 32)");

        Path open = Files.writeString(tmp.resolve("open.token"), TOKEN);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(problem("""
                dashboard:
                  viewers:
                    - id: bob
                      tokenFile: open.token
                """, Map.of())).isEqualTo("DIR/agent.yaml: dashboard.viewers[0].tokenFile (viewer bob): viewer"
                + " token file DIR/open.token can be read by everyone (rw-r--r--); restrict it: chmod o-r"
                + " DIR/open.token");
    }

    @Test
    void aViewerNeedsOneTokenSourceAndAnIdOfItsOwn() {
        Throwable t = catchThrowable(() -> start("""
                dashboard:
                  viewers:
                    - id: alice
                    - id: bob
                      tokenEnv: BOB_TOKEN
                      tokenFile: bob.token
                    - id: carol
                      tokenEnv: CAROL_TOKEN
                    - id: carol
                      tokenEnv: CAROL2_TOKEN
                """, Map.of()));

        assertThat(t).isInstanceOf(InvalidInputException.class);
        assertThat(t.getMessage().replace(tmp.toString(), "DIR")).contains(
                "dashboard.viewers[0]: viewer alice has no token: set tokenEnv (an environment variable) or"
                        + " tokenFile (a file) holding it",
                "dashboard.viewers[1].tokenFile: set tokenEnv or tokenFile, not both",
                "dashboard.viewers[3].id: \"carol\" is already the id of dashboard.viewers[2]");
    }
}
