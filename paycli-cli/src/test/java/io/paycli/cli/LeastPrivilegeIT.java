package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import io.paycli.sandbox.SandboxUsers;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Least privilege through the CLI: bin/paycli as a process, as token users of a sandbox that enforces RBAC,
 * with kubectl as an administrator judging what reached the cluster.
 */
class LeastPrivilegeIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "paycli").toAbsolutePath().normalize();
    private static final String CONTEXT = "beta-cluster";
    private static final String USERS = String.join("\n",
            "admin-token,admin,1,system:masters",
            "ci-token,ci,2",
            "viewer-token,viewer,3",
            "fresh-token,fresh,4",
            "");

    @TempDir
    Path tmp;
    Sandbox sandbox;
    Path web;

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    @BeforeEach
    void start() throws IOException {
        assumeTrue(onPath("kubectl"), "kubectl is not on PATH");
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(100))
                .withProgressDeadline(Duration.ofSeconds(2)), SandboxUsers.parse(USERS, "tokens"));
        sandbox.writeKubeconfig(tmp.resolve("admin.kubeconfig"), CONTEXT);
        for (String user : List.of("ci", "viewer", "fresh")) {
            sandbox.writeKubeconfig(tmp.resolve(user + ".kubeconfig"), CONTEXT, user + "-token");
        }
        web = tmp.resolve("web");
        copy(Path.of("..", "examples", "web").toAbsolutePath().normalize(), web);
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void anEditUserDoesEverythingAndAViewUserIsRefusedBeforeAnyChange() throws Exception {
        kubectlApply(namespace("promotion-beta") + binding("promotion-beta", "ci", "ClusterRole", "edit"));
        everything("ci", "promotion-beta");

        kubectlApply(namespace("view-only") + binding("view-only", "viewer", "ClusterRole", "view"));
        Run refused = paycli("viewer", "deploy", "-f", web.toString(), "-e", "beta", "-t", "1.0.0",
                "--namespace", "view-only");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(4);
        assertThat(refused.err().lines().filter(l -> l.startsWith("error:"))).hasSize(1);
        assertThat(refused.err()).doesNotContain("Exception", "\tat ").doesNotContain("==> lock");
        assertThat(refused.err()).contains("forbidden before any change", "patch deployments.apps",
                "create leases.coordination.k8s.io", "in namespace view-only", "paycli rbac -e beta");
        Run nothing = kubectl("get", "configmaps,deployments,services,ingresses,leases,secrets", "-n", "view-only",
                "-o", "name");
        assertThat(nothing.exit()).as(nothing.toString()).isZero();
        assertThat(nothing.out()).isEmpty();
    }

    @Test
    void theRolePrintedByPaycliRbacIsEnough() throws Exception {
        kubectlApply(namespace("fresh-ns"));
        Run printed = paycli("admin", "rbac", "-f", web.toString(), "-e", "beta", "--namespace", "fresh-ns",
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
        Run first = paycli(user, with(where, "deploy", "-t", "1.0.0"));
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(kubectl("get", "ingress", "campaign-web", "-n", ns).exit()).isZero();

        Run diff = paycli(user, with(where, "diff", "-t", "1.0.0", "--set", "ingress.enabled=false"));
        assertThat(diff.exit()).as(diff.toString()).isZero();
        assertThat(diff.out()).contains("Ingress");

        Run prune = paycli(user, with(where, "deploy", "-t", "1.0.0", "--set", "ingress.enabled=false"));
        assertThat(prune.exit()).as(prune.toString()).isZero();
        Run gone = kubectl("get", "ingress", "campaign-web", "-n", ns);
        assertThat(gone.exit()).as(gone.toString()).isEqualTo(1);
        assertThat(gone.err()).contains("NotFound");

        Run failed = paycli(user, with(where, "deploy", "-t", "2.0.0-fail", "--set", "ingress.enabled=false"));
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(5);
        assertThat(failed.err()).contains("rolled back to revision 2");

        Run back = paycli(user, with(where, "rollback", "--to-revision", "1"));
        assertThat(back.exit()).as(back.toString()).isZero();
        assertThat(kubectl("get", "ingress", "campaign-web", "-n", ns).exit()).isZero();

        Run status = paycli(user, with(where, "status"));
        assertThat(status.exit()).as(status.toString()).isZero();
        Run history = paycli(user, with(where, "history"));
        assertThat(history.exit()).as(history.toString()).isZero();
        assertThat(history.out()).contains("rolled_back");
        assertThat(history.out().lines().count()).isEqualTo(5);
    }

    private static String[] with(String[] where, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(where));
        return all.toArray(String[]::new);
    }

    private Run paycli(String user, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--kubeconfig", tmp.resolve(user + ".kubeconfig").toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PAYCLI_JAR", Path.of("target", "paycli.jar").toAbsolutePath().toString());
        return run(pb);
    }

    private Run kubectl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig",
                tmp.resolve("admin.kubeconfig").toString()));
        command.addAll(List.of(args));
        return run(new ProcessBuilder(command));
    }

    private void kubectlApply(String yaml) throws IOException, InterruptedException {
        Path file = Files.createTempFile(tmp, "apply", ".yaml");
        Files.writeString(file, yaml);
        Run applied = kubectl("apply", "--server-side", "--validate=false", "-f", file.toString());
        assertThat(applied.exit()).as(applied.toString()).isZero();
    }

    private Run run(ProcessBuilder pb) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.environment().put("HOME", tmp.toString());
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
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

    private static void copy(Path source, Path target) throws IOException {
        try (var files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
