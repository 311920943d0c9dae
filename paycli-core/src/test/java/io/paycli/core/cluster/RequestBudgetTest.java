package io.paycli.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import io.paycli.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy costs about one request per resource plus a constant, whatever the number of resources. Pruning
 * costs a GET (and a DELETE) per object that left the render, nothing for a first deploy.
 */
class RequestBudgetTest {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("try") // the lock only has to be held while the deploy runs
    void aTypicalDeployStaysWithinOneRequestPerResourcePlusAConstant() {
        try (SandboxCluster cluster = SandboxCluster.start(dir, SandboxSettings.defaults()
                .withRolloutDelay(Duration.ofMillis(100)))) {
            List<Manifest> manifests = List.of(
                    SandboxCluster.configMap("web-config", Map.of("a", "1")),
                    SandboxCluster.manifest("v1", "Service", "web", Map.of("app.kubernetes.io/instance", "web"),
                            "spec", Map.of("selector", Map.of("app.kubernetes.io/name", "web"), "ports",
                                    List.of(Map.of("port", 80)))),
                    SandboxCluster.deployment("web", "nginx:1", 2),
                    SandboxCluster.deployment("worker", "worker:1", 1),
                    SandboxCluster.manifest("autoscaling/v2", "HorizontalPodAutoscaler", "web", Map.of(), "spec",
                            Map.of("scaleTargetRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name",
                                    "web"), "minReplicas", 2, "maxReplicas", 4)));
            ClusterGateway gateway = cluster.gateway;

            // The preflight: one rules review answers every permission of the namespace, and the records in
            // place tell which kinds a prune may delete.
            List<Access> asks = List.of(new Access("patch", "apps", "deployments", SandboxCluster.NS),
                    new Access("delete", "", "configmaps", SandboxCluster.NS),
                    new Access("create", "coordination.k8s.io", "leases", SandboxCluster.NS));
            assertThat(gateway.denied(asks)).isEmpty();
            gateway.releases(SandboxCluster.NS).list("web", "beta");
            try (DeployLock lock = gateway.lock(SandboxCluster.NS, "web", "alice", Duration.ofSeconds(60))) {
                manifests.forEach(m -> gateway.apply(m, false));
                Health health = gateway.awaitHealthy(manifests.stream().map(ObjectRef::of).toList(),
                        Instant.now().plusSeconds(20), e -> { });
                assertThat(health.healthy()).as(health.reason()).isTrue();
                ReleaseStore releases = gateway.releases(SandboxCluster.NS);
                releases.save(new Release("web", "beta", SandboxCluster.NS, 1, "1", "nginx:1", "web", "1.0.0",
                        "abc", "h", "alice", Instant.now(), 1, Release.Result.SUCCEEDED, "ok", "kind: List\n"));
                releases.prune("web", "beta", 10);
            }

            int perResource = manifests.size();
            int preflight = 2; // a SelfSubjectRulesReview, the list of release records
            int lock = 2; // create, release
            // list + watch: Deployments, HPAs and Warning events, and the pods of each workload selector (2)
            int wait = 2 * 3 + 2 * 2;
            int record = 2; // apply the release Secret, list for pruning
            assertThat(cluster.sandbox.requests().total()).as(cluster.sandbox.requests().byRoute().toString())
                    .isEqualTo(perResource + preflight + lock + wait + record);
        }
    }
}
