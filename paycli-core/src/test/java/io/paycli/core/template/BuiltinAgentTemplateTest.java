package io.paycli.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The built-in agent type for the values examples/agent does not use: TLS, no scraper, no CI range, an emptyDir,
 * and the schema's refusals. (The example's own rendering is pinned by paycli-cli's golden and agent tests.)
 */
class BuiltinAgentTemplateTest {
    private static final TemplatePackage AGENT = new BuiltinCatalogSource().find("agent").orElseThrow();
    private static final TemplateEngine ENGINE = new TemplateEngine();
    private static final String BASE = "namespaces: [promotion-beta]\n";

    @Test
    void defaultsWithOneNamespaceAreValid() {
        assertThat(errors(BASE)).isEmpty();
        assertThat(errors("")).singleElement().asString().contains("namespaces");
    }

    @Test
    void schemaRefusesWhatWouldRenderABrokenAgent() {
        assertThat(errors(BASE + "strategy: BlueGreen")).singleElement().asString().contains("strategy");
        assertThat(errors(BASE + "networkPolicy: {ciCidrs: [10.0.0.0]}")).singleElement().asString().contains("ciCidrs");
        assertThat(errors(BASE + "secretEnv: {X: {secret: keys}}")).singleElement().asString().contains("key");
        assertThat(errors(BASE + "dataDir: {path: relative}")).singleElement().asString().contains("path");
        assertThat(errors(BASE + "rules: [{apiGroups: [\"\"], resources: [pods], verbs: [escalate]}]")).isNotEmpty();
        assertThat(errors("namespaces: [Not_A_Namespace]")).isNotEmpty();
        assertThat(errors(BASE + "replica: 2")).singleElement().asString().contains("replica");
    }

    @Test
    void withTlsTheProbesAndTheScrapeUseHttpsAndTheKeystoreIsMounted() {
        Map<String, Object> deployment = only(render(BASE + "tlsSecret: agent-tls"), "Deployment");
        Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");
        Map<String, Object> container = list(pod, "containers").get(0);
        assertThat(map(map(container, "readinessProbe"), "httpGet")).containsEntry("scheme", "HTTPS");
        assertThat(map(map(container, "livenessProbe"), "httpGet")).containsEntry("scheme", "HTTPS");
        assertThat(map(map(map(map(deployment, "spec"), "template"), "metadata"), "annotations"))
                .containsEntry("prometheus.io/scheme", "https");
        assertThat(list(container, "volumeMounts")).anySatisfy(m -> assertThat(m)
                .containsEntry("mountPath", "/etc/paycli-agent-tls").containsEntry("readOnly", true));
        assertThat(list(pod, "volumes")).anySatisfy(v -> assertThat(map(v, "secret")).containsEntry("secretName", "agent-tls"));

        Map<String, Object> plain = only(render(BASE), "Deployment");
        Map<String, Object> plainContainer = list(map(map(map(plain, "spec"), "template"), "spec"), "containers").get(0);
        assertThat(map(map(plainContainer, "readinessProbe"), "httpGet")).containsEntry("scheme", "HTTP");
        assertThat(list(map(map(map(plain, "spec"), "template"), "spec"), "volumes"))
                .anySatisfy(v -> assertThat(v).containsEntry("name", "data").containsKey("emptyDir"))
                .noneSatisfy(v -> assertThat(v).containsKey("secret"));
    }

    @Test
    void withNeitherCiNorScraperNothingMayConnect() {
        Map<String, Object> closed = only(render(BASE + "networkPolicy: {ciCidrs: [], scraper: null}"), "NetworkPolicy");
        assertThat(map(closed, "spec")).containsEntry("ingress", List.of()).containsEntry("policyTypes", List.of("Ingress"));

        Map<String, Object> scraperOnly = only(render(BASE), "NetworkPolicy");
        assertThat(list(map(scraperOnly, "spec"), "ingress")).singleElement().satisfies(rule ->
                assertThat(map(list(rule, "from").get(0), "podSelector")).containsEntry("matchLabels", Map.of()));
    }

    @Test
    void eachNamespaceGetsItsOwnRoleAndBindingToTheAgentsAccount() {
        List<Map<String, Object>> docs = render("namespaces: [a, b]\n");
        List<Map<String, Object>> roles = docs.stream().filter(d -> "Role".equals(d.get("kind"))).toList();
        assertThat(roles).extracting(r -> map(r, "metadata").get("namespace") + "/" + map(r, "metadata").get("name"))
                .containsExactly("a/campaign-web-in-a", "b/campaign-web-in-b");
        assertThat(roles).allSatisfy(r -> assertThat(r.get("rules")).isEqualTo(AGENT.defaults().get("rules")));
        assertThat(docs.stream().filter(d -> "RoleBinding".equals(d.get("kind"))))
                .extracting(b -> list(b, "subjects").get(0))
                .containsOnly(Map.of("kind", "ServiceAccount", "name", "campaign-web", "namespace", "promotion-beta"));
    }

    private static List<String> errors(String values) {
        return SchemaCheck.errors(AGENT, RenderContext.merge(AGENT.defaults(), RenderContext.values(values)));
    }

    private static List<Map<String, Object>> render(String values) {
        assertThat(errors(values)).as("values are valid").isEmpty();
        Map<String, Object> context = RenderContext.of(AGENT, RenderContext.values(values), "campaign-web-config-5f2b9c");
        List<Map<String, Object>> documents = new ArrayList<>();
        for (String file : AGENT.files()) {
            documents.addAll(RenderContext.documents(ENGINE.render(AGENT, file, context)));
        }
        return documents;
    }

    private static Map<String, Object> only(List<Map<String, Object>> docs, String kind) {
        List<Map<String, Object>> found = docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        return (List<Map<String, Object>>) parent.get(key);
    }
}
