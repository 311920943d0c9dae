package io.paycli.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Renders every built-in type for each combination that changes its output, and reads the YAML back. */
class BuiltinTemplatesTest {

    private static final BuiltinCatalogSource BUILTIN = new BuiltinCatalogSource();

    private static TemplatePackage pkg(String type) {
        return BUILTIN.find(type).orElseThrow();
    }
    private static final TemplateEngine ENGINE = new TemplateEngine();
    private static final String CONFIG_MAP = "campaign-web-config-5f2b9c";

    /** Batch has no default schedule, so every batch rendering sets one. */
    private static final String BATCH_BASE = "schedule: \"0 3 * * *\"\n";

    static final String ALL_OPTIONAL = """
            command: [java, -jar, /app.jar]
            args: [--verbose, "--name=x: y"]
            env: {ZED: "1", ALPHA: "yes", MID: "a \\"quoted\\" value"}
            resources: {requests: {cpu: 1, memory: 1Gi}, limits: {cpu: 2500m, memory: 2Gi}}
            podAnnotations: {prometheus.io/scrape: "true"}
            nodeSelector: {pool: general}
            tolerations: [{key: dedicated, operator: Equal, value: pay, effect: NoSchedule}]
            serviceAccountName: campaign-web
            secretRefs: [db-credentials, api-keys]
            configMountPath: /etc/app
            """;

    static List<Arguments> scenarios() {
        List<Arguments> scenarios = new ArrayList<>();
        for (String type : List.of("spring-boot-api", "web", "worker")) {
            scenarios.add(Arguments.of(type, "defaults", "", ""));
            scenarios.add(Arguments.of(type, "hpa on", "hpa: {enabled: true, min: 3, max: 9}", ""));
            scenarios.add(Arguments.of(type, "config on", "", CONFIG_MAP));
            scenarios.add(Arguments.of(type, "all optional", ALL_OPTIONAL
                    + "port: 9090\nprobes: {readiness: {path: /ready}, liveness: {path: /live}, startup: {path: /start}}\n"
                    + "hpa: {enabled: true}\n"
                    + (type.equals("worker") ? "" : "ingress: {enabled: true, host: a.example.com, className: nginx,"
                            + " tlsSecret: a-tls, path: /shop}\nservice: {port: 8081}\n"), CONFIG_MAP));
        }
        for (String type : List.of("spring-boot-api", "web")) {
            scenarios.add(Arguments.of(type, "ingress on", "ingress: {enabled: true, host: campaign.example.com}", ""));
        }
        scenarios.add(Arguments.of("batch", "defaults", BATCH_BASE, ""));
        scenarios.add(Arguments.of("batch", "config on", BATCH_BASE, CONFIG_MAP));
        scenarios.add(Arguments.of("batch", "all optional", BATCH_BASE + ALL_OPTIONAL
                + "timeZone: Asia/Taipei\nconcurrencyPolicy: Replace\nbackoffLimit: 0\nrestartPolicy: Never\n", CONFIG_MAP));
        return scenarios;
    }

