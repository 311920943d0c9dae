package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent installed as an operator would: bin/paycli deploy of examples/agent into bin/paycli sandbox with RBAC
 * on, then bin/paycli and kubectl with the agent's service-account token, kubectl as an administrator judging.
 */
class AgentInstallIT {
    private static final String CONTEXT = "beta-cluster";

    @TempDir
    Path home;
    Processes processes;
    Process sandbox;
    Path admin;
    Path agent;

    @BeforeEach
    void start() throws Exception {
        processes = new Processes(home);
        Path tokens = home.resolve("tokens.csv");
        Files.writeString(tokens, "admin-token,admin,1,system:masters\n"
                + "agent-token,system:serviceaccount:paycli-agent:paycli-agent,5,system:serviceaccounts\n");
        admin = home.resolve("admin.kubeconfig");
        sandbox = processes.start(Processes.JAR, "sandbox", "sandbox", "--port", "0", "--token-file", tokens.toString(),
                "--kubeconfig", admin.toString(), "--context", CONTEXT);
        for (int i = 0; i < 300 && !Files.exists(admin); i++) {
            Thread.sleep(100);
        }
        assertThat(admin).as(processes.read("sandbox", "out") + processes.read("sandbox", "err")).exists();
        // The same cluster, with the token the agent's pod would carry.
        String config = Files.readString(admin);
        assertThat(config).contains("admin-token");
        agent = Files.writeString(home.resolve("agent.kubeconfig"), config.replace("admin-token", "agent-token"));
    }

    @AfterEach
    void stop() throws Exception {
        sandbox.destroy();
        assertThat(sandbox.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theInstalledAgentsAccountDeploysWhereItsRolesAreAndIsRefusedTheRest() throws Exception {
        for (String ns : new String[] {"paycli-agent", "settlement-beta", "promotion-beta", "points-beta"}) {
            ok(kubectl(admin, "create", "namespace", ns));
        }
        Processes.Run validated = processes.paycli("validate", "-f", "examples/agent", "-e", "beta", "-t", "1.0.0",
                "--strict");
        ok(validated);
        Processes.Run installed = processes.paycli("deploy", "-f", "examples/agent", "-e", "beta", "-t", "1.0.0",
                "--strict", "--kubeconfig", admin.toString());
        ok(installed);
        assertThat(ok(kubectl(admin, "get", "deploy,sa,svc,pdb,networkpolicy", "-n", "paycli-agent", "-o", "name")).out())
                .contains("deployment.apps/paycli-agent", "serviceaccount/paycli-agent", "service/paycli-agent",
                        "poddisruptionbudget.policy/paycli-agent", "networkpolicy.networking.k8s.io/paycli-agent");
        assertThat(ok(kubectl(admin, "get", "role,rolebinding", "-n", "promotion-beta", "-o", "name")).out())
                .contains("role.rbac.authorization.k8s.io/paycli-agent-in-promotion-beta",
                        "rolebinding.rbac.authorization.k8s.io/paycli-agent-in-promotion-beta");

        // What the agent's token may do, as the API server answers it.
        assertThat(ok(kubectl(agent, "auth", "can-i", "patch", "deployments", "-n", "promotion-beta")).out().strip())
                .isEqualTo("yes");
        for (String[] ask : new String[][] {{"create", "clusterroles"}, {"create", "rolebindings", "-n", "promotion-beta"},
            {"create", "networkpolicies", "-n", "promotion-beta"}, {"patch", "deployments", "-n", "paycli-agent"}}) {
            Processes.Run answer = kubectl(agent, concat(new String[] {"auth", "can-i"}, ask));
            assertThat(answer.out().strip()).as(String.join(" ", ask) + ": " + answer).isEqualTo("no");
        }

        // A deploy through the agent's account, and one into a namespace it has no Role in.
        ok(processes.paycli("deploy", "-f", "examples/web", "-e", "beta", "-t", "1.0.0", "--kubeconfig", agent.toString()));
        assertThat(ok(kubectl(admin, "get", "deploy", "campaign-web", "-n", "promotion-beta", "-o", "name")).out())
                .contains("deployment.apps/campaign-web");
        Processes.Run outside = processes.paycli("deploy", "-f", "examples/web", "-e", "beta", "-t", "1.0.0",
                "--namespace", "paycli-agent", "--kubeconfig", agent.toString());
        assertThat(outside.exit()).as(outside.toString()).isEqualTo(4);
        assertThat(outside.err()).contains("forbidden before any change", "in namespace paycli-agent")
                .doesNotContain("Exception");
        Processes.Run clusterRole = kubectl(agent, "create", "clusterrole", "mine", "--verb=get", "--resource=pods");
        assertThat(clusterRole.exit()).as(clusterRole.toString()).isNotZero();
        assertThat(clusterRole.err()).contains("Forbidden");
    }

    private Processes.Run kubectl(Path kubeconfig, String... args) throws Exception {
        return processes.kubectl(kubeconfig, args);
    }

    private static Processes.Run ok(Processes.Run run) {
        assertThat(run.exit()).as(run.toString()).isZero();
        return run;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
