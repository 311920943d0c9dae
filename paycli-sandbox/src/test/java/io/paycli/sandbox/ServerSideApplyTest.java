package io.paycli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server-side apply as the real server does it: create or merge, field owners, conflicts, removal. */
class ServerSideApplyTest {

    private static final String PATH = "/apis/apps/v1/namespaces/default/deployments/web";

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

    static String deployment(String replicasLine, String image) {
        return String.join("\n",
                "apiVersion: apps/v1",
                "kind: Deployment",
                "metadata:",
                "  name: web",
                "  labels: {app: web}",
                "spec:",
                replicasLine,
                "  selector:",
                "    matchLabels: {app: web}",
                "  template:",
                "    metadata:",
                "      labels: {app: web}",
                "    spec:",
                "      containers:",
                "      - name: web",
                "        image: " + image,
                "");
    }

    @Test
    void anApplyThatChangesNothingWritesNothingEvenSecondsLater() throws Exception {
        String path = "/api/v1/namespaces/default/configmaps/settings";
        String body = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: '1'}\n";
        Http.Reply first = http.apply(path, "paycli", false, body);
        assertThat(first.code()).as(first.body()).isEqualTo(201);
        // Managed-field times have a resolution of one second: cross a boundary.
        Thread.sleep(1100);
        Http.Reply again = http.apply(path, "paycli", false, body);
        assertThat(again.code()).as(again.body()).isEqualTo(200);
        assertThat(Json.string(again.json(), "metadata", "resourceVersion"))
                .isEqualTo(Json.string(first.json(), "metadata", "resourceVersion"));
    }

    @Test
    void createsThenUpdatesAndRecordsTheManager() throws Exception {
        Http.Reply created = http.apply(PATH, "paycli", false, deployment("  replicas: 3", "nginx:1"));
        assertThat(created.code()).as(created.body()).isEqualTo(201);

        Http.Reply updated = http.apply(PATH, "paycli", false, deployment("  replicas: 3", "nginx:2"));
        assertThat(updated.code()).as(updated.body()).isEqualTo(200);
        Map<String, Object> object = updated.json();
        assertThat(Json.string(object, "metadata", "generation")).isEqualTo("2");
        List<Object> managed = Json.list(object, "metadata", "managedFields");
        assertThat(managed).hasSize(1);
        Map<?, ?> entry = (Map<?, ?>) managed.get(0);
        assertThat(entry.get("manager")).isEqualTo("paycli");
        assertThat(entry.get("operation")).isEqualTo("Apply");
        assertThat(entry.get("fieldsType")).isEqualTo("FieldsV1");
        assertThat(Json.write(entry.get("fieldsV1"))).contains("\"f:replicas\"", "\"f:template\"", "\"f:app\"");
    }

    @Test
    void anotherManagersFieldConflictsUnlessForced() throws Exception {
        http.apply(PATH, "paycli", false, deployment("  replicas: 3", "nginx:1"));

        Http.Reply conflict = http.apply(PATH, "someone-else", false, deployment("  replicas: 5", "nginx:1"));
        assertThat(conflict.code()).isEqualTo(409);
        assertThat(Json.string(conflict.json(), "message"))
                .isEqualTo("Apply failed with 1 conflict: conflict with \"paycli\" using apps/v1: .spec.replicas");
        assertThat(Json.string(conflict.json(), "reason")).isEqualTo("Conflict");

        Http.Reply sameValue = http.apply(PATH, "someone-else", false, deployment("  replicas: 3", "nginx:1"));
        assertThat(sameValue.code()).as("an equal value is shared, not a conflict").isEqualTo(200);

        Http.Reply forced = http.apply(PATH, "someone-else", true, deployment("  replicas: 5", "nginx:1"));
        assertThat(forced.code()).isEqualTo(200);
        assertThat(Json.number(forced.json(), 0, "spec", "replicas")).isEqualTo(5);
    }

    @Test
    void omittedReplicasRevertToTheDefaultWhenNobodyElseOwnsThem() throws Exception {
        http.apply(PATH, "paycli", false, deployment("  replicas: 4", "nginx:1"));

        Http.Reply without = http.apply(PATH, "paycli", false, deployment("", "nginx:1"));

        assertThat(without.code()).isEqualTo(200);
        assertThat(Json.number(without.json(), 0, "spec", "replicas")).isEqualTo(1);
    }

    @Test
    void documentedHandoverKeepsReplicas() throws Exception {
        http.apply(PATH, "paycli", false, deployment("  replicas: 4", "nginx:1"));
        String replicasOnly = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 4\n";
        assertThat(http.apply(PATH, "paycli-handover", false, replicasOnly).code()).isEqualTo(200);

        Http.Reply without = http.apply(PATH, "paycli", false, deployment("", "nginx:1"));

        assertThat(Json.number(without.json(), 0, "spec", "replicas")).isEqualTo(4);
        String managed = Json.write(Json.list(without.json(), "metadata", "managedFields"));
        assertThat(managed).contains("paycli-handover");
        Map<?, ?> handover = Json.list(without.json(), "metadata", "managedFields").stream()
                .map(m -> (Map<?, ?>) m).filter(m -> m.get("manager").equals("paycli-handover")).findFirst().orElseThrow();
        assertThat(Json.write(handover.get("fieldsV1"))).isEqualTo("{\"f:spec\":{\"f:replicas\":{}}}");
    }

    @Test
    void removesWhatTheManagerNoLongerApplies() throws Exception {
        String path = "/api/v1/namespaces/default/configmaps/settings";
        http.apply(path, "paycli", false, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n"
                + "data: {a: '1', b: '2'}\n");

        Http.Reply reapplied = http.apply(path, "paycli", false,
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"settings\"},\"data\":{\"a\":\"1\"}}");

        assertThat(Json.map(reapplied.json(), "data")).isEqualTo(Map.of("a", "1"));
    }

    @Test
    void managedFieldsInAnAppliedObjectAreRefused() throws Exception {
        Http.Reply refused = http.apply(PATH, "paycli", false, "apiVersion: apps/v1\nkind: Deployment\n"
                + "metadata:\n  name: web\n  managedFields: [{manager: x}]\nspec: {replicas: 1}\n");

        assertThat(refused.code()).isEqualTo(400);
        assertThat(Json.string(refused.json(), "message")).isEqualTo("metadata.managedFields must be nil");
    }

    @Test
    void applyWithoutFieldManagerIsInvalid() throws Exception {
        Http.Reply refused = http.send("PATCH", PATH, "application/apply-patch+yaml", deployment("", "nginx:1"));
        assertThat(refused.code()).isEqualTo(422);
    }

    @Test
    void anApplyByAnotherManagerMergesContainersByName() throws Exception {
        http.apply(PATH, "paycli", false, deployment("  replicas: 1", "nginx:1"));
        String sidecar = String.join("\n", "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: web}",
                "spec:", "  template:", "    spec:", "      containers:", "      - name: web", "        env:",
                "        - {name: MODE, value: debug}", "");
        Http.Reply merged = http.apply(PATH, "debugger", true, sidecar);

        Map<?, ?> container = (Map<?, ?>) Json.list(merged.json(), "spec", "template", "spec", "containers").get(0);
        assertThat(container.get("image")).isEqualTo("nginx:1");
        assertThat(Json.write(container.get("env"))).contains("MODE");
    }

    @Test
    void aRestartAnnotationNeitherConflictsNorIsLostOnTheNextApply() throws Exception {
        http.apply(PATH, "paycli", false, deployment("  replicas: 1", "nginx:1"));
        Http.Reply restarted = http.send("PATCH", PATH + "?fieldManager=kubectl-rollout",
                "application/strategic-merge-patch+json", "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":"
                        + "{\"kubectl.kubernetes.io/restartedAt\":\"now\"}}}}}");
        assertThat(restarted.code()).isEqualTo(200);

        Http.Reply applied = http.apply(PATH, "paycli", false, deployment("  replicas: 1", "nginx:2"));

        assertThat(applied.code()).as(applied.body()).isEqualTo(200);
        assertThat(applied.body()).contains("nginx:2", "kubectl.kubernetes.io/restartedAt");
        Http.Reply conflicting = http.apply(PATH, "paycli", false, deployment("  replicas: 1", "nginx:2")
                .replace("    metadata:\n      labels", "    metadata:\n      annotations: {kubectl.kubernetes.io/restartedAt: later}\n      labels"));
        assertThat(conflicting.code()).isEqualTo(409);
        assertThat(Json.string(conflicting.json(), "message")).contains("kubectl-rollout",
                ".spec.template.metadata.annotations");
    }
}
