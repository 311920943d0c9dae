package io.paycli.core.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.ObjectRef;
import io.paycli.sandbox.TimelineEntry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A captured {@code _cluster} applied to a second, empty sandbox. */
class ClusterInstallTest {
    @TempDir
    Path dir;
    InstallCluster source;
    InstallCluster target;
    Path archive;
    final List<DeployEvent> events = new ArrayList<>();

    @BeforeEach
    void start() {
        source = new InstallCluster(dir, "prod-old");
        target = new InstallCluster(dir, "prod-new");
        Installation.seed(source);
        archive = dir.resolve("archive");
        new ClusterCapture(ArchiveSettings.local(archive), Clock.systemUTC()).capture(source.gateway, "prod-old",
                new CaptureRules(List.of("ingress-nginx"), List.of(), List.of()), false, "alice", e -> { });
    }

    @AfterEach
    void stop() {
        source.close();
        target.close();
    }

    @Test
    void theTargetEndsWithWhatTheSourceHadIgnoringServerManagedFields() {
        ClusterInstall install = ClusterInstall.read(archive, "prod-old");

        InstallResult result = install.apply(target.gateway, Map.of(), false, events::add);

        assertThat(result.failed()).isEmpty();
        assertThat(result.unchanged()).isEmpty();
        assertThat(result.applied()).hasSize(install.objects().size());
        for (InstallObject captured : install.objects()) {
            Map<String, Object> inSource = ServerFields.strip(source.gateway.get(captured.ref()).orElseThrow());
            Map<String, Object> inTarget = ServerFields.strip(target.gateway.get(captured.ref()).orElseThrow());
            assertThat(inTarget).as(captured.toString()).isEqualTo(inSource);
        }
        assertThat(result.secretsToProvide()).containsExactly(
                new SecretEntry("ingress-nginx", "controller-tls", "kubernetes.io/tls"),
                new SecretEntry("shop", "db-credentials", "Opaque"));
    }

    @Test
    void theDefinitionIsEstablishedBeforeItsCustomResourceIsSent() {
        ClusterInstall.read(archive, "prod-old").apply(target.gateway, Map.of(), false, events::add);

        List<TimelineEntry> timeline = target.sandbox.timeline();
        long established = timeline.stream().filter(e -> e.kind().equals("CustomResourceDefinition")
                && "status".equals(e.subresource())).mapToLong(TimelineEntry::sequence).min().orElseThrow();
        long widget = timeline.stream().filter(e -> e.kind().equals("Widget")).mapToLong(TimelineEntry::sequence)
                .min().orElseThrow();
        assertThat(established).isLessThan(widget);
        long namespace = timeline.stream().filter(e -> e.kind().equals("Namespace") && "shop".equals(e.name()))
                .mapToLong(TimelineEntry::sequence).min().orElseThrow();
        long quota = timeline.stream().filter(e -> e.kind().equals("ResourceQuota"))
                .mapToLong(TimelineEntry::sequence).min().orElseThrow();
        assertThat(namespace).isLessThan(quota);
    }

    @Test
    void aSecondApplyWritesNothing() {
        ClusterInstall install = ClusterInstall.read(archive, "prod-old");
        install.apply(target.gateway, Map.of(), false, events::add);
        int writesBefore = target.paycliWrites().size();
        target.sandbox.resetCounters();

        InstallResult second = install.apply(target.gateway, Map.of(), false, events::add);

        assertThat(second.applied()).isEmpty();
        assertThat(second.failed()).isEmpty();
        assertThat(second.unchanged()).hasSize(install.objects().size());
        assertThat(target.paycliWrites()).hasSize(writesBefore);
        // Each object costs one server-side dry-run apply, and nothing else writes.
        Map<String, Long> routes = target.sandbox.requests().byRoute();
        long patches = routes.entrySet().stream().filter(e -> e.getKey().startsWith("PATCH"))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(patches).isEqualTo(install.objects().size());
        assertThat(routes.keySet()).noneMatch(r -> r.startsWith("POST") || r.startsWith("PUT")
                || r.startsWith("DELETE"));
    }

    @Test
    void aChangedObjectIsWrittenAgainAndOnlyIt() {
        ClusterInstall install = ClusterInstall.read(archive, "prod-old");
        install.apply(target.gateway, Map.of(), false, events::add);
        target.admin.network().networkPolicies().inNamespace("shop").withName("deny-all").edit(p -> {
            p.getSpec().setPolicyTypes(List.of("Ingress", "Egress"));
            return p;
        });

        InstallResult again = install.apply(target.gateway, Map.of(), false, events::add);

        assertThat(again.applied()).containsExactly(
                new ObjectRef("networking.k8s.io/v1", "NetworkPolicy", "shop", "deny-all"));
        assertThat(target.admin.network().networkPolicies().inNamespace("shop").withName("deny-all").get()
                .getSpec().getPolicyTypes()).containsExactly("Ingress");
    }

    @Test
    void aNamespaceMapMovesNamespacedObjectsNamespacesAndBindingSubjects() {
        InstallResult result = ClusterInstall.read(archive, "prod-old").apply(target.gateway,
                Map.of("shop", "shop-dr"), false, events::add);

        assertThat(result.failed()).isEmpty();
        assertThat(target.admin.namespaces().withName("shop-dr").get()).isNotNull();
        assertThat(target.admin.namespaces().withName("shop").get()).isNull();
        assertThat(target.admin.resourceQuotas().inNamespace("shop-dr").withName("compute").get()).isNotNull();
        assertThat(target.admin.rbac().clusterRoleBindings().withName("shop-reader").get().getSubjects().get(0)
                .getNamespace()).isEqualTo("shop-dr");
        assertThat(target.gateway.get(new ObjectRef("example.com/v1", "Widget", "shop-dr", "gizmo"))).isPresent();
        assertThat(result.secretsToProvide()).contains(new SecretEntry("shop-dr", "db-credentials", "Opaque"));
    }

    @Test
    void aFailedObjectIsReportedAndTheRestGoOn() {
        target.sandbox.faults().failNext(1, "PATCH", ".*/networkpolicies/deny-all.*", 403, "networkpolicies is forbidden: denied by a test");

        InstallResult result = ClusterInstall.read(archive, "prod-old").apply(target.gateway, Map.of(), false,
                events::add);

        assertThat(result.failed()).extracting(InstallResult.Failure::ref).containsExactly(
                new ObjectRef("networking.k8s.io/v1", "NetworkPolicy", "shop", "deny-all"));
        assertThat(result.failed().get(0).reason()).contains("forbidden");
        assertThat(result.applied()).hasSize(ClusterInstall.read(archive, "prod-old").objects().size() - 1);
    }

    @Test
    void aDryRunWritesNothing() {
        InstallResult result = ClusterInstall.read(archive, "prod-old").apply(target.gateway, Map.of(), true,
                events::add);

        assertThat(result.failed()).isEmpty();
        assertThat(result.applied()).hasSize(ClusterInstall.read(archive, "prod-old").objects().size());
        assertThat(target.paycliWrites()).isEmpty();
        assertThat(target.admin.namespaces().withName("shop").get()).isNull();
    }

    @Test
    void anArchiveWithoutACaptureIsExit3NamingTheCluster() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClusterInstall.read(archive, "elsewhere"))
                .isInstanceOf(io.paycli.core.error.InvalidInputException.class)
                .hasMessageContaining("no capture of cluster elsewhere");
    }
}
