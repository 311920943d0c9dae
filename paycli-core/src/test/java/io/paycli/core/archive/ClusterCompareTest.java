package io.paycli.core.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.deploy.Published;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.Release;
import io.paycli.core.render.ManifestYaml;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cluster compare}: a target against what the archive says the source runs. */
class ClusterCompareTest {
    @TempDir
    Path dir;
    InstallCluster source;
    InstallCluster target;
    Path archive;

    @BeforeEach
    void start() throws Exception {
        source = new InstallCluster(dir, "prod-old");
        target = new InstallCluster(dir, "prod-new");
        Installation.seed(source);
        archive = dir.resolve("archive");
        new ClusterCapture(ArchiveSettings.local(archive), Clock.systemUTC()).capture(source.gateway, "prod-old",
                new CaptureRules(List.of("ingress-nginx"), List.of(), List.of()), false, "alice", e -> { });
        ClusterInstall.read(archive, "prod-old").apply(target.gateway, Map.of(), false, e -> { });
        Release web = release("1.2.0", "cfg-aaa");
        new GitArchive(ArchiveSettings.local(archive)).record(new Published(Published.Action.DEPLOY, web, web,
                "prod-old", "prod-old", List.of(), null), w -> { });
    }

    @AfterEach
    void stop() {
        source.close();
        target.close();
    }

    /** What a deploy of web does on the target: apply its manifests and record the release. */
    void deployOnTarget(Release release) {
        for (Manifest m : ManifestYaml.readManifests(release.manifests(), "test")) {
            target.gateway.apply(m, false);
        }
        target.gateway.releases("shop").save(release);
    }

    CompareResult compare() {
        return new ClusterCompare(archive, Clock.systemUTC()).compare("prod-old", target.gateway,
                new NamespaceMap(Map.of()), null);
    }

    @Test
    void theSameVersionAndConfigWithLiveObjectsAsRecordedIsTheSame() {
        deployOnTarget(release("1.2.0", "cfg-aaa"));

        CompareResult result = compare();

        assertThat(result.apps()).singleElement().satisfies(a -> {
            assertThat(a.verdict()).isEqualTo(CompareResult.Verdict.SAME);
            assertThat(a.targetTag()).isEqualTo("1.2.0");
        });
        assertThat(result.install()).isNotEmpty().allMatch(i -> i.verdict() == CompareResult.Verdict.SAME);
        assertThat(result.differences()).isFalse();
    }

    @Test
    void aChangeByHandOnTheTargetShowsWithTheObjectAndField() {
        deployOnTarget(release("1.2.0", "cfg-aaa"));
        // kubectl set image and kubectl scale, on an app without an HPA
        target.admin.apps().deployments().inNamespace("shop").withName("web").patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                        io.fabric8.kubernetes.client.dsl.base.PatchType.STRATEGIC_MERGE),
                "{\"spec\":{\"replicas\":5,\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\","
                        + "\"image\":\"registry.example.com/web:hotfix\"}]}}}}");

        CompareResult result = compare();

        CompareResult.AppComparison web = result.apps().get(0);
        assertThat(web.verdict()).isEqualTo(CompareResult.Verdict.DIFFERENT);
        assertThat(web.reason()).contains("Deployment shop/web changed")
                .contains("spec.template.spec.containers[0].image: registry.example.com/web:hotfix (expected "
                        + "registry.example.com/web:1.2.0)")
                .contains("spec.replicas: 5 (expected 2)");
        assertThat(result.differences()).isTrue();
    }

    @Test
    void anotherVersionOrConfigOnTheTargetIsADifference() {
        deployOnTarget(release("1.1.0", "cfg-bbb"));

        CompareResult.AppComparison web = compare().apps().get(0);

        assertThat(web.verdict()).isEqualTo(CompareResult.Verdict.DIFFERENT);
        assertThat(web.reason()).contains("version 1.1.0, source runs 1.2.0").contains("config cfg-bbb");
    }

    @Test
    void anAppNotOnTheTargetIsMissing() {
        assertThat(compare().apps().get(0).verdict()).isEqualTo(CompareResult.Verdict.MISSING);
    }

    @Test
    void capturedObjectsMissingOrChangedOnTheTargetShow() {
        deployOnTarget(release("1.2.0", "cfg-aaa"));
        target.admin.network().networkPolicies().inNamespace("shop").withName("deny-all").delete();
        target.admin.resourceQuotas().inNamespace("shop").withName("compute").edit(q -> {
            q.getSpec().getHard().put("requests.cpu", new io.fabric8.kubernetes.api.model.Quantity("2"));
            return q;
        });

        CompareResult result = compare();

        assertThat(result.install()).filteredOn(i -> i.verdict() != CompareResult.Verdict.SAME)
                .extracting(i -> i.ref().toString() + " " + i.verdict() + " " + i.fields())
                .containsExactlyInAnyOrder("NetworkPolicy shop/deny-all MISSING []",
                        "ResourceQuota shop/compute DIFFERENT [spec.hard.requests.cpu: 2 (expected 8)]");
    }

    static Release release(String tag, String configHash) {
        String manifests = ManifestYaml.write(List.of(
                manifest("apps/v1", "Deployment", "web", Map.of("spec", Map.of("replicas", 2,
                        "selector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "web")),
                        "template", Map.of("metadata", Map.of("labels", Map.of("app.kubernetes.io/name", "web")),
                                "spec", Map.of("containers", List.of(Map.of("name", "web",
                                        "image", "registry.example.com/web:" + tag)))))))));
        return new Release("web", "prod", "shop", 1, tag, "registry.example.com/web", "web", "1.0.0", "abc",
                configHash, "alice", Instant.parse("2026-12-01T10:00:00Z"), 1000, Release.Result.SUCCEEDED, "ok",
                manifests);
    }

    static Manifest manifest(String apiVersion, String kind, String name, Map<String, Object> rest) {
        Map<String, Object> body = new java.util.TreeMap<>(rest);
        body.put("apiVersion", apiVersion);
        body.put("kind", kind);
        body.put("metadata", Map.of("name", name, "namespace", "shop", "labels", Map.of(
                "app.kubernetes.io/name", "web", "app.kubernetes.io/instance", "web-prod",
                "app.kubernetes.io/managed-by", "paycli")));
        return new Manifest(apiVersion, kind, "shop", name, body, "test");
    }
}
