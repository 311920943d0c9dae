package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the docs tell users to pipe into kubectl, applied with kubectl's default validation (--validate=strict)
 * against bin/paycli sandbox: kubectl asks the server to validate fields, as on a real cluster.
 */
class KubectlApplyIT {
    private static final String NS = "promotion-beta";

    @TempDir
    Path home;
    Processes processes;
    SandboxProcess sandbox;

    @BeforeEach
    void start() throws Exception {
        assertThat(kubectlInstalled()).as("kubectl on PATH: it is what the user applies with").isTrue();
        processes = new Processes(home);
        sandbox = SandboxProcess.start(processes, home, "--port", "0");
        Processes.Run namespace = sandbox.kubectl("create", "namespace", NS);
        assertThat(namespace.exit()).as(namespace.toString()).isZero();
    }

    @AfterEach
    void stop() throws Exception {
        sandbox.close();
    }

    private static boolean kubectlInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "kubectl"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theRolePrintedByPaycliRbacApplies() throws Exception {
        Processes.Run printed = processes.paycli("rbac", "-f", "examples/web", "-e", "beta", "--user", "ci");
        assertThat(printed.exit()).as(printed.toString()).isZero();
        Path file = home.resolve("rbac.yaml");
        Files.writeString(file, printed.out());

        Processes.Run applied = sandbox.kubectl("apply", "-f", file.toString());

        assertThat(applied.exit()).as(applied.toString()).isZero();
        assertThat(applied.err()).as("no validation warning or error").isEmpty();
        assertThat(applied.out()).containsPattern("role.rbac.authorization.k8s.io/\\S+ created")
                .containsPattern("rolebinding.rbac.authorization.k8s.io/\\S+ created");
        assertThat(sandbox.kubectlOut("get", "roles,rolebindings", "-n", NS, "-o", "name")).contains("role.", "rolebinding.");
    }

    @Test
    void theRenderedDirectoryAppliesClientAndServerSide() throws Exception {
        Path out = home.resolve("out");
        Processes.Run rendered = processes.paycli("render", "-f", "examples/web", "-e", "beta", "-t", "1.0.0",
                "--output-dir", out.toString());
        assertThat(rendered.exit()).as(rendered.toString()).isZero();

        Processes.Run applied = sandbox.kubectl("apply", "-f", out.toString());
        assertThat(applied.exit()).as(applied.toString()).isZero();
        assertThat(applied.err()).as("no validation warning or error").isEmpty();
        assertThat(applied.out()).contains("deployment.apps/campaign-web created", "service/campaign-web created",
                "ingress.networking.k8s.io/campaign-web created");

        Processes.Run again = sandbox.kubectl("apply", "--server-side", "--force-conflicts", "-f", out.toString());
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.err()).isEmpty();
        assertThat(again.out()).contains("deployment.apps/campaign-web serverside-applied");

        assertThat(sandbox.kubectlOut("get", "deployment", "campaign-web", "-n", NS, "-o",
                "jsonpath={.spec.template.spec.containers[0].image}")).isEqualTo(
                        "registry.example.com/pay/campaign-web:1.0.0");
        assertThat(sandbox.kubectlOut("get", "svc,ingress,cm", "-n", NS, "-o", "name")).contains("service/campaign-web",
                "ingress.networking.k8s.io/campaign-web", "configmap/campaign-web");
    }

    @Test
    void aManifestWithAnUnknownFieldFailsAsOnARealServer() throws Exception {
        Path typo = home.resolve("typo.yaml");
        Files.writeString(typo, String.join("\n",
                "apiVersion: v1",
                "kind: Service",
                "metadata: {name: typo, namespace: " + NS + "}",
                "spec:",
                "  selector: {app: typo}",
                "  ports:",
                "  - {port: 80, targetPortt: 8080}",
                ""));

        Processes.Run refused = sandbox.kubectl("apply", "-f", typo.toString());

        assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("Error from server (BadRequest)",
                "strict decoding error: unknown field \"spec.ports[0].targetPortt\"");
        assertThat(sandbox.kubectl("get", "service", "typo", "-n", NS).exit()).isEqualTo(1);
    }
}
