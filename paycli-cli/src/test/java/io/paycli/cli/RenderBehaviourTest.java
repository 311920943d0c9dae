package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.render.ManifestYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderBehaviourTest {
    @TempDir
    Path tmp;

    @Test
    void renderingTwiceGivesIdenticalBytes() {
        for (String type : Examples.TYPES) {
            String[] args = {"render", "-f", Examples.dir(type).toString(), "-e", "release", "-t", "2.0.0"};
            Cli.Result first = Cli.run(args);
            Cli.Result second = Cli.run(args);
            assertThat(first.exit()).as(first.toString()).isZero();
            assertThat(second.out()).isEqualTo(first.out());
        }
    }

    @Test
    void aConfigChangeChangesOnlyTheConfigMapAndTheReferenceToIt() throws IOException {
        Path app = Examples.copy("web", tmp.resolve("web"));
        String[] args = {"render", "-f", app.toString(), "-e", "beta", "-t", "1.0.0"};
        List<Map<String, Object>> before = ManifestYaml.read(Cli.run(args).out(), "before");
        Files.writeString(app.resolve("config/common/application.yaml"), "server:\n  port: 8081\n");
        List<Map<String, Object>> after = ManifestYaml.read(Cli.run(args).out(), "after");

        assertThat(after).hasSameSizeAs(before);
        TreeSet<String> changed = new TreeSet<>();
        for (int i = 0; i < before.size(); i++) {
            diff(ref(before.get(i)), before.get(i), after.get(i), changed);
        }
        String oldName = configMapName(before);
        String newName = configMapName(after);
        assertThat(newName).startsWith("campaign-web-config-").isNotEqualTo(oldName);
        assertThat(changed).containsExactly(
                "ConfigMap: data.application.yaml",
                "ConfigMap: metadata.name",
                "Deployment/campaign-web: spec.template.spec.volumes[0].configMap.name");
    }

    @Test
    void outputDirWritesOneFilePerResourceInApplyOrder() throws IOException {
        Path out = tmp.resolve("out");
        Cli.Result result = Cli.run("render", "-f", Examples.dir("web").toString(), "-e", "release",
                "-t", "1.0.0", "--output-dir", out.toString());
        assertThat(result.exit()).as(result.toString()).isZero();
        try (var files = Files.list(out)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).hasSize(6).startsWith(RenderDirectory.LIST);
            names = names.subList(1, 6);
            assertThat(names.get(0)).startsWith("01-configmap-campaign-web-config-");
            assertThat(names.subList(1, 5)).containsExactly("02-service-campaign-web.yaml",
                    "03-deployment-campaign-web.yaml", "04-horizontalpodautoscaler-campaign-web.yaml",
                    "05-ingress-campaign-web.yaml");
        }
        String rendered = Cli.run("render", "-f", Examples.dir("web").toString(), "-e", "release", "-t", "1.0.0").out();
        StringBuilder joined = new StringBuilder();
        try (var files = Files.list(out)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                joined.append(Files.readString(p));
            }
        }
        assertThat(joined.toString()).isEqualTo(rendered);
    }

    @Test
    void hpaEnabledMeansNoWorkloadSetsReplicas() {
        for (String type : new String[] {"web", "worker"}) {
            String out = Cli.run("render", "-f", Examples.dir(type).toString(), "-e", "release", "-t", "1").out();
            List<Map<String, Object>> docs = ManifestYaml.read(out, type);
            assertThat(docs).anySatisfy(d -> assertThat(d.get("kind")).isEqualTo("HorizontalPodAutoscaler"));
            Map<String, Object> deployment = docs.stream().filter(d -> "Deployment".equals(d.get("kind"))).findFirst().orElseThrow();
            assertThat(child(deployment, "spec")).doesNotContainKey("replicas");
        }
        String beta = Cli.run("render", "-f", Examples.dir("web").toString(), "-e", "beta", "-t", "1").out();
        Map<String, Object> deployment = ManifestYaml.read(beta, "beta").stream()
                .filter(d -> "Deployment".equals(d.get("kind"))).findFirst().orElseThrow();
        assertThat(child(deployment, "spec")).containsEntry("replicas", 1);
    }

    @Test
    void everyResourceCarriesTheInventoryLabelsAndTheCatalogCommit() {
        String out = Cli.run("render", "-f", Examples.dir("spring-boot-api").toString(), "-e", "beta", "-t", "3.1.0").out();
        for (Map<String, Object> doc : ManifestYaml.read(out, "out")) {
            Map<String, Object> metadata = child(doc, "metadata");
            assertThat(child(metadata, "labels"))
                    .containsEntry("app.kubernetes.io/managed-by", "paycli")
                    .containsEntry("app.kubernetes.io/instance", "settlement-api")
                    .containsEntry("app.kubernetes.io/version", "3.1.0")
                    .containsEntry("paycli.io/env", "beta")
                    .containsEntry("paycli.io/template", "spring-boot-api")
                    .containsKey("paycli.io/template-version");
            assertThat(child(metadata, "annotations")).containsKey("paycli.io/catalog-commit");
            assertThat(metadata).containsEntry("namespace", "settlement-beta");
        }
    }

    @Test
    void onlyARoleOrRoleBindingKeepsANamespaceItsTemplateNames() throws IOException {
        Path web = tmp.resolve("catalog/web");
        Files.createDirectories(web);
        for (String file : new String[] {"template.yaml", "values.yaml", "values.schema.json", "deployment.yaml.peb",
            "service.yaml.peb", "ingress.yaml.peb", "hpa.yaml.peb"}) {
            try (var in = getClass().getResourceAsStream("/catalog/web/" + file)) {
                Files.write(web.resolve(file), in.readAllBytes());
            }
        }
        String service = Files.readString(web.resolve("service.yaml.peb"));
        Files.writeString(web.resolve("service.yaml.peb"), service.replace("metadata:\n", "metadata:\n  namespace: elsewhere\n")
                + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\n"
                + "  namespace: elsewhere\nrules: []\n");
        Cli.Result r = Cli.run("render", "-f", Examples.dir("web").toString(), "-e", "beta", "-t", "1",
                "--catalog", tmp.resolve("catalog").toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        Map<String, String> namespaces = new TreeMap<>();
        for (Map<String, Object> doc : ManifestYaml.read(r.out(), "out")) {
            namespaces.put((String) doc.get("kind"), (String) child(doc, "metadata").get("namespace"));
        }
        assertThat(namespaces).containsEntry("Role", "elsewhere").containsEntry("Service", "promotion-beta")
                .containsEntry("Deployment", "promotion-beta");
    }

    @Test
    void binaryConfigGoesToBinaryData() {
        String out = Cli.run("render", "-f", Examples.dir("spring-boot-api").toString(), "-e", "beta", "-t", "1").out();
        Map<String, Object> cm = ManifestYaml.read(out, "out").get(0);
        assertThat(cm.get("kind")).isEqualTo("ConfigMap");
        assertThat(child(cm, "binaryData")).containsKey("bank-ca.der");
        assertThat(child(cm, "data")).containsKeys("application.yaml", "application-env.yaml", "SPRING_PROFILES_ACTIVE");
    }

    @Test
    void envFilesOverrideCommonFilesByName() {
        String out = Cli.run("render", "-f", Examples.dir("web").toString(), "-e", "beta", "-t", "1").out();
        Map<String, Object> data = child(ManifestYaml.read(out, "out").get(0), "data");
        assertThat((String) data.get("messages.properties")).startsWith("banner.title=[BETA]");
        assertThat(data).containsEntry("LOG_FORMAT", "json");
    }

    @Test
    void setOverridesEveryLayer() {
        String out = Cli.run("render", "-f", Examples.dir("web").toString(), "-e", "beta", "-t", "1",
                "--set", "replicas=3", "--set", "podAnnotations.example\\.com/team=promo").out();
        Map<String, Object> deployment = ManifestYaml.read(out, "out").stream()
                .filter(d -> "Deployment".equals(d.get("kind"))).findFirst().orElseThrow();
        assertThat(child(deployment, "spec")).containsEntry("replicas", 3);
        Map<String, Object> podMeta = child(child(child(deployment, "spec"), "template"), "metadata");
        assertThat(child(podMeta, "annotations")).containsEntry("example.com/team", "promo");
    }

    private static String configMapName(List<Map<String, Object>> docs) {
        return (String) child(docs.get(0), "metadata").get("name");
    }

    private static String ref(Map<String, Object> doc) {
        return "ConfigMap".equals(doc.get("kind")) ? "ConfigMap" : doc.get("kind") + "/" + child(doc, "metadata").get("name");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    private static void diff(String ref, Object a, Object b, TreeSet<String> changed) {
        diffAt(ref, "", a, b, changed);
    }

    @SuppressWarnings("unchecked")
    private static void diffAt(String ref, String path, Object a, Object b, TreeSet<String> changed) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            TreeSet<Object> keys = new TreeSet<>(ma.keySet());
            keys.addAll(mb.keySet());
            for (Object k : keys) {
                diffAt(ref, path.isEmpty() ? k.toString() : path + "." + k, ma.get(k), mb.get(k), changed);
            }
        } else if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
            List<Object> l1 = new ArrayList<>(la);
            for (int i = 0; i < l1.size(); i++) {
                diffAt(ref, path + "[" + i + "]", l1.get(i), lb.get(i), changed);
            }
        } else if (!Objects.equals(a, b)) {
            changed.add(ref + ": " + path);
        }
    }
}
