package io.paycli.core.deploy;

import static io.paycli.core.deploy.SandboxFixture.options;
import static io.paycli.core.deploy.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.paycli.core.model.DeployEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pre-scale overrides of an app's HPA: kept by deploys until they expire, then the template's values again. */
class PreScaleTest {
    private static final String NS = "promotion-beta";
    private static final String[] HPA_ON = {"hpa.enabled=true", "hpa.min=2", "hpa.max=5"};

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

    private HorizontalPodAutoscaler hpa() {
        return cluster.client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("campaign-web")
                .get();
    }

    /** An override as another paycli wrote it: min/max and the annotations under the pre-scale manager. */
    private void overrideByHand(int min, int max, Instant until) {
        HorizontalPodAutoscaler body = new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName("campaign-web").withNamespace(NS)
                .addToAnnotations("paycli.io/prescale-by", "alice")
                .addToAnnotations("paycli.io/prescale-reason", "year-end campaign")
                .addToAnnotations("paycli.io/prescale-until", until.toString())
                .addToAnnotations("paycli.io/prescale-at", Instant.now().toString())
                .addToAnnotations("paycli.io/prescale-previous-min", "2")
                .addToAnnotations("paycli.io/prescale-previous-max", "5")
                .endMetadata()
                .withNewSpec().withMinReplicas(min).withMaxReplicas(max).endSpec().build();
        cluster.client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).resource(body)
                .fieldManager("paycli-prescale").forceConflicts().serverSideApply();
    }

    @Test
    void anOverrideSurvivesTwoDeploysAndTheyToldSo() {
        deploy("1.0.0", HPA_ON);
        overrideByHand(3, 10, Instant.now().plus(6, ChronoUnit.HOURS));

        deploy("1.1.0", HPA_ON);
        deploy("1.2.0", HPA_ON);

        assertThat(hpa().getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(hpa().getSpec().getMaxReplicas()).isEqualTo(10);
        assertThat(cluster.events).extracting(DeployEvent::message)
                .anySatisfy(m -> assertThat(m).contains("keeps the pre-scale override min 3 max 10 until")
                        .contains("by alice (year-end campaign)"));
    }
}
