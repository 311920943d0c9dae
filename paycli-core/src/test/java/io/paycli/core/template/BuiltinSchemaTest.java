package io.paycli.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The built-in schemas are the contract for user values: typos and wrong types must fail. */
class BuiltinSchemaTest {

    private static final BuiltinCatalogSource BUILTIN = new BuiltinCatalogSource();

    private static TemplatePackage pkg(String type) {
        return BUILTIN.find(type).orElseThrow();
    }

    private static List<String> errors(String type, String valuesYaml) {
        TemplatePackage pkg = pkg(type);
        String base = type.equals("batch") && !valuesYaml.contains("schedule:") ? "schedule: \"*/5 * * * *\"\n" : "";
        return SchemaCheck.errors(pkg, RenderContext.merge(pkg.defaults(), RenderContext.values(base + valuesYaml)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"spring-boot-api", "web", "worker", "batch"})
    void defaultsAreValid(String type) {
        assertThat(errors(type, "")).isEmpty();
        assertThat(pkg(type).schema()).contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"spring-boot-api", "web", "worker", "batch"})
    void misspeltKeysAreErrorsAtEveryLevel(String type) {
        assertThat(errors(type, "secretRef: [a]")).singleElement().asString().contains("secretRef");
        assertThat(errors(type, "resources: {request: {cpu: 1}}")).singleElement().asString().contains("request");
        assertThat(errors(type, "resources: {limits: {cpus: 1}}")).singleElement().asString().contains("cpus");
        assertThat(errors(type, "tolerations: [{key: a, efect: NoSchedule}]")).singleElement().asString().contains("efect");
    }

    @ParameterizedTest
    @ValueSource(strings = {"spring-boot-api", "web", "worker", "batch"})
    void typesAndFormatsAreChecked(String type) {
        assertThat(errors(type, "env: {PORT: 8080}")).singleElement().asString().contains("/env/PORT");
        assertThat(errors(type, "env: {\"bad name\": x}")).isNotEmpty();
        assertThat(errors(type, "podAnnotations: {a: true}")).isNotEmpty();
        assertThat(errors(type, "nodeSelector: {a: 1}")).isNotEmpty();
        assertThat(errors(type, "resources: {limits: {memory: 512m}}")).singleElement().asString().contains("memory");
        assertThat(errors(type, "resources: {requests: {cpu: abc}}")).isNotEmpty();
        assertThat(errors(type, "resources: {requests: {cpu: 2, memory: 1.5Gi}, limits: {cpu: \"0.5\", memory: 2G}}")).isEmpty();
        assertThat(errors(type, "resources: {requests: {cpu: 250m}}")).isEmpty();
        assertThat(errors(type, "command: echo")).isNotEmpty();
        assertThat(errors(type, "secretRefs: [Not_A_Name]")).isNotEmpty();
        assertThat(errors(type, "configMountPath: relative/path")).isNotEmpty();
        assertThat(errors(type, "tolerations: [{operator: Exists}]")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"spring-boot-api", "web", "worker"})
    void workloadValuesAreChecked(String type) {
        assertThat(errors(type, "port: 0")).isNotEmpty();
        assertThat(errors(type, "port: 70000")).isNotEmpty();
        assertThat(errors(type, "port: 8443")).isEmpty();
        assertThat(errors(type, "replicas: -1")).isNotEmpty();
        assertThat(errors(type, "replicas: two")).isNotEmpty();
        assertThat(errors(type, "hpa: {enabeld: true}")).singleElement().asString().contains("enabeld");
        assertThat(errors(type, "hpa: {min: 0}")).isNotEmpty();
        assertThat(errors(type, "probes: {readiness: {path: healthz}}")).isNotEmpty();
        assertThat(errors(type, "schedule: \"0 3 * * *\"")).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"spring-boot-api", "web"})
    void anEnabledIngressNeedsAHost(String type) {
        assertThat(errors(type, "ingress: {enabled: true}")).isNotEmpty();
        assertThat(errors(type, "ingress: {enabled: true, host: \"\"}")).isNotEmpty();
        assertThat(errors(type, "ingress: {enabled: true, host: campaign.example.com}")).isEmpty();
        assertThat(errors(type, "ingress: {enabled: false}")).isEmpty();
        assertThat(errors(type, "ingress: {enabled: true, host: Not A Host}")).isNotEmpty();
        assertThat(errors(type, "service: {port: 0}")).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"worker", "batch"})
    void typesWithoutAServiceRejectServiceValues(String type) {
        assertThat(errors(type, "ingress: {enabled: true, host: a.example.com}")).isNotEmpty();
        assertThat(errors(type, "service: {port: 80}")).isNotEmpty();
    }

    @Test
    void aWorkerProbeNeedsAPort() {
        assertThat(errors("worker", "probes: {liveness: {path: /healthz}}")).isNotEmpty();
        assertThat(errors("worker", "port: 8081\nprobes: {liveness: {path: /healthz}}")).isEmpty();
        assertThat(errors("worker", "port: 8081")).isEmpty();
    }

    @Test
    void batchNeedsAScheduleAndKnowsItsPolicies() {
        TemplatePackage batch = pkg("batch");
        assertThat(SchemaCheck.errors(batch, batch.defaults())).singleElement().asString().contains("schedule");
        assertThat(errors("batch", "schedule: \"@hourly\"")).isEmpty();
        assertThat(errors("batch", "schedule: \"every day\"")).isNotEmpty();
        assertThat(errors("batch", "concurrencyPolicy: Sometimes")).isNotEmpty();
        assertThat(errors("batch", "restartPolicy: Always")).isNotEmpty();
        assertThat(errors("batch", "backoffLimit: -1")).isNotEmpty();
        assertThat(errors("batch", "replicas: 2")).isNotEmpty();
        assertThat(errors("batch", "probes: {readiness: {path: /x}}")).isNotEmpty();
    }

    /** The config reference is generated from these descriptions. */
    @ParameterizedTest
    @ValueSource(strings = {"spring-boot-api", "web", "worker", "batch"})
    void everyPropertyIsDescribed(String type) {
        JsonNode schema = JsonMapper.builder().build().readTree(pkg(type).schema());
        List<String> undescribed = new ArrayList<>();
        collectUndescribed(schema, "", undescribed);

        assertThat(schema.path("description").asString()).isNotBlank();
        assertThat(undescribed).isEmpty();
    }

    private static void collectUndescribed(JsonNode node, String path, List<String> undescribed) {
        JsonNode properties = node.path("properties");
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            String name = path + property.getKey();
            if (property.getValue().path("description").asString("").isBlank()) {
                undescribed.add(name);
            }
            collectUndescribed(property.getValue(), name + ".", undescribed);
            collectUndescribed(property.getValue().path("items"), name + "[].", undescribed);
        }
    }
}
