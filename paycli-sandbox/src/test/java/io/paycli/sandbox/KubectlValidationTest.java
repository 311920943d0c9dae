package io.paycli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubectl 1.32 with its default --validate=strict: it asks the server to validate, as on a real cluster. */
class KubectlValidationTest {

    private static final String CONFIG = String.join("\n",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata:",
            "  name: settings",
            "  namespace: default",
            "data:",
            "  mode: VALUE",
            "");

    private static final String DEPLOYMENT = String.join("\n",
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata:",
            "  name: web",
            "  namespace: default",
            "spec:",
            "  replicas: 1",
            "  selector:",
            "    matchLabels: {app: web}",
            "  template:",
            "    metadata:",
            "      labels: {app: web}",
            "    spec:",
            "      containers:",
            "      - name: web",
            "        image: nginx:1",
            "");

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private Kubectl kubectl;

    @BeforeEach
    void start() {
        assertThat(Kubectl.installed()).as("kubectl 1.32 on PATH: the tests judge the sandbox by it").isTrue();
        sandbox = Sandbox.start(0);
        kubectl = new Kubectl(sandbox.writeKubeconfig(dir.resolve("kubeconfig")), dir);
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private Path file(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void applyCreateAndServerSideApplyWorkWithDefaultValidation() throws Exception {
        Path config = file("config.yaml", CONFIG.replace("VALUE", "one"));
        Path deployment = file("deployment.yaml", DEPLOYMENT);

        Kubectl.Result applied = kubectl.run("apply", "-f", config.toString());
        Kubectl.Result reapplied = kubectl.run("apply", "-f", file("config2.yaml", CONFIG.replace("VALUE", "two")).toString());
        Kubectl.Result serverSide = kubectl.run("apply", "--server-side", "-f", deployment.toString());
        Kubectl.Result created = kubectl.run("create", "-f", file("other.yaml",
                CONFIG.replace("settings", "other")).toString());

        assertThat(applied.exit()).as(applied.toString()).isZero();
        assertThat(applied.out()).contains("configmap/settings created");
        assertThat(reapplied.exit()).as(reapplied.toString()).isZero();
        assertThat(reapplied.out()).contains("configmap/settings configured");
        assertThat(serverSide.exit()).as(serverSide.toString()).isZero();
        assertThat(serverSide.out()).contains("deployment.apps/web serverside-applied");
        assertThat(created.exit()).as(created.toString()).isZero();
        for (Kubectl.Result r : new Kubectl.Result[] {applied, reapplied, serverSide, created}) {
            assertThat(r.err()).as("no warnings: " + r).isEmpty();
        }
        assertThat(kubectl.run("get", "configmap", "settings", "-o", "jsonpath={.data.mode}").out()).isEqualTo("two");
    }

    @Test
    void anUnknownFieldFailsStrictAndIsOnlyAWarningUnderWarn() throws Exception {
        Path typo = file("typo.yaml", DEPLOYMENT.replace("  replicas: 1\n", "  replicas: 1\n  replicaz: 2\n"));

        Kubectl.Result strict = kubectl.run("apply", "-f", typo.toString());
        Kubectl.Result strictServerSide = kubectl.run("apply", "--server-side", "-f", typo.toString());
        Kubectl.Result warned = kubectl.run("apply", "--validate=warn", "-f", typo.toString());

        assertThat(strict.exit()).as(strict.toString()).isNotZero();
        assertThat(strict.err()).contains("Error from server (BadRequest)")
                .contains("strict decoding error: unknown field \"spec.replicaz\"");
        assertThat(strictServerSide.exit()).as(strictServerSide.toString()).isNotZero();
        assertThat(strictServerSide.err()).contains(".spec.replicaz: field not declared in schema");
        assertThat(warned.exit()).as(warned.toString()).isZero();
        assertThat(warned.err()).contains("Warning: unknown field \"spec.replicaz\"");
        // The last-applied annotation keeps what the user wrote; the object itself does not have the field.
        assertThat(kubectl.run("get", "deployment", "web", "-o", "jsonpath={.spec}").out()).contains("\"replicas\":1")
                .doesNotContain("replicaz");
    }
}
