package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import io.paycli.sandbox.SandboxUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Least privilege through the CLI: bin/paycli as a process, as token users of a sandbox that enforces RBAC,
 * with kubectl as an administrator judging what reached the cluster.
 */
class LeastPrivilegeIT {
    private static final String CONTEXT = "beta-cluster";
    private static final String USERS = String.join("\n",
            "admin-token,admin,1,system:masters",
            "ci-token,ci,2",
            "viewer-token,viewer,3",
            "fresh-token,fresh,4",
            "");

    @TempDir
    Path tmp;
    Processes processes;
    Sandbox sandbox;
    Path web;

    @BeforeEach
    void start() throws IOException {
        processes = new Processes(tmp);
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(100))
                .withProgressDeadline(Duration.ofSeconds(2)), SandboxUsers.parse(USERS, "tokens"));
        sandbox.writeKubeconfig(tmp.resolve("admin.kubeconfig"), CONTEXT);
        for (String user : List.of("ci", "viewer", "fresh")) {
            sandbox.writeKubeconfig(tmp.resolve(user + ".kubeconfig"), CONTEXT, user + "-token");
        }
        web = processes.example("web");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void anEditUserDoesEverythingAndAViewUserIsRefusedBeforeAnyChange() throws Exception {
        kubectlApply(namespace("promotion-beta") + binding("promotion-beta", "ci", "ClusterRole", "edit"));
        everything("ci", "promotion-beta");

        kubectlApply(namespace("view-only") + binding("view-only", "viewer", "ClusterRole", "view"));
        Processes.Run refused = paycli("viewer", "deploy", "-f", web.toString(), "-e", "beta", "-t", "1.0.0",
                "--namespace", "view-only");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(4);
        assertThat(refused.err().lines().filter(l -> l.startsWith("error:"))).hasSize(1);
        assertThat(refused.err()).doesNotContain("Exception", "\tat ").doesNotContain("==> lock");
        assertThat(refused.err()).contains("forbidden before any change", "patch deployments.apps",
                "create leases.coordination.k8s.io", "in namespace view-only", "paycli rbac -e beta");
        Processes.Run nothing = kubectl("get", "configmaps,deployments,services,ingresses,leases,secrets", "-n", "view-only",
                "-o", "name");
        assertThat(nothing.exit()).as(nothing.toString()).isZero();
        assertThat(nothing.out()).isEmpty();
    }

    @Test
    void theRolePrintedByPaycliRbacIsEnough() throws Exception {
        kubectlApply(namespace("fresh-ns"));
        // rbac renders from paycli.yaml and reaches no cluster, so it takes no kubeconfig.
        Processes.Run printed = processes.paycli("rbac", "-f", web.toString(), "-e", "beta", "--namespace", "fresh-ns",
                "--user", "fresh");
        assertThat(printed.exit()).as(printed.toString()).isZero();
        assertThat(printed.out()).contains("kind: Role", "kind: RoleBinding", "name: fresh")
                .doesNotContain("'*'", "rolebindings", "roles");
        kubectlApply(printed.out());

        everything("fresh", "fresh-ns");
    }

    /** Deploy, a prune, a failing deploy rolled back, rollback, status, history and diff, as the user. */
    private void everything(String user, String ns) throws Exception {
        String[] where = {"-f", web.toString(), "-e", "beta", "--namespace", ns};
        Processes.Run first = paycli(user, with(where, "deploy", "-t", "1.0.0"));
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(kubectl("get", "ingress", "campaign-web", "-n", ns).exit()).isZero();

        Processes.Run diff = paycli(user, with(where, "diff", "-t", "1.0.0", "--set", "ingress.enabled=false"));
        assertThat(diff.exit()).as(diff.toString()).isZero();
        assertThat(diff.out()).contains("Ingress");

        Processes.Run prune = paycli(user, with(where, "deploy", "-t", "1.0.0", "--set", "ingress.enabled=false"));
        assertThat(prune.exit()).as(prune.toString()).isZero();
        Processes.Run gone = kubectl("get", "ingress", "campaign-web", "-n", ns);
        assertThat(gone.exit()).as(gone.toString()).isEqualTo(1);
        assertThat(gone.err()).contains("NotFound");

        Processes.Run failed = paycli(user, with(where, "deploy", "-t", "2.0.0-fail", "--set", "ingress.enabled=false"));
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(5);
        assertThat(failed.err()).contains("rolled back to revision 2");

        Processes.Run back = paycli(user, with(where, "rollback", "--to-revision", "1"));
        assertThat(back.exit()).as(back.toString()).isZero();
        assertThat(kubectl("get", "ingress", "campaign-web", "-n", ns).exit()).isZero();

        Processes.Run status = paycli(user, with(where, "status"));
        assertThat(status.exit()).as(status.toString()).isZero();
        Processes.Run history = paycli(user, with(where, "history"));
        assertThat(history.exit()).as(history.toString()).isZero();
        assertThat(history.out()).contains("rolled back");
        assertThat(history.out().lines().count()).isEqualTo(5);
    }

    private static String[] with(String[] where, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(where));
        return all.toArray(String[]::new);
    }

    private Processes.Run paycli(String user, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", tmp.resolve(user + ".kubeconfig").toString()));
        return processes.paycli(all.toArray(String[]::new));
    }

    private Processes.Run kubectl(String... args) throws IOException, InterruptedException {
        return processes.kubectl(tmp.resolve("admin.kubeconfig"), args);
    }

    private void kubectlApply(String yaml) throws IOException, InterruptedException {
        Path file = Files.createTempFile(tmp, "apply", ".yaml");
        Files.writeString(file, yaml);
        Processes.Run applied = kubectl("apply", "--server-side", "-f", file.toString());
        assertThat(applied.exit()).as(applied.toString()).isZero();
    }

    private static String namespace(String name) {
        return "apiVersion: v1\nkind: Namespace\nmetadata: {name: " + name + "}\n---\n";
    }

    private static String binding(String ns, String user, String roleKind, String role) {
        return "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n"
                + "metadata: {name: " + user + "-" + role + ", namespace: " + ns + "}\n"
                + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: " + roleKind + ", name: " + role + "}\n"
                + "subjects:\n- {apiGroup: rbac.authorization.k8s.io, kind: User, name: " + user + "}\n";
    }
}
