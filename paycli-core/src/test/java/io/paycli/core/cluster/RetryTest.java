package io.paycli.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.ClusterException;
import io.paycli.core.model.ObjectRef;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotent requests survive 5xx, 429 and dropped connections; a create is read back, not resent. */
class RetryTest {

    private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/{namespace}/deployments/{name}";

    @TempDir
    Path dir;
    private SandboxCluster cluster;

    @BeforeEach
    void start() {
        cluster = SandboxCluster.start(dir);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private long count(String method, String route) {
        return cluster.sandbox.requests().count(method, route);
    }

    @Test
    void anApplyIsRetriedAfterServerErrors() {
        cluster.sandbox.faults().failNext(2, "PATCH", ".*/deployments/web", 500, "etcdserver: request timed out");

        cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:1", 1), false);

        assertThat(count("PATCH", DEPLOYMENT)).isEqualTo(3);
    }

    @Test
    void aThrottledRequestWaitsAsLongAsRetryAfterSays() {
        cluster.sandbox.faults().throttleNext(1, "PATCH", ".*/deployments/web", 1);

        long started = System.nanoTime();
        cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:1", 1), false);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(count("PATCH", DEPLOYMENT)).isEqualTo(2);
    }

    @Test
    void droppedConnectionsAreRetriedForIdempotentRequests() {
        cluster.sandbox.faults().dropNext(1, "PATCH", ".*/deployments/web").dropNext(1, "GET", ".*/deployments/web")
                .dropNext(1, "DELETE", ".*/deployments/web");
        ObjectRef web = new ObjectRef("apps/v1", "Deployment", SandboxCluster.NS, "web");

        cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:1", 1), false);
        assertThat(cluster.gateway.get(web)).isPresent();
        cluster.gateway.delete(web);

        assertThat(cluster.gateway.get(web)).isEmpty();
        assertThat(count("PATCH", DEPLOYMENT)).isEqualTo(2);
        assertThat(count("DELETE", DEPLOYMENT)).as("the second delete finds it gone, which is fine").isEqualTo(2);
    }

    @Test
    void aPersistentServerErrorFailsClearlyAfterFiveAttempts() {
        cluster.sandbox.faults().failNext(100, "PATCH", ".*/deployments/web", 503, "the server is shutting down");

        long started = System.nanoTime();
        assertThatThrownBy(() -> cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:1", 1), false))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.exitCode()).isEqualTo(4))
                .hasMessage("the API server of context beta-cluster kept failing after 5 attempts: apply Deployment "
                        + "promotion/web: 503 the server is shutting down");

        assertThat(count("PATCH", DEPLOYMENT)).isEqualTo(5);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void withADeadlineRetriesGoOnUntilItAndNotForAFixedNumberOfAttempts() {
        cluster.sandbox.faults().failNext(6, "PATCH", ".*/deployments/web", 503, "the server is restarting");
        cluster.gateway.retryUntil(Instant.now().plusSeconds(60));

        cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:1", 1), false);

        assertThat(count("PATCH", DEPLOYMENT)).isEqualTo(7);
    }

    @Test
    void retriesStopAtTheDeadline() {
        cluster.sandbox.faults().failNext(1000, "PATCH", ".*/deployments/web", 503, "the server is restarting");
        cluster.gateway.retryUntil(Instant.now().plusSeconds(1));

        long started = System.nanoTime();
        assertThatThrownBy(() -> cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:1", 1), false))
                .isInstanceOf(ClusterException.class).hasMessageContaining("kept failing");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void anApplyConflictWithoutFieldManagerCausesIsRetried() {
        // What the server answers when its own retries of an apply ran out under concurrent writes.
        cluster.sandbox.faults().failNext(1, "PATCH", ".*/deployments/web", 409,
                "Operation cannot be fulfilled on deployments.apps \"web\": the object has been modified; please"
                        + " apply your changes to the latest version and try again");

        cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:1", 1), false);

        assertThat(count("PATCH", DEPLOYMENT)).isEqualTo(2);
    }

    @Test
    void aFailedLeaseCreateIsReadBackBeforeItIsSentAgain() {
        cluster.sandbox.faults().failNext(1, "POST", ".*/leases", 500, "etcdserver: leader changed");

        try (DeployLock lock = cluster.gateway.lock(SandboxCluster.NS, "web", "alice", Duration.ofSeconds(30))) {
            assertThat(lock.holder()).isEqualTo("alice");
        }
        List<String> leaseRequests = cluster.requests.stream().filter(r -> r.contains("/leases")).toList();
        assertThat(leaseRequests).startsWith(
                "POST /apis/coordination.k8s.io/v1/namespaces/promotion/leases",
                "GET /apis/coordination.k8s.io/v1/namespaces/promotion/leases/paycli-lock-web",
                "POST /apis/coordination.k8s.io/v1/namespaces/promotion/leases");
    }

    @Test
    void aWaitAgainstAServerThatKeepsFailingEndsAtTheDeadlineWithAClusterError() {
        cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:1", 1), false);
        cluster.sandbox.faults().failNext(1000, "GET", ".*/namespaces/promotion/deployments", 500, "etcd is down");
        ObjectRef web = new ObjectRef("apps/v1", "Deployment", SandboxCluster.NS, "web");

        long started = System.nanoTime();
        assertThatThrownBy(() -> cluster.gateway.awaitHealthy(List.of(web), Instant.now().plusSeconds(2), e -> { }))
                .isInstanceOf(ClusterException.class)
                .hasMessage("the API server of context beta-cluster kept failing: watch Deployment objects in "
                        + "namespace promotion: 500 etcd is down");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1900),
                Duration.ofSeconds(4));
    }
}
