package io.paycli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Field ownership leaf by leaf, as a real server records it in FieldsV1: keyed list items, per-leaf conflicts and
 * removal, client-side-apply managers and before-first-apply, and the ownership upgrade client-go's csaupgrade does.
 */
class FieldOwnershipTest {

    private static final String PATH = "/apis/apps/v1/namespaces/default/deployments/web";
    private static final String COLLECTION = "/apis/apps/v1/namespaces/default/deployments";

    private Sandbox sandbox;
    private Http http;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0);
        http = new Http(sandbox.url());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** A Deployment with one container; extra lines go under the container (env, ports). */
    static String deployment(String image, String... containerLines) {
        StringBuilder yaml = new StringBuilder(String.join("\n",
                "apiVersion: apps/v1",
                "kind: Deployment",
                "metadata:",
                "  name: web",
                "  labels: {app: web}",
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
                "        image: " + image,
                ""));
        for (String line : containerLines) {
            yaml.append("        ").append(line).append('\n');
        }
        return yaml.toString();
    }

    private static Map<?, ?> entry(Http.Reply reply, String manager) {
        return Json.list(reply.json(), "metadata", "managedFields").stream().map(m -> (Map<?, ?>) m)
                .filter(m -> manager.equals(m.get("manager"))).findFirst().orElse(null);
    }

    private static List<?> env(Http.Reply reply) {
        Map<?, ?> container = (Map<?, ?>) Json.list(reply.json(), "spec", "template", "spec", "containers").get(0);
        return container.get("env") == null ? List.of() : (List<?>) container.get("env");
    }

    @Test
    void ownsEveryLeafAndKeysListItemsAsTheRealServerWritesThem() throws Exception {
        Http.Reply applied = http.apply(PATH, "paycli", false, deployment("nginx:1",
                "ports: [{containerPort: 8080}]", "env: [{name: MODE, value: fast}]", "args: [--verbose]"));

        assertThat(applied.code()).as(applied.body()).isEqualTo(201);
        Map<?, ?> fields = (Map<?, ?>) entry(applied, "paycli").get("fieldsV1");
        Map<?, ?> container = (Map<?, ?>) Json.map(Json.parse(Json.write(fields)), "f:spec", "f:template", "f:spec",
                "f:containers").get("k:{\"name\":\"web\"}");
        assertThat(Json.write(container)).isEqualTo("{\".\":{},\"f:args\":{},"
                + "\"f:env\":{\"k:{\\\"name\\\":\\\"MODE\\\"}\":{\".\":{},\"f:name\":{},\"f:value\":{}}},"
                + "\"f:image\":{},\"f:name\":{},"
                + "\"f:ports\":{\"k:{\\\"containerPort\\\":8080,\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},"
                + "\"f:containerPort\":{}}}}");
        assertThat(Json.write(fields)).contains("\"f:selector\":{}", "\"f:labels\":{\"f:app\":{}}");
    }

    @Test
    void servicePortsAreKeyedByPortAndProtocolAndFinalizersAreASet() throws Exception {
        String path = "/api/v1/namespaces/default/services/web";
        String service = "apiVersion: v1\nkind: Service\nmetadata: {name: web, finalizers: [FINALIZERS]}\n"
                + "spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}\n";
        http.apply(path, "paycli", false, service.replace("FINALIZERS", "example.com/a"));
        http.apply(path, "other", false, "apiVersion: v1\nkind: Service\nmetadata: {name: web, finalizers: "
                + "[example.com/b]}\n");

        Http.Reply reapplied = http.apply(path, "paycli", false, service.replace("FINALIZERS", ""));

        assertThat(reapplied.code()).as(reapplied.body()).isEqualTo(200);
        assertThat(Json.list(reapplied.json(), "metadata", "finalizers")).containsExactly("example.com/b");
        assertThat(Json.write(entry(reapplied, "paycli").get("fieldsV1")))
                .contains("\"k:{\\\"port\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},\"f:port\":{},"
                        + "\"f:targetPort\":{}}");
        assertThat(Json.write(entry(reapplied, "other").get("fieldsV1"))).contains("v:\\\"example.com/b\\\"");
    }

    @Test
    void conflictsNameTheLeafInsideAKeyedList() throws Exception {
        http.apply(PATH, "paycli", false, deployment("nginx:1"));

        Http.Reply conflict = http.apply(PATH, "someone-else", false, deployment("nginx:2"));

        assertThat(conflict.code()).isEqualTo(409);
        assertThat(Json.string(conflict.json(), "message")).isEqualTo("Apply failed with 1 conflict: conflict with "
                + "\"paycli\" using apps/v1: .spec.template.spec.containers[name=\"web\"].image");
        Map<?, ?> cause = (Map<?, ?>) Json.list(conflict.json(), "details", "causes").get(0);
        assertThat(cause.get("field")).isEqualTo(".spec.template.spec.containers[name=\"web\"].image");
    }

    @Test
    void aDroppedItemGoesAndAnItemAnotherManagerAddedStays() throws Exception {
        http.apply(PATH, "paycli", false, deployment("nginx:1", "env: [{name: A, value: '1'}, {name: B, value: '2'}]"));
        Http.Reply other = http.apply(PATH, "debugger", false, deployment("nginx:1", "env: [{name: C, value: '3'}]"));
        assertThat(other.code()).as(other.body()).isEqualTo(200);

        Http.Reply reapplied = http.apply(PATH, "paycli", false, deployment("nginx:1", "env: [{name: A, value: '1'}]"));

        assertThat(reapplied.code()).as(reapplied.body()).isEqualTo(200);
        assertThat(env(reapplied).stream().map(e -> ((Map<?, ?>) e).get("name")).map(String::valueOf).toList()).containsExactly("A", "C");
    }

    @Test
    void aClientSideApplyOwnsWhatItWroteSoAnotherManagersApplyNeverRemovesIt() throws Exception {
        // What kubectl apply (client side) sends for a new object: a create with the last-applied annotation.
        String csa = Json.write(Json.parseYaml(deployment("nginx:1", "env: [{name: EXTRA, value: x}]")
                .replace("  name: web\n  labels: {app: web}\n", "  name: web\n  labels: {app: web, team: a}\n"
                        + "  annotations: {kubectl.kubernetes.io/last-applied-configuration: '{}'}\n")));
        Http.Reply created = http.send("POST", COLLECTION + "?fieldManager=kubectl-client-side-apply",
                "application/json", csa);
        assertThat(created.code()).as(created.body()).isEqualTo(201);
        assertThat(entry(created, "kubectl-client-side-apply").get("operation")).isEqualTo("Update");

        Http.Reply applied = http.apply(PATH, "paycli", true, deployment("nginx:2"));

        // kubernetes/kubernetes#99003: what only kubectl-client-side-apply owns stays.
        assertThat(applied.code()).as(applied.body()).isEqualTo(200);
        assertThat(env(applied)).hasSize(1);
        assertThat(Json.map(applied.json(), "metadata", "labels")).containsEntry("team", "a");
        assertThat(applied.body()).contains("nginx:2");

        // csaupgrade: the client-side-apply fields move to the applier's entry in one JSON patch.
        Map<?, ?> paycli = entry(applied, "paycli");
        Map<?, ?> kubectl = entry(applied, "kubectl-client-side-apply");
        Map<String, Object> union = Json.parse(Json.write(paycli));
        union.put("fieldsV1", Merge.strategic(Json.parse(Json.write(kubectl.get("fieldsV1"))),
                Json.parse(Json.write(paycli.get("fieldsV1")))));
        String rv = Json.string(applied.json(), "metadata", "resourceVersion");
        String patch = Json.write(List.of(
                Map.of("op", "replace", "path", "/metadata/managedFields", "value", List.of(union)),
                Map.of("op", "remove", "path", "/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration"),
                Map.of("op", "replace", "path", "/metadata/resourceVersion", "value", rv)));
        Http.Reply upgraded = http.send("PATCH", PATH + "?fieldManager=paycli", "application/json-patch+json", patch);
        assertThat(upgraded.code()).as(upgraded.body()).isEqualTo(200);
        assertThat(entry(upgraded, "kubectl-client-side-apply")).isNull();

        String again = Json.write(List.of(
                Map.of("op", "replace", "path", "/metadata/managedFields", "value", List.of(union)),
                Map.of("op", "replace", "path", "/metadata/resourceVersion", "value", rv)));
        Http.Reply stale = http.send("PATCH", PATH + "?fieldManager=paycli", "application/json-patch+json", again);
        assertThat(stale.code()).as("the resourceVersion makes the patch a compare-and-swap").isEqualTo(409);

        Http.Reply clean = http.apply(PATH, "paycli", true, deployment("nginx:2"));
        assertThat(env(clean)).isEmpty();
        assertThat(Json.map(clean.json(), "metadata", "labels")).doesNotContainKey("team");
        // Only the Deployment controller's revision annotation may be left.
        Map<String, Object> annotations = Json.map(clean.json(), "metadata", "annotations");
        assertThat((annotations == null ? Map.<String, Object>of() : annotations).keySet())
                .isSubsetOf("deployment.kubernetes.io/revision");
        assertThat(Json.list(clean.json(), "metadata", "managedFields").stream().map(m -> ((Map<?, ?>) m).get("manager")).map(String::valueOf)
                .filter(m -> !m.equals("kube-controller-manager")).toList()).containsExactly("paycli");
    }

    @Test
    void anObjectWithoutARecordIsRecordedAsBeforeFirstApply() throws Exception {
        http.send("POST", COLLECTION + "?fieldManager=kubectl-create", "application/json",
                Json.write(Json.parseYaml(deployment("nginx:1", "env: [{name: EXTRA, value: x}]"))));
        Http.Reply cleared = http.send("PATCH", PATH, "application/json-patch+json",
                "[{\"op\":\"replace\",\"path\":\"/metadata/managedFields\",\"value\":[{}]}]");
        assertThat(cleared.code()).as(cleared.body()).isEqualTo(200);
        assertThat(Json.list(cleared.json(), "metadata", "managedFields")).isEmpty();

        Http.Reply applied = http.apply(PATH, "paycli", true, deployment("nginx:1"));

        Map<?, ?> before = entry(applied, "before-first-apply");
        assertThat(before).isNotNull();
        assertThat(before.get("operation")).isEqualTo("Update");
        assertThat(Json.write(before.get("fieldsV1"))).contains("k:{\\\"name\\\":\\\"EXTRA\\\"}");
        assertThat(env(applied)).hasSize(1);
    }
}
