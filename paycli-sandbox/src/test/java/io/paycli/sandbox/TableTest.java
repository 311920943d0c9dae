package io.paycli.sandbox;

import static io.paycli.sandbox.WatchTest.await;
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

/** The server-side Table that kubectl get asks for: the columns a real API server prints, per kind. */
class TableTest {

    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,"
            + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    private static final String APP = String.join("\n",
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata: {name: web, namespace: demo}",
            "spec:",
            "  replicas: 2",
            "  selector:",
            "    matchLabels: {app: web}",
            "  template:",
            "    metadata:",
            "      labels: {app: web}",
            "    spec:",
            "      containers:",
            "      - {name: web, image: 'nginx:1.27'}",
            "---",
            "apiVersion: v1",
            "kind: Service",
            "metadata: {name: web, namespace: demo}",
            "spec:",
            "  selector: {app: web}",
            "  ports:",
            "  - {port: 80}",
            "---",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: web-config, namespace: demo}",
            "data: {a: '1', b: '2'}",
            "---",
            "apiVersion: autoscaling/v2",
            "kind: HorizontalPodAutoscaler",
            "metadata: {name: web, namespace: demo}",
            "spec:",
            "  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}",
            "  minReplicas: 2",
            "  maxReplicas: 5",
            "  metrics:",
            "  - type: Resource",
            "    resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}",
            "---",
            "apiVersion: rbac.authorization.k8s.io/v1",
            "kind: Role",
            "metadata: {name: reader, namespace: demo}",
            "rules: []",
            "");

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private Http http;
    private Kubectl kubectl;

    @BeforeEach
    void start() throws Exception {
        assertThat(Kubectl.installed()).as("kubectl 1.32 on PATH: the tests judge the sandbox by it").isTrue();
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(100)));
        http = new Http(sandbox.url());
        kubectl = new Kubectl(sandbox.writeKubeconfig(dir.resolve("kubeconfig")), dir);
        assertThat(kubectl.run("create", "namespace", "demo").exit()).isZero();
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, APP);
        Kubectl.Result applied = kubectl.run("apply", "--server-side", "--validate=false", "-f", file.toString());
        assertThat(applied.exit()).as(applied.toString()).isZero();
        assertThat(kubectl.run("rollout", "status", "deploy/web", "-n", "demo", "--timeout=20s").exit()).isZero();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @SuppressWarnings("unchecked")
    private static List<String> columns(Map<String, Object> table, boolean all) {
        return Json.list(table, "columnDefinitions").stream().map(c -> (Map<String, Object>) c)
                .filter(c -> all || ((Number) c.getOrDefault("priority", 0)).intValue() == 0)
                .map(c -> String.valueOf(c.get("name"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(Map<String, Object> table, int index) {
        return (Map<String, Object>) Json.list(table, "rows").get(index);
    }

    @Test
    void aDeploymentListIsATableWithTheColumnsOfARealServer() throws Exception {
        Http.Reply reply = http.get("/apis/apps/v1/namespaces/demo/deployments", TABLE);

        assertThat(reply.code()).as(reply.body()).isEqualTo(200);
        Map<String, Object> table = reply.json();
        assertThat(table).containsEntry("kind", "Table").containsEntry("apiVersion", "meta.k8s.io/v1");
        assertThat(Json.string(table, "metadata", "resourceVersion")).isNotEmpty();
        assertThat(columns(table, true)).containsExactly("Name", "Ready", "Up-to-date", "Available", "Age",
                "Containers", "Images", "Selector");
        assertThat(columns(table, false)).containsExactly("Name", "Ready", "Up-to-date", "Available", "Age");
        Map<String, Object> row = row(table, 0);
        List<Object> cells = Json.list(row, "cells");
        assertThat(cells.subList(0, 4)).containsExactly("web", "2/2", 2, 2);
        assertThat(String.valueOf(cells.get(4))).matches("\\d+s");
        assertThat(cells.subList(5, 8)).containsExactly("web", "nginx:1.27", "app=web");
        assertThat(Json.map(row, "object")).containsEntry("kind", "PartialObjectMetadata")
                .containsEntry("apiVersion", "meta.k8s.io/v1");
        assertThat(Json.string(row, "object", "metadata", "name")).isEqualTo("web");
        assertThat(Json.map(row, "object")).doesNotContainKey("spec");
    }

    @Test
    void includeObjectAndTheVersionFallbacksAreHonoured() throws Exception {
        String path = "/apis/apps/v1/namespaces/demo/deployments/web";
        Map<String, Object> full = http.get(path + "?includeObject=Object", TABLE).json();
        assertThat(Json.list(full, "rows")).hasSize(1);
        assertThat(Json.map(row(full, 0), "object")).containsEntry("kind", "Deployment").containsKey("spec");
        Map<String, Object> none = http.get(path + "?includeObject=None", TABLE).json();
        assertThat(row(none, 0).get("object")).isNull();

        Map<String, Object> beta = http.get(path, "application/json;as=Table;v=v1beta1;g=meta.k8s.io").json();
        assertThat(beta).containsEntry("kind", "Table").containsEntry("apiVersion", "meta.k8s.io/v1beta1");
        assertThat(Json.map(row(beta, 0), "object")).containsEntry("apiVersion", "meta.k8s.io/v1beta1");
        assertThat(http.get(path, "application/json").json()).containsEntry("kind", "Deployment");
        Http.Reply refused = http.get(path, "application/json;as=Table;v=v2;g=meta.k8s.io");
        assertThat(refused.code()).isEqualTo(406);
        assertThat(http.get(path + "?includeObject=Everything", TABLE).code()).isEqualTo(400);
    }

    @Test
    void podsServicesConfigMapsAutoscalersAndNamespacesHaveTheirColumns() throws Exception {
        Map<String, Object> pods = http.get("/api/v1/namespaces/demo/pods", TABLE).json();
        assertThat(columns(pods, true)).containsExactly("Name", "Ready", "Status", "Restarts", "Age", "IP", "Node",
                "Nominated Node", "Readiness Gates");
        assertThat(Json.list(row(pods, 0), "cells").subList(1, 4)).containsExactly("1/1", "Running", "0");

        Map<String, Object> services = http.get("/api/v1/namespaces/demo/services", TABLE).json();
        assertThat(columns(services, false)).containsExactly("Name", "Type", "Cluster-IP", "External-IP", "Port(s)",
                "Age");
        List<Object> service = Json.list(row(services, 0), "cells");
        assertThat(service.get(1)).isEqualTo("ClusterIP");
        assertThat(service.subList(3, 5)).containsExactly("<none>", "80/TCP");
        assertThat(service.get(6)).isEqualTo("app=web");

        Map<String, Object> configMaps = http.get("/api/v1/namespaces/demo/configmaps", TABLE).json();
        assertThat(columns(configMaps, true)).containsExactly("Name", "Data", "Age");
        assertThat(Json.list(row(configMaps, 0), "cells").subList(0, 2)).containsExactly("web-config", 2);

        Map<String, Object> hpas = http.get("/apis/autoscaling/v2/namespaces/demo/horizontalpodautoscalers", TABLE)
                .json();
        assertThat(columns(hpas, true)).containsExactly("Name", "Reference", "Targets", "MinPods", "MaxPods",
                "Replicas", "Age");
        assertThat(Json.list(row(hpas, 0), "cells").subList(1, 5)).containsExactly("Deployment/web",
                "cpu: <unknown>/80%", "2", 5);

        Map<String, Object> namespace = http.get("/api/v1/namespaces/demo", TABLE).json();
        assertThat(columns(namespace, true)).containsExactly("Name", "Status", "Age");
        assertThat(Json.list(row(namespace, 0), "cells").subList(0, 2)).containsExactly("demo", "Active");
    }

    @Test
    void aKindWithoutPrinterGetsNameAndCreatedAt() throws Exception {
        Map<String, Object> roles = http.get("/apis/rbac.authorization.k8s.io/v1/namespaces/demo/roles", TABLE).json();

        assertThat(columns(roles, true)).containsExactly("Name", "Created At");
        List<Object> cells = Json.list(row(roles, 0), "cells");
        assertThat(cells.get(0)).isEqualTo("reader");
        assertThat(String.valueOf(cells.get(1))).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    void kubectlGetPrintsTheRealColumns() throws Exception {
        Kubectl.Result get = kubectl.run("get", "deploy,svc,pods,cm,hpa", "-n", "demo");
        assertThat(get.exit()).as(get.toString()).isZero();
        assertThat(get.out()).contains("READY   UP-TO-DATE   AVAILABLE", "TYPE        CLUSTER-IP", "PORT(S)",
                "STATUS    RESTARTS", "DATA", "REFERENCE", "TARGETS", "MINPODS");
        assertThat(get.out()).containsPattern("deployment.apps/web\\s+2/2\\s+2\\s+2");
        assertThat(get.out()).containsPattern("pod/web-\\S+\\s+1/1\\s+Running\\s+0");

        Kubectl.Result wide = kubectl.run("get", "deploy", "-n", "demo", "-o", "wide");
        assertThat(wide.out()).contains("CONTAINERS", "IMAGES", "SELECTOR").containsPattern("nginx:1.27\\s+app=web");

        Kubectl.Result labels = kubectl.run("get", "deploy", "web", "-n", "demo", "--show-labels");
        assertThat(labels.exit()).as(labels.toString()).isZero();
        assertThat(labels.out()).contains("LABELS");

        Kubectl.Result sorted = kubectl.run("get", "pods", "-n", "demo", "--sort-by=.metadata.name");
        assertThat(sorted.exit()).as(sorted.toString()).isZero();
        assertThat(sorted.out()).contains("READY   STATUS");
    }

    @Test
    void kubectlGetWatchPrintsRowsOfTheSameColumns() throws Exception {
        Path out = dir.resolve("watch.txt");
        ProcessBuilder builder = new ProcessBuilder("kubectl", "get", "deploy", "-n", "demo", "-w")
                .redirectOutput(out.toFile()).redirectErrorStream(true);
        builder.environment().put("KUBECONFIG", dir.resolve("kubeconfig").toString());
        Process watch = builder.start();
        try {
            await(() -> read(out).contains("UP-TO-DATE"));
            assertThat(kubectl.run("scale", "deploy/web", "-n", "demo", "--replicas=3").exit()).isZero();
            await(() -> read(out).lines().anyMatch(l -> l.matches("web\\s+\\d/3\\s+.*")));
        } finally {
            watch.destroy();
        }
        assertThat(read(out).lines().filter(l -> l.contains("UP-TO-DATE"))).hasSize(1);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
