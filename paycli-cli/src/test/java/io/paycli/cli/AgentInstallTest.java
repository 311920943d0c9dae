package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import io.paycli.sandbox.SandboxUsers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent installed by paycli deploy into a sandbox that enforces RBAC, then its service account's rights put to
 * use: the sandbox does not run the agent's image, so the test acts with the agent's token as the agent would.
 */
class AgentInstallTest {
    private static final String CONTEXT = "beta-cluster";
    private static final String AGENT_NS = "paycli-agent";
    private static final String USERS = String.join("\n",
            "admin-token,admin,1,system:masters",
            "agent-token,system:serviceaccount:paycli-agent:paycli-agent,5,system:serviceaccounts",
            "");

    @TempDir
    Path tmp;
    Sandbox sandbox;
    Path adminConfig;
    Path agentConfig;
    KubernetesClient admin;
    KubernetesClient agent;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(100))
                .withProgressDeadline(Duration.ofSeconds(2)), SandboxUsers.parse(USERS, "tokens"));
        adminConfig = sandbox.writeKubeconfig(tmp.resolve("admin.kubeconfig"), CONTEXT);
        agentConfig = sandbox.writeKubeconfig(tmp.resolve("agent.kubeconfig"), CONTEXT, "agent-token");
        admin = client(adminConfig);
        agent = client(agentConfig);
        for (String ns : List.of(AGENT_NS, "settlement-beta", "promotion-beta", "points-beta", "elsewhere")) {
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                    .create();
        }
    }

    @AfterEach
    void stop() {
        agent.close();
        admin.close();
        sandbox.close();
    }

    @Test
    void paycliInstallsTheAgentWhoseAccountDeploysEveryBuiltInTypeWhereItsRolesAreAndNothingMore() {
        Cli.Result installed = deploy(adminConfig, "agent", "--strict");
        assertThat(installed.exit()).as(installed.toString()).isZero();
        assertThat(admin.apps().deployments().inNamespace(AGENT_NS).withName("paycli-agent").get()).isNotNull();
        assertThat(admin.serviceAccounts().inNamespace(AGENT_NS).withName("paycli-agent").get()).isNotNull();
        assertThat(admin.services().inNamespace(AGENT_NS).withName("paycli-agent").get()).isNotNull();
        assertThat(admin.policy().v1().podDisruptionBudget().inNamespace(AGENT_NS).withName("paycli-agent").get())
                .isNotNull();
        assertThat(admin.network().v1().networkPolicies().inNamespace(AGENT_NS).withName("paycli-agent").get())
                .isNotNull();
        for (String ns : List.of("settlement-beta", "promotion-beta", "points-beta")) {
            assertThat(admin.rbac().roles().inNamespace(ns).withName("paycli-agent-in-" + ns).get()).isNotNull();
            assertThat(admin.rbac().roleBindings().inNamespace(ns).withName("paycli-agent-in-" + ns).get()).isNotNull();
        }
        assertThat(admin.rbac().roles().inNamespace("elsewhere").list().getItems()).isEmpty();

        // As the agent's service account: each example app into its beta namespace, as a job of the agent would.
        for (String type : new String[] {"batch", "spring-boot-api", "web", "worker"}) {
            Cli.Result deployed = deploy(agentConfig, type);
            assertThat(deployed.exit()).as(type + ": " + deployed).isZero();
        }
        assertThat(admin.apps().deployments().inNamespace("promotion-beta").withName("campaign-web").get()).isNotNull();
        assertThat(admin.batch().v1().cronjobs().inNamespace("settlement-beta").withName("reconcile-batch").get())
                .isNotNull();

        // Not where no Role is: refused before any change, naming what is missing and where.
        Cli.Result outside = deploy(agentConfig, "web", "--namespace", "elsewhere");
        assertThat(outside.exit()).as(outside.toString()).isEqualTo(4);
        assertThat(outside.err()).contains("forbidden before any change", "in namespace elsewhere")
                .doesNotContain("Exception");
        assertThat(admin.apps().deployments().inNamespace("elsewhere").list().getItems()).isEmpty();

        // Kinds the Role does not name: it can neither widen its own rights nor open the network.
        assertForbidden(() -> agent.rbac().clusterRoles().resource(new ClusterRoleBuilder()
                .withNewMetadata().withName("mine").endMetadata().build()).create());
        assertForbidden(() -> agent.rbac().roleBindings().inNamespace("promotion-beta").resource(new RoleBindingBuilder()
                .withNewMetadata().withName("more").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "admin")
                .addNewSubject().withKind("ServiceAccount").withName("paycli-agent").withNamespace(AGENT_NS).endSubject()
                .build()).create());
        assertForbidden(() -> agent.network().v1().networkPolicies().inNamespace("promotion-beta")
                .resource(new NetworkPolicyBuilder().withNewMetadata().withName("open").endMetadata()
                        .withNewSpec().withNewPodSelector().endPodSelector().endSpec().build()).create());
        assertForbidden(() -> agent.apps().deployments().inNamespace(AGENT_NS).withName("paycli-agent").get());
    }

    @Test
    void aNamespaceDroppedFromTheValuesLosesItsRoleAndBindingAtTheNextDeploy() {
        assertThat(deploy(adminConfig, "agent").exit()).isZero();
        Path copy = Examples.copy("agent", tmp.resolve("agent"));
        Examples.replaceIn(copy.resolve("paycli.yaml"), "namespaces: [settlement-beta, promotion-beta, points-beta]",
                "namespaces: [settlement-beta, promotion-beta]");
        String[] where = {"-f", copy.toString(), "-e", "beta", "--kubeconfig", adminConfig.toString()};

        Cli.Result diff = Cli.run(with(where, "diff", "-t", "1.0.0"));
        assertThat(diff.out()).as(diff.toString()).contains("Role", "paycli-agent-in-points-beta");
        Cli.Result again = Cli.run(with(where, "deploy", "-t", "1.0.0", "--archive", tmp.resolve("archive").toString()));
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(admin.rbac().roles().inNamespace("points-beta").list().getItems()).isEmpty();
        assertThat(admin.rbac().roleBindings().inNamespace("points-beta").list().getItems()).isEmpty();
        assertThat(admin.rbac().roles().inNamespace("promotion-beta").withName("paycli-agent-in-promotion-beta").get())
                .isNotNull();
    }

    private static String[] with(String[] where, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of(where));
        return all.toArray(String[]::new);
    }

    private Cli.Result deploy(Path kubeconfig, String example, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("deploy", "-f", Examples.dir(example).toString(),
                "-e", "beta", "-t", "1.0.0", "--kubeconfig", kubeconfig.toString(),
                "--archive", tmp.resolve("archive").toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private static void assertForbidden(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getCode()).isEqualTo(403));
    }

    private static KubernetesClient client(Path kubeconfig) {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig.toFile())).build();
    }
}
