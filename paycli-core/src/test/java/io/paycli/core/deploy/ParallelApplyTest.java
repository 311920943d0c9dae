package io.paycli.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.cluster.Health;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.error.DeployInterruptedException;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import io.paycli.core.render.Labels;
import io.paycli.core.render.ManifestYaml;
import io.paycli.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The objects of one apply group go to the server at once, the groups one after another; what is reported and what
 * is left running is as predictable as when they went one by one.
 */
class ParallelApplyTest {
    private static final String NS = "parallel";
    /** How long a held request waits for what the test expects to happen meanwhile, so a wrong order fails. */
    private static final long HOLD_SECONDS = 10;

    @TempDir
    Path tmp;
    SandboxFixture cluster;
    HookedGateway gateway;
    final List<DeployEvent> events = new CopyOnWriteArrayList<>();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        cluster = new SandboxFixture(tmp);
        cluster.createNamespace(NS);
        gateway = new HookedGateway(new KubeconfigConnector(cluster.kubeconfig).connect(Sandbox.DEFAULT_CONTEXT));
    }

    @AfterEach
    void stop() {
        gateway.close();
        cluster.close();
    }

    @Test
    void theObjectsOfOneGroupAreSentAtOnceAndTheNextGroupOnlyAfterThem() {
        CountDownLatch bStarted = new CountDownLatch(1);
        AtomicBoolean bWhileA = new AtomicBoolean();
        gateway.before = m -> {
            log.add("start " + m.name());
            if (m.name().equals("b")) {
                bStarted.countDown();
            }
            if (m.name().equals("a")) {
                bWhileA.set(await(bStarted));
            }
        };
        gateway.after = m -> log.add("end " + m.name());
        List<Manifest> manifests = List.of(configMap("a", "1"), configMap("b", "1"), deployment("web", "nginx:1"));

        List<ObjectRef> applied = rollout(() -> { }).apply(manifests, Instant.now().plusSeconds(30));

        assertThat(bWhileA).as("b was sent while a was still held").isTrue();
        assertThat(log.indexOf("start web")).isGreaterThan(log.indexOf("end a")).isGreaterThan(log.indexOf("end b"));
        List<ObjectRef> refs = manifests.stream().map(ObjectRef::of).toList();
        assertThat(applied).isEqualTo(refs);
        // Told in apply order, whichever answer came first.
        assertThat(events).filteredOn(e -> e.kind() == DeployEvent.Kind.RESOURCE).extracting(DeployEvent::object)
                .isEqualTo(refs);
    }

    @Test
    void theFailureReportedIsThatOfTheFirstObjectInApplyOrderEvenWhenALaterOneFailedFirst() {
        cluster.sandbox.faults().denyAdmission(1, "PATCH", ".*/configmaps/a", "policy.example.com", "a is refused");
        cluster.sandbox.faults().denyAdmission(1, "PATCH", ".*/configmaps/b", "policy.example.com", "b is refused");
        CountDownLatch bEnded = new CountDownLatch(1);
        AtomicBoolean aAfterB = new AtomicBoolean();
        gateway.before = m -> {
            if (m.name().equals("a")) {
                aAfterB.set(await(bEnded));
            }
        };
        gateway.after = m -> {
            if (m.name().equals("b")) {
                bEnded.countDown();
            }
        };
        List<Manifest> manifests = List.of(configMap("a", "1"), configMap("b", "1"), deployment("web", "nginx:1"));

        assertThatThrownBy(() -> rollout(() -> { }).apply(manifests, Instant.now().plusSeconds(30)))
                .isInstanceOf(PaycliException.class).hasMessageContaining("a is refused")
                .hasMessageNotContaining("b is refused");
        assertThat(aAfterB).as("b failed before a was sent").isTrue();
        // The next group was never started, as after a failure one by one.
        assertThat(cluster.client.apps().deployments().inNamespace(NS).withName("web").get()).isNull();
        assertThat(events).noneMatch(e -> e.kind() == DeployEvent.Kind.RESOURCE);
    }

    @Test
    void aDeployStoppedDuringAGroupPutsTheRevisionBackOnlyOnceNoApplyOfItIsInFlight() {
        List<Manifest> first = new ArrayList<>();
        List<Manifest> second = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            first.add(configMap("cm-" + i, "1"));
            second.add(configMap("cm-" + i, "2"));
        }
        first.add(deployment("web", "nginx:1"));
        second.add(deployment("web", "nginx:2"));
        pipeline(new DeployOptions(Duration.ofSeconds(20), true, true, false, false, "tester"), first);

        Cancellation stop = new Cancellation();
        CountDownLatch cm1Sent = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        CountDownLatch rollbackStarted = new CountDownLatch(1);
        gateway.before = m -> {
            String version = version(m);
            log.add("start " + m.name() + " v" + version);
            if (!version.equals("2")) {
                return;
            }
            if (m.name().equals("cm-0")) {
                await(cm1Sent, HOLD_SECONDS);
                stop.cancel("SIGTERM");
                cancelled.countDown();
            } else if (m.name().equals("cm-1")) {
                cm1Sent.countDown();
                // Held in flight past the stop: the rollback must wait for it. In a rollback that does not, this
                // ends as soon as the rollback starts, and the order below shows it.
                await(rollbackStarted, 3);
            } else {
                // The others of the group that were sent go on once the stop came; those not sent yet never are.
                await(cancelled, HOLD_SECONDS);
            }
        };
        gateway.after = m -> log.add("end " + m.name() + " v" + version(m));
        Runnable onRollback = () -> {
            log.add("rollback started");
            rollbackStarted.countDown();
        };

        assertThatThrownBy(() -> pipeline(new DeployOptions(Duration.ofSeconds(20), true, true, false, false, "tester")
                .withCancellation(stop), second, onRollback))
                .isInstanceOf(DeployInterruptedException.class).hasMessageContaining("interrupted by SIGTERM")
                .hasMessageContaining("put revision 1");

        int rollback = log.indexOf("rollback started");
        assertThat(rollback).isPositive();
        assertThat(log.subList(rollback, log.size())).as("%s", log).noneMatch(l -> l.endsWith(" v2"));
        assertThat(log).contains("end cm-1 v2");
        for (int i = 0; i < 8; i++) {
            assertThat(cluster.client.configMaps().inNamespace(NS).withName("cm-" + i).get().getData())
                    .containsEntry("v", "1");
        }
    }

    @Test
    void theWaitsWatchesStartOnceTheWorkloadsAreAppliedBeforeWhatComesAfterThem() {
        String deployments = "GET /apis/apps/v1/namespaces/{namespace}/deployments";
        String pods = "GET /api/v1/namespaces/{namespace}/pods";
        AtomicLong deploymentListsBeforeIngress = new AtomicLong(-1);
        AtomicLong podListsBeforeIngress = new AtomicLong(-1);
        gateway.before = m -> {
            if (m.kind().equals("Ingress")) {
                // The lists go out on the client's own threads: the Ingress is held until they arrive, or a while.
                deploymentListsBeforeIngress.set(arrived("GET", "/apis/apps/v1/namespaces/{namespace}/deployments"));
                podListsBeforeIngress.set(arrived("GET", "/api/v1/namespaces/{namespace}/pods"));
            }
        };
        List<Manifest> manifests = List.of(configMap("a", "1"), deployment("web", "nginx:1"), ingress("web"));
        Rollout rollout = rollout(() -> { });
        cluster.sandbox.resetCounters();

        rollout.apply(manifests, List.of(), Instant.now().plusSeconds(30), true);
        Health health = rollout.await(manifests, Instant.now().plusSeconds(30), () -> { });

        assertThat(health.healthy()).as(health.reason()).isTrue();
        assertThat(deploymentListsBeforeIngress).hasValue(1);
        assertThat(podListsBeforeIngress).hasValue(1);
        // The wait used those watches and started none of its own.
        assertThat(cluster.sandbox.requests().byRoute()).containsEntry(deployments, 1L).containsEntry(pods, 1L);
    }

    @Test
    void thePermissionReviewAndTheListOfRecordsInPlaceAreSentAtOnce() {
        CountDownLatch listed = new CountDownLatch(1);
        AtomicBoolean listWhileReviewing = new AtomicBoolean();
        AtomicBoolean first = new AtomicBoolean(true);
        gateway.call = c -> {
            if (c.equals("list records")) {
                listed.countDown();
            } else if (first.getAndSet(false)) {
                listWhileReviewing.set(await(listed));
            }
        };

        new Preflight(gateway).deploy(NS, "web", "beta", List.of(configMap("a", "1"), deployment("web", "nginx:1")),
                false);

        assertThat(listWhileReviewing).as("the records were listed while the review was held").isTrue();
    }

    /** How many requests of a route the sandbox has had, once there is one or {@link #HOLD_SECONDS} passed. */
    private long arrived(String method, String route) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(HOLD_SECONDS);
        while (cluster.sandbox.requests().count(method, route) == 0 && System.nanoTime() < end) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return cluster.sandbox.requests().count(method, route);
    }

    private Rollout rollout(Runnable checkpoint) {
        return new Rollout(gateway, events::add, Duration.ofSeconds(30), checkpoint);
    }

    private DeployResult pipeline(DeployOptions options, List<Manifest> manifests) {
        return pipeline(options, manifests, () -> { });
    }

    private DeployResult pipeline(DeployOptions options, List<Manifest> manifests, Runnable onRollback) {
        Release next = new Release("web", "beta", NS, 0, "1", "nginx", "custom", "1", "c", "h", "tester",
                Instant.now(), 0, Release.Result.FAILED, "deployed", ManifestYaml.write(manifests));
        return new ReleasePipeline(gateway, options, e -> {
            events.add(e);
            if (e.step() == DeployEvent.Step.ROLLBACK && e.kind() == DeployEvent.Kind.STARTED) {
                onRollback.run();
            }
        }, Clock.systemUTC()).run(next, manifests, "tester@test");
    }

    private static boolean await(CountDownLatch latch) {
        return await(latch, HOLD_SECONDS);
    }

    private static boolean await(CountDownLatch latch, long seconds) {
        try {
            return latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String version(Manifest m) {
        return m.body().get("data") instanceof Map<?, ?> data ? String.valueOf(data.get("v")) : "-";
    }

    private static Manifest configMap(String name, String version) {
        return manifest("v1", "ConfigMap", name, Map.of("data", Map.of("v", version)));
    }

    private static Manifest deployment(String name, String image) {
        Map<String, Object> labels = Map.of("app.kubernetes.io/name", name);
        return manifest("apps/v1", "Deployment", name, Map.of("spec", Map.of("replicas", 1,
                "selector", Map.of("matchLabels", labels),
                "template", Map.of("metadata", Map.of("labels", labels), "spec", Map.of("containers",
                        List.of(Map.of("name", name, "image", image)))))));
    }

    private static Manifest ingress(String name) {
        return manifest("networking.k8s.io/v1", "Ingress", name, Map.of("spec", Map.of("rules", List.of(Map.of(
                "host", name + ".example.com", "http", Map.of("paths", List.of(Map.of("path", "/", "pathType",
                        "Prefix", "backend", Map.of("service", Map.of("name", name, "port",
                                Map.of("number", 80)))))))))));
    }

    private static Manifest manifest(String apiVersion, String kind, String name, Map<String, Object> rest) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", apiVersion);
        body.put("kind", kind);
        body.put("metadata", Map.of("name", name, "namespace", NS, "labels", Labels.inventory("web", "beta")));
        body.putAll(rest);
        return new Manifest(apiVersion, kind, NS, name, body, "test");
    }
}