    /** All documents of all files of a package, in apply order. */
    static List<Map<String, Object>> render(String type, String valuesYaml, String configMap) {
        TemplatePackage pkg = pkg(type);
        Map<String, Object> context = RenderContext.of(pkg, RenderContext.values(valuesYaml), configMap);
        List<Map<String, Object>> documents = new ArrayList<>();
        for (String file : pkg.files()) {
            documents.addAll(RenderContext.documents(ENGINE.render(pkg, file, context)));
        }
        return documents;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("scenarios")
    void rendersValidYamlWithTheExpectedObjects(String type, String scenario, String values, String configMap) {
        Map<String, Object> merged = RenderContext.merge(pkg(type).defaults(), RenderContext.values(values));
        assertThat(SchemaCheck.errors(pkg(type), merged)).as("scenario values are valid").isEmpty();

        List<Map<String, Object>> documents = render(type, values, configMap);

        assertThat(documents).extracting(d -> d.get("kind")).containsExactlyElementsOf(expectedKinds(type, merged));
        for (Map<String, Object> document : documents) {
            assertThat(Yaml.at(document, "metadata.name")).isEqualTo("campaign-web");
            assertThat(document).containsKey("apiVersion");
        }
        Map<String, Object> workload = documents.stream()
                .filter(d -> List.of("Deployment", "CronJob").contains(d.get("kind"))).findFirst().orElseThrow();
        checkWorkload(type, workload, merged, configMap);
    }

    private static List<String> expectedKinds(String type, Map<String, Object> values) {
        if (type.equals("batch")) {
            return List.of("CronJob");
        }
        List<String> kinds = new ArrayList<>();
        boolean served = !type.equals("worker");
        if (served) {
            kinds.add("Service");
        }
        kinds.add("Deployment");
        if (Boolean.TRUE.equals(Yaml.at(values, "hpa.enabled"))) {
            kinds.add("HorizontalPodAutoscaler");
        }
        if (served && Boolean.TRUE.equals(Yaml.at(values, "ingress.enabled"))) {
            kinds.add("Ingress");
        }
        return kinds;
    }

    private static void checkWorkload(String type, Map<String, Object> workload, Map<String, Object> values,
            String configMap) {
        String podPath = type.equals("batch") ? "spec.jobTemplate.spec.template" : "spec.template";
        Map<String, Object> pod = Yaml.map(workload, podPath);
        Map<String, Object> container = Yaml.list(pod, "spec.containers").get(0);

        assertThat(Yaml.at(pod, "metadata.labels")).isEqualTo(Map.of(
                "app.kubernetes.io/name", "campaign-web", "app.kubernetes.io/instance", "campaign-web"));
        assertThat(Yaml.at(pod, "spec.securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(Yaml.at(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(container.get("image")).isEqualTo("registry.example.com/pay/campaign-web:1.4.2");
        assertThat(container.get("resources")).isEqualTo(values.get("resources"));

        if (configMap.isEmpty()) {
            assertThat(container).doesNotContainKey("volumeMounts");
            assertThat(Yaml.map(pod, "spec")).doesNotContainKey("volumes");
        } else {
            assertThat(Yaml.list(container, "volumeMounts")).containsExactly(
                    Map.of("name", "config", "mountPath", values.get("configMountPath"), "readOnly", true));
            assertThat(Yaml.list(pod, "spec.volumes")).containsExactly(
                    Map.of("name", "config", "configMap", Map.of("name", configMap)));
        }
        if (!type.equals("batch")) {
            assertThat(Yaml.at(workload, "spec.selector.matchLabels")).isEqualTo(Yaml.at(pod, "metadata.labels"));
            boolean hpa = Boolean.TRUE.equals(Yaml.at(values, "hpa.enabled"));
            if (hpa) {
                assertThat(Yaml.map(workload, "spec")).doesNotContainKey("replicas");
            } else {
                assertThat(Yaml.at(workload, "spec.replicas")).isEqualTo(values.get("replicas"));
            }
        }
    }

    @Test
    void defaultsOfEachTypeRenderTheirOwnProbesAndPorts() {
        Map<String, Object> api = container(render("spring-boot-api", "", ""));
        assertThat(Yaml.at(api, "readinessProbe.httpGet")).isEqualTo(Map.of("path", "/actuator/health/readiness", "port", "http"));
        assertThat(Yaml.at(api, "livenessProbe.httpGet")).isEqualTo(Map.of("path", "/actuator/health/liveness", "port", "http"));
        assertThat(Yaml.at(api, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(Yaml.list(api, "ports")).containsExactly(Map.of("name", "http", "containerPort", 8080, "protocol", "TCP"));

        Map<String, Object> web = container(render("web", "", ""));
        assertThat(Yaml.at(web, "readinessProbe.httpGet.path")).isEqualTo("/healthz");
        assertThat(Yaml.at(web, "livenessProbe.httpGet.path")).isEqualTo("/healthz");
        assertThat(web).doesNotContainKey("startupProbe");

        Map<String, Object> worker = container(render("worker", "", ""));
        assertThat(worker).doesNotContainKeys("readinessProbe", "livenessProbe", "startupProbe", "ports");

        Map<String, Object> batch = container(render("batch", BATCH_BASE, ""));
        assertThat(batch).doesNotContainKeys("readinessProbe", "livenessProbe", "startupProbe", "ports");
    }

    @Test
    void aProbeSetToNullIsLeftOut() {
        Map<String, Object> api = container(render("spring-boot-api", "probes: {liveness: {path: null}, startup: {path: null}}", ""));

        assertThat(api).containsKey("readinessProbe").doesNotContainKeys("livenessProbe", "startupProbe");
    }

    @Test
    void servicePortsDefaultPerTypeAndTargetTheContainerPort() {
        assertThat(Yaml.list(find(render("web", "", ""), "Service"), "spec.ports"))
                .containsExactly(Map.of("name", "http", "port", 80, "targetPort", 8080, "protocol", "TCP"));
        assertThat(Yaml.list(find(render("spring-boot-api", "port: 9000", ""), "Service"), "spec.ports"))
                .containsExactly(Map.of("name", "http", "port", 8080, "targetPort", 9000, "protocol", "TCP"));
        assertThat(Yaml.at(find(render("web", "", ""), "Service"), "spec.selector"))
                .isEqualTo(Map.of("app.kubernetes.io/name", "campaign-web", "app.kubernetes.io/instance", "campaign-web"));
    }

    @Test
    void allOptionalValuesReachTheManifest() {
        List<Map<String, Object>> documents = render("web", ALL_OPTIONAL
                + "port: 9090\nprobes: {startup: {path: /start}}\nservice: {port: 8081}\n"
                + "ingress: {enabled: true, host: a.example.com, className: nginx, tlsSecret: a-tls, path: /shop}\n"
                + "hpa: {enabled: true, min: 3, max: 7, cpuUtilization: 60}\n", CONFIG_MAP);
        Map<String, Object> deployment = find(documents, "Deployment");
        Map<String, Object> container = container(documents);

        assertThat(container.get("command")).isEqualTo(List.of("java", "-jar", "/app.jar"));
        assertThat(container.get("args")).isEqualTo(List.of("--verbose", "--name=x: y"));
        assertThat(container.get("env")).isEqualTo(List.of(
                Map.of("name", "ALPHA", "value", "yes"),
                Map.of("name", "MID", "value", "a \"quoted\" value"),
                Map.of("name", "ZED", "value", "1")));
        assertThat(container.get("envFrom")).isEqualTo(List.of(
                Map.of("secretRef", Map.of("name", "db-credentials")),
                Map.of("secretRef", Map.of("name", "api-keys"))));
        assertThat(Yaml.at(container, "startupProbe.httpGet.path")).isEqualTo("/start");
        assertThat(Yaml.at(container, "ports")).isEqualTo(List.of(Map.of("name", "http", "containerPort", 9090, "protocol", "TCP")));
        assertThat(Yaml.at(deployment, "spec.template.metadata.annotations")).isEqualTo(Map.of("prometheus.io/scrape", "true"));
        assertThat(Yaml.at(deployment, "spec.template.spec.nodeSelector")).isEqualTo(Map.of("pool", "general"));
        assertThat(Yaml.at(deployment, "spec.template.spec.serviceAccountName")).isEqualTo("campaign-web");
        assertThat(Yaml.at(deployment, "spec.template.spec.tolerations")).isEqualTo(List.of(
                Map.of("key", "dedicated", "operator", "Equal", "value", "pay", "effect", "NoSchedule")));

        Map<String, Object> ingress = find(documents, "Ingress");
        assertThat(Yaml.at(ingress, "spec.ingressClassName")).isEqualTo("nginx");
        assertThat(Yaml.at(ingress, "spec.tls")).isEqualTo(List.of(Map.of("hosts", List.of("a.example.com"), "secretName", "a-tls")));
        Map<String, Object> rule = Yaml.list(ingress, "spec.rules").get(0);
        assertThat(rule.get("host")).isEqualTo("a.example.com");
        assertThat(Yaml.list(rule, "http.paths")).containsExactly(Map.of("path", "/shop", "pathType", "Prefix",
                "backend", Map.of("service", Map.of("name", "campaign-web", "port", Map.of("number", 8081)))));

        Map<String, Object> hpa = find(documents, "HorizontalPodAutoscaler");
        assertThat(Yaml.at(hpa, "spec.scaleTargetRef")).isEqualTo(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "campaign-web"));
        assertThat(Yaml.at(hpa, "spec.minReplicas")).isEqualTo(3);
        assertThat(Yaml.at(hpa, "spec.maxReplicas")).isEqualTo(7);
        assertThat(Yaml.at(Yaml.list(hpa, "spec.metrics").get(0), "resource.target.averageUtilization")).isEqualTo(60);
    }

    @Test
    void aDefaultIngressHasNoClassAndNoTls() {
        Map<String, Object> ingress = find(render("spring-boot-api", "ingress: {enabled: true, host: api.example.com}", ""), "Ingress");

        assertThat(Yaml.map(ingress, "spec")).doesNotContainKeys("ingressClassName", "tls");
        assertThat(Yaml.list(Yaml.list(ingress, "spec.rules").get(0), "http.paths").get(0).get("path")).isEqualTo("/");
    }

    @Test
    void batchIsACronJobWithItsScheduleAndPolicies() {
        Map<String, Object> cronJob = find(render("batch", BATCH_BASE, ""), "CronJob");

        assertThat(cronJob.get("apiVersion")).isEqualTo("batch/v1");
        assertThat(Yaml.at(cronJob, "spec.schedule")).isEqualTo("0 3 * * *");
        assertThat(Yaml.at(cronJob, "spec.concurrencyPolicy")).isEqualTo("Forbid");
        assertThat(Yaml.map(cronJob, "spec")).doesNotContainKey("timeZone");
        assertThat(Yaml.at(cronJob, "spec.jobTemplate.spec.backoffLimit")).isEqualTo(2);
        assertThat(Yaml.at(cronJob, "spec.jobTemplate.spec.template.spec.restartPolicy")).isEqualTo("OnFailure");

        Map<String, Object> zoned = find(render("batch", BATCH_BASE + "timeZone: Asia/Taipei", ""), "CronJob");
        assertThat(Yaml.at(zoned, "spec.timeZone")).isEqualTo("Asia/Taipei");
    }

    @Test
    void hpaUsesTheDefaultBoundsAndNoTemplateEmitsReplicasWithIt() {
        for (String type : List.of("spring-boot-api", "web", "worker")) {
            List<Map<String, Object>> documents = render(type, "hpa: {enabled: true}", "");
            Map<String, Object> hpa = find(documents, "HorizontalPodAutoscaler");

            assertThat(Yaml.at(hpa, "spec.minReplicas")).as(type).isEqualTo(2);
            assertThat(Yaml.at(hpa, "spec.maxReplicas")).as(type).isEqualTo(5);
            assertThat(Yaml.map(find(documents, "Deployment"), "spec")).as(type).doesNotContainKey("replicas");
        }
    }

    @Test
    void noTemplateUsesEnvFromForTheConfigMap() {
        for (String type : List.of("spring-boot-api", "web", "worker", "batch")) {
            String values = type.equals("batch") ? BATCH_BASE : "";
            for (Map<String, Object> document : render(type, values, CONFIG_MAP)) {
                assertThat(document.toString()).as(type).doesNotContain("configMapRef");
            }
        }
    }

    @Test
    void aWarmEngineRendersAnAppWellUnderAMillisecond() {
        TemplatePackage pkg = pkg("web");
        Map<String, Object> context = RenderContext.of(pkg, RenderContext.values(ALL_OPTIONAL), CONFIG_MAP);
        TemplateEngine engine = new TemplateEngine();
        for (int i = 0; i < 2_000; i++) {
            pkg.files().forEach(file -> engine.render(pkg, file, context));
        }
        int rounds = 2_000;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            pkg.files().forEach(file -> engine.render(pkg, file, context));
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / rounds;

        assertThat(micros).as("microseconds per app").isLessThan(1_000.0);
    }

    private static Map<String, Object> find(List<Map<String, Object>> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> container(List<Map<String, Object>> documents) {
        Map<String, Object> workload = documents.stream()
                .filter(d -> List.of("Deployment", "CronJob").contains(d.get("kind"))).findFirst().orElseThrow();
        String path = "CronJob".equals(workload.get("kind")) ? "spec.jobTemplate.spec.template.spec.containers"
                : "spec.template.spec.containers";
        return Yaml.list(workload, path).get(0);
    }
}
