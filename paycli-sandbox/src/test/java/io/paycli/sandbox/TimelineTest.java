package io.paycli.sandbox;

import static io.paycli.sandbox.WatchTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The record of every change: writes with their manager, controllers' changes with their name, in store order. */
class TimelineTest {

    private Sandbox sandbox;
    private KubernetesClient client;

    private void start(SandboxSettings settings) {
        sandbox = Sandbox.start(0, settings);
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(sandbox.url()).withOauthToken("sandbox").withNamespace("default").build()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        sandbox.close();
    }

    private static Deployment deployment(String name, int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private List<TimelineEntry> of(String kind, String name) {
        return sandbox.timeline().stream().filter(e -> e.kind().equals(kind) && e.name().equals(name)).toList();
    }

    @Test
    void everyWriteIsRecordedWithItsVerbManagerAndStoredObject() {
        start(SandboxSettings.defaults());
        var configMaps = client.configMaps().inNamespace("default");
        configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName("conf").endMetadata()
                .addToData("a", "1").build()).fieldManager("paycli").forceConflicts().serverSideApply();
        configMaps.withName("conf").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"a\":\"2\"}}");
        configMaps.resource(new ConfigMapBuilder(configMaps.withName("conf").get()).addToData("b", "3").build()).update();
        configMaps.withName("conf").delete();

        List<TimelineEntry> entries = of("ConfigMap", "conf");
        assertThat(entries).extracting(TimelineEntry::verb).containsExactly("apply", "patch", "update", "delete");
        assertThat(entries.get(0).actor()).isEqualTo("paycli");
        assertThat(entries.get(0).namespace()).isEqualTo("default");
        assertThat(entries.get(0).group()).isEmpty();
        assertThat(entries.get(1).object()).extracting(o -> ((Map<?, ?>) o.get("data")).get("a")).isEqualTo("2");
        assertThat(entries.get(2).object()).extracting(o -> ((Map<?, ?>) o.get("data")).get("b")).isEqualTo("3");
        assertThat(entries).extracting(TimelineEntry::sequence).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void controllerChangesAreRecordedUnderTheControllerName() throws Exception {
        start(SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(50)));
        client.apps().deployments().inNamespace("default").resource(deployment("web", 2)).fieldManager("paycli")
                .forceConflicts().serverSideApply();
        await(() -> {
            Deployment web = client.apps().deployments().inNamespace("default").withName("web").get();
            return web.getStatus() != null && Integer.valueOf(2).equals(web.getStatus().getReadyReplicas());
        });
        client.apps().deployments().inNamespace("default").withName("web").scale(3);

        List<TimelineEntry> web = of("Deployment", "web");
        assertThat(web.get(0).verb()).isEqualTo("apply");
        assertThat(web).anyMatch(e -> e.actor().equals("kube-controller-manager") && "status".equals(e.subresource()));
        assertThat(web.get(web.size() - 1).subresource()).isEqualTo("scale");
        assertThat(web.get(web.size() - 1).group()).isEqualTo("apps");
        assertThat(sandbox.timeline()).anyMatch(e -> e.kind().equals("Pod") && e.actor().equals("kubelet"));
        assertThat(sandbox.timeline()).anyMatch(e -> e.kind().equals("ReplicaSet")
                && e.actor().equals("kube-controller-manager") && e.verb().equals("create"));
    }

    @Test
    void theTimelineKeepsTheNewestEntriesUpToItsLimit() {
        start(SandboxSettings.defaults().withTimelineLimit(3));
        var configMaps = client.configMaps().inNamespace("default");
        for (int i = 0; i < 5; i++) {
            configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName("c" + i).endMetadata().build())
                    .create();
        }
        List<TimelineEntry> entries = sandbox.timeline();
        assertThat(entries).extracting(TimelineEntry::name).containsExactly("c2", "c3", "c4");
        assertThat(entries.get(2).sequence()).isEqualTo(entries.get(0).sequence() + 2);
    }
}
