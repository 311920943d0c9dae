package io.paycli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubectl 1.32 against the sandbox: what `paycli sandbox` promises its users. */
class KubectlTest {

    private static final String APP = String.join("\n",
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata:",
            "  name: web",
            "  namespace: demo",
            "spec:",
            "  replicas: 2",
            "  selector:",
            "    matchLabels: {app: web}",
            "  template:",
            "    metadata:",
            "      labels: {app: web}",
            "    spec:",
            "      containers:",
            "      - name: web",
            "        image: nginx:IMAGE_TAG",
            "---",
            "apiVersion: v1",
            "kind: Service",
            "metadata:",
            "  name: web",
            "  namespace: demo",
            "spec:",
            "  selector: {app: web}",
            "  ports:",
            "  - port: 80",
            "");

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private Kubectl kubectl;

    @BeforeEach
    void start() {
        assertThat(Kubectl.installed()).as("kubectl 1.32 on PATH: the tests judge the sandbox by it").isTrue();
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(100))
                .withProgressDeadline(Duration.ofSeconds(1)));
        kubectl = new Kubectl(sandbox.writeKubeconfig(dir.resolve("kubeconfig")), dir);
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private Path manifest(String tag) throws Exception {
        Path file = dir.resolve("app-" + tag + ".yaml");
        Files.writeString(file, APP.replace("IMAGE_TAG", tag));
        return file;
    }

    @Test
    void listsNamespacesAndCreatesOne() throws Exception {
        Kubectl.Result namespaces = kubectl.run("get", "ns");
        assertThat(namespaces.exit()).as(namespaces.toString()).isZero();
        assertThat(namespaces.out()).contains("default", "kube-system");

        Kubectl.Result created = kubectl.run("create", "namespace", "demo");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.out()).contains("namespace/demo created");
    }

    @Test
    void appliesDiffsRollsOutScalesAndDeletes() throws Exception {
        assertThat(kubectl.run("create", "namespace", "demo").exit()).isZero();
        Path good = manifest("1.27");

        Kubectl.Result applied = kubectl.run("apply", "--server-side", "--validate=false", "-f", good.toString());
        assertThat(applied.exit()).as(applied.toString()).isZero();
        assertThat(applied.out()).contains("deployment.apps/web serverside-applied", "service/web serverside-applied");

        // Waiting first also lets the simulated status settle, so diff compares a quiet object.
        Kubectl.Result rollout = kubectl.run("rollout", "status", "deploy/web", "-n", "demo", "--timeout=20s");
        assertThat(rollout.exit()).as(rollout.toString()).isZero();
        assertThat(rollout.out()).contains("successfully rolled out");

        Kubectl.Result json = kubectl.run("get", "deploy", "-n", "demo", "-o", "json", "--show-managed-fields");
        assertThat(json.exit()).as(json.toString()).isZero();
        assertThat(json.out()).contains("\"name\": \"web\"", "\"manager\": \"kubectl\"", "\"operation\": \"Apply\"");

        Kubectl.Result same = kubectl.run("diff", "--server-side", "-f", good.toString());
        assertThat(same.exit()).as(same.toString()).isZero();
        Kubectl.Result changed = kubectl.run("diff", "--server-side", "-f", manifest("1.28").toString());
        assertThat(changed.exit()).as(changed.toString()).isEqualTo(1);
        assertThat(changed.out()).contains("-      - image: nginx:1.27", "+      - image: nginx:1.28");


        Kubectl.Result all = kubectl.run("get", "all", "-n", "demo");
        assertThat(all.exit()).as(all.toString()).isZero();
        assertThat(all.out()).contains("deployment.apps/web", "service/web", "pod/web-");

        Kubectl.Result restart = kubectl.run("rollout", "restart", "deploy/web", "-n", "demo");
        assertThat(restart.exit()).as(restart.toString()).isZero();
        Kubectl.Result reapplied = kubectl.run("apply", "--server-side", "--validate=false", "-f", good.toString());
        assertThat(reapplied.exit()).as("a restart must not make the next apply conflict: " + reapplied).isZero();

        Kubectl.Result scaled = kubectl.run("scale", "deploy/web", "-n", "demo", "--replicas=3");
        assertThat(scaled.exit()).as(scaled.toString()).isZero();
        Kubectl.Result replicas = kubectl.run("get", "deploy", "web", "-n", "demo", "-o", "jsonpath={.spec.replicas}");
        assertThat(replicas.out()).isEqualTo("3");
        assertThat(kubectl.run("rollout", "status", "deploy/web", "-n", "demo", "--timeout=20s").exit()).isZero();

        Kubectl.Result pods = kubectl.run("get", "pods", "-n", "demo", "-l", "app=web", "-o", "name");
        assertThat(pods.exit()).as(pods.toString()).isZero();
        assertThat(pods.out().lines()).hasSize(3);

        Kubectl.Result deleted = kubectl.run("delete", "-f", good.toString());
        assertThat(deleted.exit()).as(deleted.toString()).isZero();
        assertThat(deleted.out()).contains("deployment.apps \"web\" deleted");
        assertThat(kubectl.run("get", "deploy", "web", "-n", "demo").exit()).isEqualTo(1);
    }

    @Test
    void clientSideApplyAndCreateRecordTheirManagersAsARealServerDoes() throws Exception {
        assertThat(kubectl.run("create", "namespace", "demo").exit()).isZero();
        String deployment = APP.substring(0, APP.indexOf("---"));
        Path first = dir.resolve("web.yaml");
        Files.writeString(first, deployment.replace("IMAGE_TAG", "1.27"));

        Kubectl.Result applied = kubectl.run("apply", "--validate=false", "-f", first.toString());
        assertThat(applied.exit()).as(applied.toString()).isZero();
        assertThat(applied.out()).contains("deployment.apps/web created");
        Path second = dir.resolve("web-2.yaml");
        Files.writeString(second, deployment.replace("IMAGE_TAG", "1.28"));
        Kubectl.Result patched = kubectl.run("apply", "--validate=false", "-f", second.toString());
        assertThat(patched.exit()).as(patched.toString()).isZero();
        assertThat(patched.out()).contains("deployment.apps/web configured");

        Kubectl.Result json = kubectl.run("get", "deploy", "web", "-n", "demo", "-o", "json", "--show-managed-fields");
        assertThat(json.exit()).as(json.toString()).isZero();
        Map<String, Object> live = Json.parse(json.out());
        // The Deployment controller owns the revision annotation it writes, as on a real server.
        List<Object> managed = Json.list(live, "metadata", "managedFields").stream()
                .filter(m -> !"kube-controller-manager".equals(((Map<?, ?>) m).get("manager"))).toList();
        assertThat(managed).hasSize(1);
        Map<?, ?> entry = (Map<?, ?>) managed.get(0);
        assertThat(entry.get("manager")).isEqualTo("kubectl-client-side-apply");
        assertThat(entry.get("operation")).isEqualTo("Update");
        assertThat(Json.write(entry.get("fieldsV1"))).contains("f:kubectl.kubernetes.io/last-applied-configuration",
                "k:{\\\"name\\\":\\\"web\\\"}", "f:image");
        assertThat(Json.map(live, "metadata", "annotations")).containsKey("kubectl.kubernetes.io/last-applied-configuration");
        assertThat(json.out()).contains("nginx:1.28");

        Path service = dir.resolve("service.yaml");
        Files.writeString(service, APP.substring(APP.indexOf("---") + 4));
        Kubectl.Result created = kubectl.run("create", "--validate=false", "-f", service.toString());
        assertThat(created.exit()).as(created.toString()).isZero();
        Kubectl.Result managers = kubectl.run("get", "svc", "web", "-n", "demo", "--show-managed-fields", "-o",
                "jsonpath={.metadata.managedFields[*].manager}/{.metadata.managedFields[*].operation}");
        assertThat(managers.out()).isEqualTo("kubectl-create/Update");
    }

    @Test
    void rolloutOfAFailingImageFails() throws Exception {
        assertThat(kubectl.run("create", "namespace", "demo").exit()).isZero();
        Kubectl.Result applied = kubectl.run("apply", "--server-side", "--validate=false", "-f",
                manifest("1.0-fail").toString());
        assertThat(applied.exit()).as(applied.toString()).isZero();

        Kubectl.Result rollout = kubectl.run("rollout", "status", "deploy/web", "-n", "demo", "--timeout=20s");
        assertThat(rollout.exit()).as(rollout.toString()).isNotZero();
        assertThat(rollout.err()).contains("exceeded its progress deadline");

        Kubectl.Result pods = kubectl.run("get", "pods", "-n", "demo", "-o",
                "jsonpath={.items[*].status.containerStatuses[*].state.waiting.reason}");
        assertThat(pods.out()).contains("CrashLoopBackOff");
    }
}
