package io.paycli.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.paycli.core.error.LockHeldException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy lock as a Lease: exclusive, taken over after a crash, renewed, released. */
class LeaseLockTest {

    private static final String NS = SandboxCluster.NS;

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

    private Lease lease() {
        return cluster.admin.leases().inNamespace(NS).withName("paycli-lock-web").get();
    }

    @Test
    void twoConcurrentDeploysGetOneLockAndTheOtherNamesTheHolder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        Callable<Object> alice = () -> {
            go.await();
            return cluster.gateway.lock(NS, "web", "alice@ci-1", Duration.ofSeconds(30));
        };
        Callable<Object> bob = () -> {
            go.await();
            return cluster.gateway.lock(NS, "web", "bob@laptop", Duration.ofSeconds(30));
        };
        try {
            Future<Object> a = pool.submit(alice);
            Future<Object> b = pool.submit(bob);
            go.countDown();
            Object first = outcome(a);
            Object second = outcome(b);

            assertThat(java.util.List.of(first, second)).filteredOn(DeployLock.class::isInstance).hasSize(1);
            LockHeldException refused = (LockHeldException) (first instanceof LockHeldException ? first : second);
            String winner = first instanceof DeployLock lock ? lock.holder() : ((DeployLock) second).holder();
            assertThat(refused.exitCode()).isEqualTo(6);
            assertThat(refused.getMessage()).startsWith("another deploy of web in promotion holds the lock: "
                    + winner + ", since ").contains("(expires in ", "; wait for it or, if that deploy is dead, "
                    + "the lock expires at ");
            assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(winner);
            assertThat(lease().getSpec().getLeaseDurationSeconds()).isEqualTo(30);
            ((DeployLock) (first instanceof DeployLock ? first : second)).close();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLeaseLeftByAKilledProcessIsTakenOverAfterItsTtl() throws Exception {
        ZonedDateTime now = ZonedDateTime.now();
        cluster.admin.leases().inNamespace(NS).resource(new LeaseBuilder().withNewMetadata()
                .withName("paycli-lock-web").endMetadata().withNewSpec().withHolderIdentity("killed@ci-7")
                .withLeaseDurationSeconds(1).withAcquireTime(now).withRenewTime(now).withLeaseTransitions(0)
                .endSpec().build()).create();

        assertThatThrownBy(() -> cluster.gateway.lock(NS, "web", "alice@ci-1", Duration.ofSeconds(30)))
                .isInstanceOf(LockHeldException.class).hasMessageContaining("killed@ci-7");
        // Its age is measured by the server's clock, whose times have whole seconds.
        Thread.sleep(2100);

        try (DeployLock lock = cluster.gateway.lock(NS, "web", "alice@ci-1", Duration.ofSeconds(30))) {
            assertThat(lock.holder()).isEqualTo("alice@ci-1");
            assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("alice@ci-1");
            assertThat(lease().getSpec().getLeaseTransitions()).isEqualTo(1);
        }
        assertThat(cluster.requests).filteredOn(r -> r.startsWith("PUT ")).hasSize(1);
    }

    @Test
    void renewalKeepsTheLeaseAlivePastItsTtlAndWritesMicroTime() throws Exception {
        try (DeployLock lock = cluster.gateway.lock(NS, "web", "alice@ci-1", Duration.ofSeconds(1))) {
            String firstRenewal = lease().getSpec().getRenewTime().toString();
            Thread.sleep(1600);

            assertThatThrownBy(() -> cluster.gateway.lock(NS, "web", "bob@laptop", Duration.ofSeconds(1)))
                    .isInstanceOf(LockHeldException.class).hasMessageContaining("alice@ci-1");
            assertThat(lease().getSpec().getRenewTime().toString()).isNotEqualTo(firstRenewal);
            String raw = cluster.admin.genericKubernetesResources("coordination.k8s.io/v1", "Lease").inNamespace(NS)
                    .withName("paycli-lock-web").get().get("spec", "renewTime");
            assertThat(raw).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
            assertThat(lock.holder()).isEqualTo("alice@ci-1");
        }
    }

    @Test
    void releaseDeletesTheLeaseSoTheNextDeployGetsItAtOnce() {
        DeployLock alice = cluster.gateway.lock(NS, "web", "alice@ci-1", Duration.ofSeconds(30));
        alice.close();

        assertThat(lease()).isNull();
        try (DeployLock bob = cluster.gateway.lock(NS, "web", "bob@laptop", Duration.ofSeconds(30))) {
            assertThat(bob.holder()).isEqualTo("bob@laptop");
        }
    }

    @Test
    void aLockTakenOverByAnotherIsLearnedThroughHolderAndNotDeletedOnClose() throws Exception {
        DeployLock alice = cluster.gateway.lock(NS, "web", "alice@ci-1", Duration.ofSeconds(1));
        cluster.admin.leases().inNamespace(NS).withName("paycli-lock-web")
                .edit(l -> new LeaseBuilder(l).editSpec().withHolderIdentity("bob@laptop").endSpec().build());

        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!alice.holder().equals("bob@laptop") && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        alice.close();

        assertThat(alice.holder()).isEqualTo("bob@laptop");
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("bob@laptop");
    }

    @Test
    void aCreateWhoseAnswerIsLostIsNotSentAgainButReadBack() {
        cluster.sandbox.faults().dropNext(1, "POST", ".*/leases");

        try (DeployLock lock = cluster.gateway.lock(NS, "web", "alice@ci-1", Duration.ofSeconds(30))) {
            assertThat(lock.holder()).isEqualTo("alice@ci-1");
        }
        assertThat(cluster.requests).filteredOn(r -> r.startsWith("POST ")).hasSize(1);
        assertThat(cluster.requests).contains("GET /apis/coordination.k8s.io/v1/namespaces/promotion/leases/"
                + "paycli-lock-web");
    }

    @Test
    void aHolderWhoseClockRunsBehindIsNotTakenOverWhileItIsAlive() {
        try (Fabric8ClusterGateway behind = cluster.gateway(skewed(Duration.ofMinutes(-5)));
                DeployLock alice = behind.lock(NS, "web", "alice@slow-clock", Duration.ofSeconds(30))) {
            assertThatThrownBy(() -> cluster.gateway.lock(NS, "web", "bob@ci-1", Duration.ofSeconds(30)))
                    .isInstanceOf(LockHeldException.class).hasMessageContaining("alice@slow-clock");
            assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("alice@slow-clock");
            alice.ensureHeld();
        }
    }

    @Test
    void aDeployerWhoseClockRunsAheadDoesNotTakeOverALiveLock() {
        try (DeployLock alice = cluster.gateway.lock(NS, "web", "alice@ci-1", Duration.ofSeconds(30));
                Fabric8ClusterGateway ahead = cluster.gateway(skewed(Duration.ofMinutes(5)))) {
            assertThatThrownBy(() -> ahead.lock(NS, "web", "bob@fast-clock", Duration.ofSeconds(30)))
                    .isInstanceOf(LockHeldException.class).hasMessageContaining("alice@ci-1");
            assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("alice@ci-1");
            alice.ensureHeld();
        }
    }

    @Test
    void aDeployerWhoseClockRunsBehindDoesNotTakeOverALiveLock() {
        try (DeployLock alice = cluster.gateway.lock(NS, "web", "alice@ci-1", Duration.ofSeconds(30));
                Fabric8ClusterGateway behind = cluster.gateway(skewed(Duration.ofMinutes(-5)))) {
            assertThatThrownBy(() -> behind.lock(NS, "web", "bob@slow-clock", Duration.ofSeconds(30)))
                    .isInstanceOf(LockHeldException.class).hasMessageContaining("alice@ci-1");
            alice.ensureHeld();
        }
    }

    @Test
    void aLockTakenOverIsReportedAsLostAtTheNextCheck() throws Exception {
        DeployLock alice = cluster.gateway.lock(NS, "web", "alice@ci-1", Duration.ofSeconds(3));
        alice.ensureHeld();
        cluster.admin.leases().inNamespace(NS).withName("paycli-lock-web")
                .edit(l -> new LeaseBuilder(l).editSpec().withHolderIdentity("bob@laptop").endSpec().build());

        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (alice.holder().equals("alice@ci-1") && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThatThrownBy(alice::ensureHeld).isInstanceOf(io.paycli.core.error.LockLostException.class)
                .satisfies(e -> assertThat(((io.paycli.core.error.PaycliException) e).exitCode()).isEqualTo(6))
                .hasMessageContaining("bob@laptop");
        alice.close();
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("bob@laptop");
    }

    @Test
    void aHolderThatCannotRenewInTimeCountsItsLockAsLost() throws Exception {
        DeployLock alice = cluster.gateway.lock(NS, "web", "alice@ci-1", Duration.ofSeconds(3));
        cluster.sandbox.faults().failNext(1000, "PUT", ".*/leases/paycli-lock-web", 503, "etcd unavailable");

        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean lost = false;
        while (!lost && System.nanoTime() < end) {
            try {
                alice.ensureHeld();
                Thread.sleep(50);
            } catch (io.paycli.core.error.LockLostException e) {
                lost = true;
                assertThat(e.getMessage()).contains("could not be renewed", "etcd unavailable");
            }
        }
        assertThat(lost).isTrue();
        cluster.sandbox.faults().clear();
        alice.close();
    }

    private static java.time.Clock skewed(Duration offset) {
        return java.time.Clock.offset(java.time.Clock.systemUTC(), offset);
    }

    private static Object outcome(Future<Object> future) throws Exception {
        try {
            return future.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
    }
}
