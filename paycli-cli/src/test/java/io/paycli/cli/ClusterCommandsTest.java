package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.paycli.core.archive.ClusterInstall;
import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** paycli cluster capture and cluster compare as a user runs them, between two sandboxes. */
class ClusterCommandsTest {
    @TempDir
    Path tmp;
    Sandbox old;
    Sandbox fresh;
    Path oldConfig;
    Path newConfig;
    Path archive;

    @BeforeEach
    void start() {
        SandboxSettings settings = SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(100));
        old = Sandbox.start(0, settings);
        fresh = Sandbox.start(0, settings);
        oldConfig = old.writeKubeconfig(tmp.resolve("old.kubeconfig"), "old");
        newConfig = fresh.writeKubeconfig(tmp.resolve("new.kubeconfig"), "new");
        archive = tmp.resolve("archive");
    }

    @AfterEach
    void stop() {
        old.close();
        fresh.close();
    }

    private Cli.Result deploy(Path kubeconfig, String context) {
        return Cli.run("deploy", "-f", Examples.dir("web").toString(), "-e", "beta", "--kubeconfig",
                kubeconfig.toString(), "--context", context, "-t", "1.0.0", "--create-namespace", "--archive",
                archive.toString());
    }

    private void installIngressController() {
        try (KubernetesClient kubectl = client(oldConfig)) {
            kubectl.resource("---\n{apiVersion: v1, kind: Namespace, metadata: {name: ingress-nginx}}").create();
            kubectl.resource("---\n{apiVersion: v1, kind: ConfigMap, metadata: {name: controller, namespace:"
                    + " ingress-nginx}, data: {use-forwarded-headers: 'true'}}").create();
            kubectl.resource("---\n{apiVersion: v1, kind: ResourceQuota, metadata: {name: compute, namespace:"
                    + " promotion-beta}, spec: {hard: {pods: '20'}}}").create();
            kubectl.resource("---\n{apiVersion: v1, kind: Secret, metadata: {name: api-key, namespace:"
                    + " promotion-beta}, stringData: {key: do-not-archive-me}}").create();
        }
    }

    private static KubernetesClient client(Path kubeconfig) {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig.toFile())).build();
    }

    private Cli.Result capture(String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("cluster", "capture", "--context",
                "old", "--kubeconfig", oldConfig.toString(), "--archive", archive.toString(),
                "--system-namespace", "ingress-nginx"));
        args.addAll(java.util.List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private Cli.Result compare(String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("cluster", "compare", "--from",
                "old", "--to-context", "new", "--kubeconfig", newConfig.toString(), "--archive", archive.toString()));
        args.addAll(java.util.List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void captureWritesTheClusterFolderAndPrintsWhatItTook() throws Exception {
        assertThat(deploy(oldConfig, "old").exit()).isZero();
        installIngressController();

        Cli.Result dry = capture("--dry-run");
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("would capture", "nothing was written");
        assertThat(archive.resolve("old/_cluster")).doesNotExist();

        Cli.Result r = capture();

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("capture cluster old from context old");
        assertThat(r.out()).contains("Namespace", "promotion-beta", "ResourceQuota", "compute", "ConfigMap",
                "controller", "Secret (name only)", "api-key");
        assertThat(archive.resolve("old/_cluster/namespaces/promotion-beta/resourcequota/compute.yaml")).exists();
        assertThat(archive.resolve("old/_cluster/namespaces/ingress-nginx/configmap/controller.yaml")).exists();
        // The app's own objects come back with the app, not with the cluster.
        assertThat(archive.resolve("old/_cluster/namespaces/promotion-beta/deployment")).doesNotExist();
        assertThat(Files.readString(archive.resolve("old/_cluster/secrets.json"))).contains("api-key")
                .doesNotContain("do-not-archive-me");

        Cli.Result json = capture("-o", "json", "--cluster-name", "prod-tw");
        JsonNode out = JsonMapper.shared().readTree(json.out());
        assertThat(out.get("cluster").asString()).isEqualTo("prod-tw");
        assertThat(out.get("commit").asString()).hasSize(40);
        assertThat(archive.resolve("prod-tw/_cluster/capture.json")).exists();
    }

    @Test
    void aBadSelectorIsAUsageErrorInOneLine() {
        Cli.Result r = capture("--include", "ns:");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).contains("invalid selector 'ns:'").doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void compareShowsTheSameAppsAndThenAChangeMadeByHand() {
        assertThat(deploy(oldConfig, "old").exit()).isZero();
        installIngressController();
        assertThat(capture().exit()).isZero();
        try (ClusterGateway target = new KubeconfigConnector(newConfig).connect("new")) {
            ClusterInstall.read(archive, "old").apply(target, Map.of(), false, e -> { });
        }
        Cli.Result deployed = deploy(newConfig, "new");
        assertThat(deployed.exit()).as(deployed.toString()).isZero();

        Cli.Result same = compare();
        assertThat(same.exit()).as(same.toString()).isZero();
        assertThat(same.out()).contains("campaign-web", "1.0.0", "same", "no differences");

        try (KubernetesClient kubectl = client(newConfig)) {
            kubectl.apps().deployments().inNamespace("promotion-beta").withName("campaign-web").patch(
                    PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{\"replicas\":4}}");
        }
        Cli.Result changed = compare();

        assertThat(changed.exit()).as(changed.toString()).isEqualTo(7);
        assertThat(changed.out()).contains("different", "Deployment promotion-beta/campaign-web changed",
                "spec.replicas: 4 (expected 1)", "differences found");
        JsonNode json = JsonMapper.shared().readTree(compare("-o", "json").out());
        assertThat(json.get("differences").asBoolean()).isTrue();
        assertThat(json.get("apps").get(0).get("drift").get(0).get("fields").get(0).get("path").asString())
                .isEqualTo("spec.replicas");
    }

    @Test
    void comparingAClusterTheArchiveDoesNotHaveIsExit3() {
        Cli.Result r = compare();

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("has nothing of cluster old");
    }
}
