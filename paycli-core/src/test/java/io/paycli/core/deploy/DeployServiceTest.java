package io.paycli.core.deploy;

import static io.paycli.core.deploy.SandboxFixture.options;
import static io.paycli.core.deploy.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.paycli.core.error.DeployFailedException;
import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployRequest;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy pipeline through the real DeployService, against the sandbox API server. */
class DeployServiceTest {
    private static final String NS = "promotion-beta";

    @TempDir
    Path tmp;
    SandboxFixture cluster;
    Path web;

    @BeforeEach
    void start() {
        cluster = new SandboxFixture(tmp);
        cluster.createNamespace(NS);
        web = SandboxFixture.copyExample("web", tmp.resolve("web"));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private DeployResult deploy(String tag, String... sets) {
        return cluster.service.deploy(request(web, "beta", tag, sets), options(), cluster.events::add);
    }

    private Deployment liveDeployment() {
        return cluster.client.apps().deployments().inNamespace(NS).withName("campaign-web").get();
    }

    @Test
    void firstDeployAppliesEverythingAndRecordsRevisionOne() {
        DeployResult result = deploy("1.0.0");
        assertThat(result.unchanged()).isFalse();
        assertThat(result.release().revision()).isEqualTo(1);
        assertThat(result.release().result()).isEqualTo(Result.SUCCEEDED);
        assertThat(result.release().user()).isEqualTo("tester");
        assertThat(result.applied()).extracting(r -> r.kind()).containsExactly("ConfigMap", "Service", "Deployment", "Ingress");
        Deployment d = liveDeployment();
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.example.com/pay/campaign-web:1.0.0");
        assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(1);
        assertThat(d.getMetadata().getManagedFields()).anySatisfy(f -> assertThat(f.getManager()).isEqualTo("paycli"));
        assertThat(cluster.events).extracting(DeployEvent::step).contains(DeployEvent.Step.LOCK, DeployEvent.Step.APPLY,
                DeployEvent.Step.PRUNE, DeployEvent.Step.WAIT, DeployEvent.Step.RECORD);
        // The lock is released once the deploy is over.
        assertThat(cluster.client.leases().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void redeployWithoutChangesWritesNothing() {
        deploy("1.0.0");
        // The simulated controllers keep writing the Deployment's status, so its spec generation
        // tells whether paycli wrote it; nothing but paycli writes the Service.
        long generation = liveDeployment().getMetadata().getGeneration();
        String service = cluster.client.services().inNamespace(NS).withName("campaign-web").get()
                .getMetadata().getResourceVersion();
        DeployResult again = deploy("1.0.0");
        assertThat(again.unchanged()).isTrue();
        assertThat(again.release().revision()).isEqualTo(1);
        assertThat(liveDeployment().getMetadata().getGeneration()).isEqualTo(generation);
        assertThat(cluster.client.services().inNamespace(NS).withName("campaign-web").get()
                .getMetadata().getResourceVersion()).isEqualTo(service);
        assertThat(cluster.service.history(request(web, "beta", null)).releases()).hasSize(1);
    }

    @Test
    void aRedeployThatRepairsDriftWaitsAndRecordsARevisionNamingWhatHadDrifted() {
        deploy("1.0.0");
        // What kubectl scale and kubectl set image do to the live Deployment.
        cluster.client.apps().deployments().inNamespace(NS).withName("campaign-web").edit(d -> {
            d.getSpec().setReplicas(3);
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("registry.example.com/pay/campaign-web:hotfix");
            return d;
        });
        cluster.events.clear();

        DeployResult repaired = deploy("1.0.0");

        assertThat(repaired.unchanged()).isFalse();
        assertThat(repaired.release().revision()).isEqualTo(2);
        assertThat(repaired.release().result()).isEqualTo(Result.SUCCEEDED);
        assertThat(repaired.release().message()).contains("repaired drift", "Deployment promotion-beta/campaign-web")
                .doesNotContain("Service");
        assertThat(cluster.events).extracting(DeployEvent::step).contains(DeployEvent.Step.WAIT, DeployEvent.Step.RECORD);
        // Said while it happens, not only in the record: the apply was a repair.
        assertThat(cluster.events).filteredOn(e -> e.kind() == DeployEvent.Kind.WARNING).extracting(DeployEvent::message)
                .contains("Deployment promotion-beta/campaign-web has drifted from revision 1; putting revision 1 back"
                        + " as revision 2");
        assertThat(liveDeployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .endsWith(":1.0.0");
        assertThat(liveDeployment().getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void aRedeployAfterAFailureLeftInPlaceIsANewRevisionNotUnchanged() {
        deploy("1.0.0");
        DeployOptions keep = new DeployOptions(Duration.ofSeconds(20), true, false, false, false, "tester");
        assertThatThrownBy(() -> cluster.service.deploy(request(web, "beta", "2.0.0-fail"), keep, cluster.events::add))
                .isInstanceOf(PaycliException.class);

        DeployResult back = deploy("1.0.0");

        assertThat(back.unchanged()).isFalse();
        assertThat(back.release().revision()).isEqualTo(3);
        assertThat(back.release().result()).isEqualTo(Result.SUCCEEDED);
        assertThat(liveDeployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .endsWith(":1.0.0");
    }

    @Test
    void aConfigChangeRollsThePodsAndKeepsTheOldConfigMap() throws Exception {
        deploy("1.0.0");
        String oldConfig = liveDeployment().getSpec().getTemplate().getSpec().getVolumes().get(0).getConfigMap().getName();
        long generation = liveDeployment().getMetadata().getGeneration();
        Files.writeString(web.resolve("config/common/application.yaml"), "server:\n  port: 9090\n");
        DeployResult result = deploy("1.0.0");
        assertThat(result.release().revision()).isEqualTo(2);
        String newConfig = liveDeployment().getSpec().getTemplate().getSpec().getVolumes().get(0).getConfigMap().getName();
        assertThat(newConfig).isNotEqualTo(oldConfig).startsWith("campaign-web-config-");
        assertThat(liveDeployment().getMetadata().getGeneration()).isGreaterThan(generation);
        List<String> configMaps = cluster.client.configMaps().inNamespace(NS).list().getItems().stream()
                .map(c -> c.getMetadata().getName()).toList();
        assertThat(configMaps).contains(oldConfig, newConfig);
        assertThat(result.release().configHash()).isNotEqualTo(cluster.service.history(request(web, "beta", null))
                .releases().get(1).configHash());
    }

    @Test
    void aTagChangeIsANewRevision() {
        deploy("1.0.0");
        DeployResult result = deploy("1.1.0");
        assertThat(result.release().revision()).isEqualTo(2);
        assertThat(result.release().tag()).isEqualTo("1.1.0");
        assertThat(liveDeployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith(":1.1.0");
        assertThat(liveDeployment().getMetadata().getLabels()).containsEntry("app.kubernetes.io/version", "1.1.0");
    }

    @Test
    void aFailingTagIsRolledBackAndExitsFive() {
        deploy("1.0.0");
        assertThatThrownBy(() -> deploy("2.0.0-fail"))
                .isInstanceOf(DeployFailedException.class)
                .satisfies(e -> assertThat(((PaycliException) e).exitCode()).isEqualTo(ExitCodes.DEPLOY_FAILED))
                .hasMessageContaining("revision 2")
                .hasMessageContaining("rolled back to revision 1 (1.0.0)");
        assertThat(liveDeployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith(":1.0.0");
        List<Release> history = cluster.service.history(request(web, "beta", null)).releases();
        assertThat(history).extracting(Release::revision, Release::result)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, Result.ROLLED_BACK),
                        org.assertj.core.groups.Tuple.tuple(1, Result.SUCCEEDED));
        // The record says why, in the pods' words, not just that the wait timed out.
        assertThat(history.get(0).message()).contains("CrashLoopBackOff", "rolled back to revision 1");
        assertThat(cluster.events).anySatisfy(e -> assertThat(e.step()).isEqualTo(DeployEvent.Step.ROLLBACK));
        assertThat(cluster.service.status(request(web, "beta", null)).current().revision()).isEqualTo(1);
        assertThat(cluster.client.leases().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void noRollbackLeavesTheFailedReleaseInPlace() {
        deploy("1.0.0");
        DeployOptions noRollback = new DeployOptions(Duration.ofSeconds(20), true, false, false, false, "tester");
        assertThatThrownBy(() -> cluster.service.deploy(request(web, "beta", "2.0.0-fail"), noRollback, cluster.events::add))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageContaining("left as it is (--no-rollback)");
        assertThat(liveDeployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith(":2.0.0-fail");
        assertThat(cluster.service.history(request(web, "beta", null)).releases().get(0).result()).isEqualTo(Result.FAILED);
    }

    @Test
    void statusOfAFailureLeftInPlaceIsNotHealthyWhileTheOldPodsStillServe() {
        deploy("1.0.0");
        DeployOptions noRollback = new DeployOptions(Duration.ofSeconds(20), true, false, false, false, "tester");
        assertThatThrownBy(() -> cluster.service.deploy(request(web, "beta", "2.0.0-fail"), noRollback, cluster.events::add))
                .isInstanceOf(DeployFailedException.class);

        Status status = cluster.service.status(request(web, "beta", null));

        assertThat(status.healthy()).isFalse();
        assertThat(status.objects()).filteredOn(o -> o.ref().kind().equals("Deployment")).singleElement()
                .satisfies(o -> assertThat(o.state()).isEqualTo("1/1 ready, 1 up to date, 1 old"));
    }

    @Test
    void pruneDeletesWhatLeftTheRenderAndNothingOfOtherApps() throws Exception {
        Path worker = SandboxFixture.copyExample("worker", tmp.resolve("worker"));
        Files.writeString(worker.resolve("paycli.yaml"), Files.readString(worker.resolve("paycli.yaml"))
                .replace("namespace: points-beta", "namespace: " + NS));
        cluster.service.deploy(request(worker, "beta", "1.0.0"), options(), cluster.events::add);
        deploy("1.0.0");
        assertThat(cluster.client.network().v1().ingresses().inNamespace(NS).withName("campaign-web").get()).isNotNull();

        DeployResult result = deploy("1.0.0", "ingress.enabled=false");
        assertThat(result.pruned()).extracting(r -> r.kind() + "/" + r.name()).containsExactly("Ingress/campaign-web");
        assertThat(cluster.client.network().v1().ingresses().inNamespace(NS).withName("campaign-web").get()).isNull();
        assertThat(cluster.client.apps().deployments().inNamespace(NS).withName("points-worker").get()).isNotNull();
        List<ConfigMap> workerConfig = cluster.client.configMaps().inNamespace(NS)
                .withLabel("app.kubernetes.io/instance", "points-worker").list().getItems();
        assertThat(workerConfig).hasSize(1);
    }

    @Test
    void anHpaManagedWorkloadKeepsItsReplicaCountAcrossDeploys() throws Exception {
        cluster.createNamespace("promotion");
        DeployRequest release = request(web, "release", "1.0.0");
        cluster.service.deploy(release, options(), cluster.events::add);
        // The sandbox's HPA controller sets the count to the HPA's minimum (2).
        Deployment scaled = cluster.client.apps().deployments().inNamespace("promotion").withName("campaign-web").get();
        assertThat(scaled.getSpec().getReplicas()).isEqualTo(2);
        cluster.service.deploy(request(web, "release", "1.1.0"), options(), cluster.events::add);
        Deployment after = cluster.client.apps().deployments().inNamespace("promotion").withName("campaign-web").get();
        assertThat(after.getSpec().getReplicas()).isEqualTo(2);
        assertThat(after.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith(":1.1.0");
    }

    @Test
    void turningTheHpaOnHandsTheReplicaCountOverInsteadOfResettingIt() {
        deploy("1.0.0", "replicas=3");
        assertThat(liveDeployment().getSpec().getReplicas()).isEqualTo(3);
        deploy("1.0.0", "hpa.enabled=true", "hpa.min=3", "hpa.max=6");
        assertThat(liveDeployment().getSpec().getReplicas()).isEqualTo(3);
        assertThat(liveDeployment().getMetadata().getManagedFields())
                .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("paycli-handover"));
    }

    @Test
    void rollbackToRevisionN() {
        deploy("1.0.0");
        deploy("1.1.0");
        deploy("1.2.0");
        DeployResult result = cluster.service.rollback(request(web, "beta", null), 1, options(), cluster.events::add);
        assertThat(result.release().revision()).isEqualTo(4);
        assertThat(result.release().tag()).isEqualTo("1.0.0");
        assertThat(result.release().message()).contains("rollback to revision 1");
        assertThat(liveDeployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith(":1.0.0");
        DeployResult previous = cluster.service.rollback(request(web, "beta", null), null, options(), cluster.events::add);
        assertThat(previous.release().tag()).isEqualTo("1.2.0");
        assertThatThrownBy(() -> cluster.service.rollback(request(web, "beta", null), 42, options(), cluster.events::add))
                .hasMessageContaining("revision 42 of campaign-web (beta) is not recorded; kept revisions: 5, 4, 3, 2, 1");
    }

    @Test
    void createNamespaceSaysWhetherItCreatedTheNamespace() {
        DeployOptions create = new DeployOptions(Duration.ofSeconds(60), true, true, false, true, "tester");

        cluster.service.deploy(request(web, "release", "1.0.0"), create, cluster.events::add);
        assertThat(cluster.events).filteredOn(e -> e.step() == DeployEvent.Step.NAMESPACE)
                .extracting(DeployEvent::kind, DeployEvent::message)
                .containsExactly(tuple(DeployEvent.Kind.STARTED, "promotion"),
                        tuple(DeployEvent.Kind.DONE, "created namespace promotion"));
        assertThat(cluster.client.namespaces().withName("promotion").get()).isNotNull();

        cluster.events.clear();
        cluster.service.deploy(request(web, "release", "1.1.0"), create, cluster.events::add);
        assertThat(cluster.events).filteredOn(e -> e.step() == DeployEvent.Step.NAMESPACE && e.kind() == Kind.DONE)
                .extracting(DeployEvent::message).containsExactly("namespace promotion exists");
    }

    @Test
    void historyIsCappedAtTenRevisions() {
        for (int i = 1; i <= 12; i++) {
            cluster.service.deploy(request(web, "beta", "1.0." + i), new DeployOptions(Duration.ofSeconds(20), false,
                    true, false, false, "tester"), cluster.events::add);
        }
        List<Release> history = cluster.service.history(request(web, "beta", null)).releases();
        assertThat(history).hasSize(10);
        assertThat(history.get(0).revision()).isEqualTo(12);
        assertThat(history.get(9).revision()).isEqualTo(3);
        assertThat(cluster.client.secrets().inNamespace(NS).list().getItems()).hasSize(10);
    }

    @Test
    void dryRunChangesNothing() {
        DeployOptions dry = new DeployOptions(Duration.ofSeconds(20), true, true, true, false, "tester");
        DeployResult result = cluster.service.deploy(request(web, "beta", "1.0.0"), dry, cluster.events::add);
        assertThat(result.dryRun()).isTrue();
        assertThat(result.applied()).hasSize(4);
        assertThat(liveDeployment()).isNull();
        assertThat(cluster.client.secrets().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void statusShowsTheCurrentRevisionAndItsObjects() {
        deploy("1.0.0");
        Status status = cluster.service.status(request(web, "beta", null));
        assertThat(status.healthy()).isTrue();
        assertThat(status.current().tag()).isEqualTo("1.0.0");
        assertThat(status.objects()).extracting(o -> o.ref().kind()).containsExactly("ConfigMap", "Service", "Deployment", "Ingress");
        assertThat(status.objects()).filteredOn(o -> o.ref().kind().equals("Deployment"))
                .singleElement().satisfies(o -> assertThat(o.state()).isEqualTo("1/1 ready, 1 up to date"));
    }

    @Test
    void diffShowsChangesAndNothingWhenInStep() {
        Diff first = cluster.service.diff(request(web, "beta", "1.0.0"));
        assertThat(first.objects()).allSatisfy(o -> assertThat(o.change()).isEqualTo(Diff.Change.ADDED));
        deploy("1.0.0");
        Diff same = cluster.service.diff(request(web, "beta", "1.0.0"));
        assertThat(same.changed()).as(same.objects().toString()).isFalse();
        Diff changed = cluster.service.diff(request(web, "beta", "1.1.0", "ingress.enabled=false"));
        assertThat(changed.changed()).isTrue();
        Diff.ObjectDiff deployment = changed.objects().stream().filter(o -> o.ref().kind().equals("Deployment")).findFirst().orElseThrow();
        assertThat(deployment.change()).isEqualTo(Diff.Change.CHANGED);
        assertThat(deployment.unified()).contains("-        image: registry.example.com/pay/campaign-web:1.0.0",
                "+        image: registry.example.com/pay/campaign-web:1.1.0").doesNotContain("managedFields", "resourceVersion");
        assertThat(changed.objects()).anySatisfy(o -> {
            assertThat(o.ref().kind()).isEqualTo("Ingress");
            assertThat(o.change()).isEqualTo(Diff.Change.DELETED);
        });
    }
}
