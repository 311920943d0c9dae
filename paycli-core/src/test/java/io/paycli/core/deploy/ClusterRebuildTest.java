package io.paycli.core.deploy;

import static io.paycli.core.deploy.RestoreFixture.objects;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.paycli.core.archive.CaptureRules;
import io.paycli.core.archive.ClusterCapture;
import io.paycli.core.archive.ClusterCompare;
import io.paycli.core.archive.CompareResult;
import io.paycli.core.archive.NamespaceMap;
import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.deploy.RestoredApp.Outcome;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole cluster rebuilt from the archive: 20 apps in 4 namespaces (blue-green and autoscaled ones among them)
 * and the captured installation with a CRD and its custom resources, restored into an empty sandbox, then
 * compared; a second restore writes nothing, and a change made by hand on the target shows in the comparison.
 */
class ClusterRebuildTest {
    private static final List<String> NAMESPACES = List.of("shop", "points", "promotion", "wallet");

    @TempDir
    Path tmp;

    private static void create(KubernetesClient client, String yaml) {
        // "---" first: flow-style YAML would otherwise be taken for JSON
        client.resource(Serialization.unmarshal("---\n" + yaml, GenericKubernetesResource.class)).create();
    }

    private static void awaitEstablished(KubernetesClient client, String crd) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            var definition = client.apiextensions().v1().customResourceDefinitions().withName(crd).get();
            if (definition.getStatus() != null && definition.getStatus().getConditions().stream()
                    .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True"))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(crd + " never became Established");
    }

    /** The Widgets of a namespace by name, with their spec. */
    private static Map<String, Object> widgets(KubernetesClient client, String namespace) {
        Map<String, Object> all = new TreeMap<>();
        client.genericKubernetesResources("example.com/v1", "Widget").inNamespace(namespace).list().getItems()
                .forEach(w -> all.put(w.getMetadata().getName(), w.getAdditionalProperties().get("spec")));
        return all;
    }

    private static String servingImage(KubernetesClient client, String namespace, String app) {
        Map<String, String> selector = client.services().inNamespace(namespace).withName(app).get().getSpec()
                .getSelector();
        return client.apps().deployments().inNamespace(namespace).list().getItems().stream()
                .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                        .containsAll(selector.entrySet()))
                .map(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .findFirst().orElseThrow();
    }

    @Test
    void twentyAppsAndTheCapturedInstallationAreRebuiltInAnEmptyClusterAndCompared() throws Exception {
        try (RestoreFixture f = new RestoreFixture(tmp)) {
            create(f.source.client, """
                    apiVersion: apiextensions.k8s.io/v1
                    kind: CustomResourceDefinition
                    metadata: {name: widgets.example.com}
                    spec:
                      group: example.com
                      scope: Namespaced
                      names: {plural: widgets, singular: widget, kind: Widget}
                      versions:
                      - {name: v1, served: true, storage: true,
                         schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}
                    """);
            awaitEstablished(f.source.client, "widgets.example.com");
            create(f.source.client, """
                    apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRole
                    metadata: {name: widget-reader}
                    rules: [{apiGroups: [example.com], resources: [widgets], verbs: [get, list]}]
                    """);
            for (String ns : NAMESPACES) {
                create(f.source.client, "{apiVersion: v1, kind: Namespace, metadata: {name: " + ns
                        + ", labels: {team: " + ns + "-team}}}");
                create(f.source.client, "{apiVersion: example.com/v1, kind: Widget, metadata: {name: " + ns
                        + "-flags, namespace: " + ns + "}, spec: {flags: [" + ns + "-beta], size: 3}}");
            }
            create(f.source.client, "{apiVersion: v1, kind: ResourceQuota, metadata: {name: compute, namespace: shop},"
                    + " spec: {hard: {pods: '200'}}}");

            List<String> blueGreen = new ArrayList<>();
            Map<String, String> namespaceOf = new TreeMap<>();
            List<Callable<Object>> deploys = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String ns = NAMESPACES.get(i % 4);
                boolean worker = i % 10 == 9;
                boolean colours = i == 2 || i == 12;
                String name = (worker ? "worker-" : colours ? "bg-" : "web-") + i;
                Path app = f.app(worker ? "worker" : "web", name, ns, colours ? "    strategy: blue-green\n" : null);
                namespaceOf.put(name, ns);
                int n = i;
                if (colours) {
                    blueGreen.add(name);
                    deploys.add(() -> f.deploySource(app, "1.0.0").release().tag() + f.deploySource(app, "1.1.0"));
                } else if (i % 5 == 1) {
                    deploys.add(() -> f.deploySource(app, "2.0.0", "hpa.enabled=true", "hpa.min=2", "hpa.max=4"));
                } else {
                    deploys.add(() -> f.deploySource(app, "1.0." + n));
                }
            }
            // four at once, as four CI jobs would; the apps are independent
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (Future<Object> deploy : pool.invokeAll(deploys)) {
                    deploy.get();
                }
            } finally {
                pool.shutdown();
            }
            try (ClusterGateway source = new KubeconfigConnector(f.source.kubeconfig).connect(null)) {
                new ClusterCapture(f.archive, Clock.systemUTC()).capture(source, RestoreFixture.SOURCE,
                        CaptureRules.defaults(), false, "alice", e -> { });
            }

