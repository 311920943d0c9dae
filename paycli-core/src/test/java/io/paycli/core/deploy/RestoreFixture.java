package io.paycli.core.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.paycli.core.archive.ArchiveApps;
import io.paycli.core.archive.ArchiveSettings;
import io.paycli.core.archive.ArchiveSink;
import io.paycli.core.archive.ArchiveSnapshot;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployRequest;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import io.paycli.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Two sandboxes for restore tests: the source, whose deploys go to an archive (its cluster folder is
 * {@link Sandbox#DEFAULT_CONTEXT}), and an empty target reached through the context {@link #TARGET}, whose steps go
 * to the same archive; and a way to compare what the two run.
 */
final class RestoreFixture implements AutoCloseable {
    static final String SOURCE = Sandbox.DEFAULT_CONTEXT;
    static final String TARGET = "rebuilt";
    /** The kinds compared between source and target, as apiVersion and kind. */
    static final List<List<String>> KINDS = List.of(List.of("apps/v1", "Deployment"), List.of("v1", "Service"),
            List.of("v1", "ConfigMap"), List.of("networking.k8s.io/v1", "Ingress"),
            List.of("autoscaling/v2", "HorizontalPodAutoscaler"));

    final ArchiveSettings archive;
    final SandboxFixture source;
    final Sandbox target;
    final KubernetesClient targetClient;
    final DeployService targetService;
    final List<DeployEvent> events = new CopyOnWriteArrayList<>();
    private final Path tmp;
    private final Path kubeconfig;

    RestoreFixture(Path tmp) {
        this.tmp = tmp;
        archive = ArchiveSettings.local(tmp.resolve("archive"));
        source = new SandboxFixture(tmp, SandboxFixture.settings(Duration.ofSeconds(2)),
                List.of(new ArchiveSink(archive)));
        target = Sandbox.start(0, SandboxFixture.settings(Duration.ofSeconds(2)));
        kubeconfig = target.writeKubeconfig(tmp.resolve("target-kubeconfig"), TARGET);
        targetService = new DeployService(Catalog::builtin, new TemplateEngine(), new KubeconfigConnector(kubeconfig),
                List.of(new ArchiveSink(archive)), Clock.systemUTC());
        targetClient = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(target.url()).build()).build();
    }

    /** The target's kubeconfig, whose context is {@link #TARGET}. */
    Path targetKubeconfig() {
        return kubeconfig;
    }

    /** A copy of an example as app {@code name} whose beta environment deploys to {@code namespace}. */
    Path app(String type, String name, String namespace, String strategy) {
        Path dir = SandboxFixture.copyExample(type, tmp.resolve("apps").resolve(name));
        rewrite(dir, name, namespace, strategy);
        return dir;
    }

    /** Sets app name, namespace and the beta strategy block (null: rolling) of a copied example. */
    static void rewrite(Path dir, String name, String namespace, String strategy) {
        Path yaml = dir.resolve("paycli.yaml");
        try {
            String text = Files.readString(yaml).replaceFirst("(?m)^app: .*$", "app: " + name)
                    .replaceAll("(?m)^    strategy: .*\\n(    blueGreen: .*\\n)?", "");
            text = text.replaceFirst("(?m)^(  beta:\\n(?:    .*\\n)*?)    namespace: .*\\n", "$1    namespace: "
                    + namespace + "\n" + (strategy == null ? "" : strategy));
            Files.writeString(yaml, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    DeployResult deploySource(Path app, String tag, String... sets) {
        return source.service.deploy(SandboxFixture.request(app, "beta", tag, sets), createNamespace(), events::add);
    }

    static DeployOptions createNamespace() {
        return new DeployOptions(Duration.ofSeconds(20), true, true, false, true, "tester")
                .withFailFastGrace(Duration.ofSeconds(1));
    }

    static DeployRequest onTarget(Path app, String tag) {
        return new DeployRequest(app, "beta", tag, List.of(), TARGET, null);
    }

    ArchiveSnapshot snapshot(String glob) {
        return ArchiveApps.read(archive, SOURCE, glob, w -> events.add(DeployEvent.step(DeployEvent.Step.ARCHIVE,
                DeployEvent.Kind.WARNING, w)));
    }

    RestoreReport restore(String glob, Map<String, String> namespaceMap, boolean dryRun) {
        return restore(glob, namespaceMap, dryRun, false);
    }

    RestoreReport restore(String glob, Map<String, String> namespaceMap, boolean dryRun, boolean resume) {
        RestoreOptions options = new RestoreOptions(TARGET, namespaceMap, 3, dryRun, resume,
                new DeployOptions(Duration.ofSeconds(20), true, true, false, false, "restorer")
                        .withFailFastGrace(Duration.ofSeconds(1)));
        return targetService.restore(snapshot(glob), options, events::add);
    }

    /**
     * The objects of the compared kinds in {@code namespace}, as comparable maps: name, labels, annotations, spec
     * and data, without what the server or a controller writes.
     */
    static Map<String, Object> objects(KubernetesClient client, String namespace) {
        Map<String, Object> all = new TreeMap<>();
        List<String> autoscaled = new ArrayList<>();
        client.genericKubernetesResources("autoscaling/v2", "HorizontalPodAutoscaler").inNamespace(namespace).list()
                .getItems().forEach(h -> autoscaled.add(String.valueOf(((Map<?, ?>) h.getAdditionalProperties()
                        .get("spec")).get("scaleTargetRef") instanceof Map<?, ?> ref ? ref.get("name") : "")));
        for (List<String> kind : KINDS) {
            for (GenericKubernetesResource r : client.genericKubernetesResources(kind.get(0), kind.get(1))
                    .inNamespace(namespace).list().getItems()) {
                if (r.getMetadata().getName().equals("kube-root-ca.crt")) {
                    continue;
                }
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("labels", r.getMetadata().getLabels());
                Map<String, String> annotations = new TreeMap<>(r.getMetadata().getAnnotations() == null ? Map.of()
                        : r.getMetadata().getAnnotations());
                annotations.remove("deployment.kubernetes.io/revision");
                object.put("annotations", annotations);
                Map<String, Object> spec = r.getAdditionalProperties().get("spec") instanceof Map<?, ?> s
                        ? new TreeMap<>(cast(s)) : null;
                if (spec != null && kind.get(1).equals("Service")) {
                    spec.remove("clusterIP");
                    spec.remove("clusterIPs");
                }
                if (spec != null && kind.get(1).equals("Deployment")
                        && autoscaled.contains(r.getMetadata().getName())) {
                    spec.remove("replicas");
                }
                object.put("spec", spec);
                object.put("data", r.getAdditionalProperties().get("data"));
                all.put(kind.get(1) + "/" + r.getMetadata().getName(), object);
            }
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    @Override
    public void close() {
        targetClient.close();
        target.close();
        source.close();
    }
}
