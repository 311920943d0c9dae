package io.paycli.sandbox;

import static io.paycli.sandbox.WatchTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Deployment controller's ReplicaSets: one per pod template, owned by the Deployment, numbered by revision,
 * scaled down as the new one comes up, kept up to revisionHistoryLimit, and owning the pods.
 */
class ReplicaSetTest {

    private static final String REVISION = "deployment.kubernetes.io/revision";

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private KubernetesClient client;
    private Kubectl kubectl;

    @BeforeEach
    void start() {
        assertThat(Kubectl.installed()).as("kubectl 1.32 on PATH: the tests judge the sandbox by it").isTrue();
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(100))
                .withProgressDeadline(Duration.ofSeconds(2)));
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(sandbox.url()).withOauthToken("sandbox").withNamespace("default").build()).build();
        kubectl = new Kubectl(sandbox.writeKubeconfig(dir.resolve("kubeconfig")), dir);
    }

    @AfterEach
    void stop() {
        client.close();
        sandbox.close();
    }

    private Deployment apply(String image, Integer historyLimit) {
        Deployment deployment = new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(2).withRevisionHistoryLimit(historyLimit)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
        return client.apps().deployments().inNamespace("default").resource(deployment).fieldManager("paycli")
                .forceConflicts().serverSideApply();
    }

    private Deployment deployment() {
        return client.apps().deployments().inNamespace("default").withName("web").get();
    }

    private List<ReplicaSet> replicaSets() {
        return client.apps().replicaSets().inNamespace("default").list().getItems().stream()
                .sorted(Comparator.comparing(rs -> Integer.parseInt(rs.getMetadata().getAnnotations().get(REVISION))))
                .toList();
    }

    private List<Pod> pods() {
        return client.pods().inNamespace("default").withLabel("app", "web").list().getItems();
    }

    private void awaitRolledOut(String image) throws InterruptedException {
        await(() -> {
            Deployment d = deployment();
            return d.getStatus() != null && d.getStatus().getObservedGeneration() == d.getMetadata().getGeneration()
                    && Integer.valueOf(2).equals(d.getStatus().getUpdatedReplicas())
                    && Integer.valueOf(2).equals(d.getStatus().getReplicas())
                    && Integer.valueOf(2).equals(d.getStatus().getAvailableReplicas())
                    && pods().size() == 2 && pods().stream().allMatch(p -> image.equals(
                            p.getSpec().getContainers().get(0).getImage()));
        });
    }

    @Test
    void eachTemplateHasAReplicaSetOwnedByTheDeploymentThatOwnsThePods() throws Exception {
        apply("nginx:1", null);
        awaitRolledOut("nginx:1");

        List<ReplicaSet> sets = replicaSets();
        assertThat(sets).hasSize(1);
        ReplicaSet rs = sets.get(0);
        String hash = rs.getMetadata().getLabels().get("pod-template-hash");
        assertThat(rs.getMetadata().getName()).isEqualTo("web-" + hash);
        assertThat(rs.getMetadata().getLabels()).containsEntry("app", "web");
        assertThat(rs.getSpec().getSelector().getMatchLabels()).containsEntry("app", "web")
                .containsEntry("pod-template-hash", hash);
        assertThat(rs.getSpec().getReplicas()).isEqualTo(2);
        assertThat(rs.getMetadata().getAnnotations()).containsEntry(REVISION, "1");
        OwnerReference owner = rs.getMetadata().getOwnerReferences().get(0);
        assertThat(owner.getKind()).isEqualTo("Deployment");
        assertThat(owner.getUid()).isEqualTo(deployment().getMetadata().getUid());
        assertThat(owner.getController()).isTrue();
        assertThat(deployment().getMetadata().getAnnotations()).containsEntry(REVISION, "1");
        await(() -> Integer.valueOf(2).equals(client.apps().replicaSets().inNamespace("default")
                .withName(rs.getMetadata().getName()).get().getStatus().getReadyReplicas()));
        assertThat(pods()).allSatisfy(p -> {
            assertThat(p.getMetadata().getName()).startsWith(rs.getMetadata().getName() + "-");
            assertThat(p.getMetadata().getLabels()).containsEntry("pod-template-hash", hash);
            OwnerReference podOwner = p.getMetadata().getOwnerReferences().get(0);
            assertThat(podOwner.getKind()).isEqualTo("ReplicaSet");
            assertThat(podOwner.getName()).isEqualTo(rs.getMetadata().getName());
            assertThat(podOwner.getUid()).isEqualTo(rs.getMetadata().getUid());
        });
    }

    @Test
    void aNewTemplateScalesTheOldReplicaSetDownAndCountsTheRevisionUp() throws Exception {
        apply("nginx:1", null);
        awaitRolledOut("nginx:1");
        apply("nginx:2", null);
        awaitRolledOut("nginx:2");

        List<ReplicaSet> sets = replicaSets();
        assertThat(sets).hasSize(2);
        assertThat(sets.get(0).getSpec().getReplicas()).isZero();
        assertThat(sets.get(1).getSpec().getReplicas()).isEqualTo(2);
        assertThat(sets.get(1).getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:2");
        assertThat(deployment().getMetadata().getAnnotations()).containsEntry(REVISION, "2");

        apply("nginx:1", null);
        awaitRolledOut("nginx:1");
        List<ReplicaSet> again = replicaSets();
        assertThat(again).as("the first template's ReplicaSet is reused with a new revision").hasSize(2);
        assertThat(again.get(1).getMetadata().getName()).isEqualTo(sets.get(0).getMetadata().getName());
        assertThat(again.get(1).getMetadata().getAnnotations()).containsEntry(REVISION, "3");
    }

    @Test
    void onlyRevisionHistoryLimitOldReplicaSetsAreKept() throws Exception {
        for (int i = 1; i <= 4; i++) {
            apply("nginx:" + i, 2);
            awaitRolledOut("nginx:" + i);
        }
        await(() -> replicaSets().size() == 3);
        assertThat(replicaSets()).extracting(rs -> rs.getMetadata().getAnnotations().get(REVISION))
                .containsExactly("2", "3", "4");
    }

    @Test
    void kubectlRolloutHistoryStatusAndUndoWork() throws Exception {
        apply("nginx:1", null);
        awaitRolledOut("nginx:1");
        apply("nginx:2", null);
        awaitRolledOut("nginx:2");

        Kubectl.Result history = kubectl.run("rollout", "history", "deployment/web");
        assertThat(history.exit()).as(history.toString()).isZero();
        assertThat(history.out()).contains("REVISION", "CHANGE-CAUSE").containsPattern("(?m)^1\\s").containsPattern("(?m)^2\\s");
        Kubectl.Result one = kubectl.run("rollout", "history", "deployment/web", "--revision=1");
        assertThat(one.exit()).as(one.toString()).isZero();
        assertThat(one.out()).contains("nginx:1");

        Kubectl.Result status = kubectl.run("rollout", "status", "deployment/web", "--timeout=20s");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).contains("successfully rolled out");

        Kubectl.Result undo = kubectl.run("rollout", "undo", "deployment/web");
        assertThat(undo.exit()).as(undo.toString()).isZero();
        assertThat(undo.out()).contains("rolled back");
        awaitRolledOut("nginx:1");
        assertThat(deployment().getMetadata().getAnnotations()).containsEntry(REVISION, "3");
    }

    @Test
    void deletingTheDeploymentDeletesItsReplicaSetsAndPods() throws Exception {
        apply("nginx:1", null);
        awaitRolledOut("nginx:1");
        apply("nginx:2", null);
        awaitRolledOut("nginx:2");

        Kubectl.Result deleted = kubectl.run("delete", "deployment", "web");
        assertThat(deleted.exit()).as(deleted.toString()).isZero();

        await(() -> replicaSets().isEmpty() && pods().isEmpty());
    }

    @Test
    void namespacesCarryTheirNameLabelWhoeverCreatesThem() throws Exception {
        assertThat(kubectl.run("create", "namespace", "made-by-kubectl").exit()).isZero();
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("made-by-post").endMetadata().build()).create();
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("made-by-apply").addToLabels("kubernetes.io/metadata.name", "something-else")
                .addToLabels("team", "a").endMetadata().build()).fieldManager("paycli").forceConflicts()
                .serverSideApply();

        for (String name : List.of("made-by-kubectl", "made-by-post", "made-by-apply", "default")) {
            Map<String, String> labels = client.namespaces().withName(name).get().getMetadata().getLabels();
            assertThat(labels).as(name).containsEntry("kubernetes.io/metadata.name", name);
        }
        assertThat(client.namespaces().withName("made-by-apply").get().getMetadata().getLabels())
                .containsEntry("team", "a");
        client.namespaces().withName("made-by-post").edit(ns -> {
            ns.getMetadata().getLabels().put("kubernetes.io/metadata.name", "renamed");
            return ns;
        });
        assertThat(client.namespaces().withName("made-by-post").get().getMetadata().getLabels())
                .containsEntry("kubernetes.io/metadata.name", "made-by-post");
        Kubectl.Result shown = kubectl.run("get", "ns", "made-by-kubectl", "--show-labels");
        assertThat(shown.out()).contains("kubernetes.io/metadata.name=made-by-kubectl");
    }
}