            RestoreReport first = f.restore(null, Map.of(), false);

            assertThat(first.anyFailed()).as("%s", first).isFalse();
            assertThat(first.installation().applied()).extracting(r -> r.kind()).contains("CustomResourceDefinition",
                    "Widget", "ClusterRole", "ResourceQuota", "Namespace");
            assertThat(first.apps()).hasSize(20).allSatisfy(a -> assertThat(a.outcome()).isEqualTo(Outcome.RESTORED));
            for (String ns : NAMESPACES) {
                Map<String, Object> target = objects(f.targetClient, ns);
                Map<String, Object> source = objects(f.source.client, ns);
                // a blue-green app comes back on one colour, which need not be the source's: compared by what serves
                target.keySet().removeIf(k -> blueGreen.stream().anyMatch(b -> k.contains("/" + b)));
                source.keySet().removeIf(k -> blueGreen.stream().anyMatch(b -> k.contains("/" + b)));
                assertThat(target).as(ns).isEqualTo(source).containsKey("Deployment/web-" + (4 + NAMESPACES.indexOf(ns)))
                        .containsKey("Service/web-" + (4 + NAMESPACES.indexOf(ns)))
                        .hasKeySatisfying(new org.assertj.core.api.Condition<>(k -> k.startsWith("ConfigMap/web-"),
                                "a ConfigMap of an app"));
                assertThat(widgets(f.targetClient, ns)).as(ns).isEqualTo(widgets(f.source.client, ns)).hasSize(1);
                assertThat(f.targetClient.namespaces().withName(ns).get().getMetadata().getLabels())
                        .containsEntry("team", ns + "-team");
            }
            assertThat(objects(f.targetClient, "points")).containsKeys("HorizontalPodAutoscaler/web-1",
                    "Ingress/web-1");
            for (String b : blueGreen) {
                assertThat(servingImage(f.targetClient, namespaceOf.get(b), b))
                        .isEqualTo(servingImage(f.source.client, namespaceOf.get(b), b)).endsWith(":1.1.0");
            }

            f.target.writes().reset();
            RestoreReport second = f.restore(null, Map.of(), false);

            assertThat(second.apps()).extracting(RestoredApp::outcome).containsOnly(Outcome.UNCHANGED);
            assertThat(second.installation().applied()).isEmpty();
            assertThat(f.target.writes().count()).as("%s", f.target.writes().byRoute()).isZero();

            try (ClusterGateway target = new KubeconfigConnector(f.targetKubeconfig()).connect(RestoreFixture.TARGET)) {
                ClusterCompare compare = new ClusterCompare(f.archive.dir(), Clock.systemUTC());
                CompareResult same = compare.compare(RestoreFixture.SOURCE, target, new NamespaceMap(Map.of()), null);
                assertThat(same.differences()).as("%s", same).isFalse();
                assertThat(same.apps()).hasSize(20);

                f.targetClient.apps().deployments().inNamespace("shop").withName("web-0")
                        .edit(d -> { d.getSpec().setReplicas(7); return d; });
                CompareResult changed = compare.compare(RestoreFixture.SOURCE, target, new NamespaceMap(Map.of()),
                        null);
                assertThat(changed.apps()).filteredOn(a -> a.verdict() != CompareResult.Verdict.SAME)
                        .singleElement().satisfies(a -> {
                            assertThat(a.app()).isEqualTo("web-0");
                            assertThat(a.drift().toString()).contains("spec.replicas");
                        });
            }
        }
    }
}
