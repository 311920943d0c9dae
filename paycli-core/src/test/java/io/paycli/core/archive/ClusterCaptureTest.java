package io.paycli.core.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.render.ManifestYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cluster capture} against a sandbox that holds an installation, and what it leaves out. */
class ClusterCaptureTest {
    static final String SECRET_VALUE = "s3cr3t-value-never-archived";

    @TempDir
    Path dir;
    InstallCluster source;
    Path archive;
    final List<DeployEvent> events = new ArrayList<>();

    @BeforeEach
    void start() {
        source = new InstallCluster(dir, "prod-old");
        Installation.seed(source);
        archive = dir.resolve("archive");
    }

    @AfterEach
    void stop() {
        source.close();
    }

    ClusterCapture.Result capture(boolean dryRun) {
        return new ClusterCapture(ArchiveSettings.local(archive), Clock.systemUTC()).capture(source.gateway,
                "prod-old", new CaptureRules(List.of("ingress-nginx"), List.of(), List.of()), dryRun, "alice",
                events::add);
    }

    @Test
    void capturesTheInstallationOneFilePerObject() throws Exception {
        ClusterCapture.Result result = capture(false);

        Path root = archive.resolve("prod-old/_cluster");
        assertThat(files(root)).contains(
                "capture.json", "secrets.json",
                "cluster/namespace/shop.yaml", "cluster/namespace/ingress-nginx.yaml",
                "cluster/customresourcedefinition/widgets.example.com.yaml",
                "cluster/storageclass/fast.yaml", "cluster/ingressclass/nginx.yaml",
                "cluster/priorityclass/high.yaml",
                "cluster/clusterrole/shop-reader.yaml", "cluster/clusterrolebinding/shop-reader.yaml",
                "namespaces/shop/role/deployer.yaml", "namespaces/shop/rolebinding/deployer.yaml",
                "namespaces/shop/serviceaccount/deployer.yaml", "namespaces/shop/resourcequota/compute.yaml",
                "namespaces/shop/limitrange/defaults.yaml", "namespaces/shop/networkpolicy/deny-all.yaml",
                "namespaces/shop/widget.example.com/gizmo.yaml",
                "namespaces/ingress-nginx/deployment/controller.yaml",
                "namespaces/ingress-nginx/service/controller.yaml",
                "namespaces/ingress-nginx/configmap/controller.yaml",
                "namespaces/ingress-nginx/serviceaccount/controller.yaml");
        assertThat(result.objects()).hasSize(files(root).size() - 2);
        assertThat(result.commit()).isNotNull();
        assertThat(result.unread()).isEmpty();
    }

    @Test
    void leavesOutWhatANewClusterOrPaycliMakes() throws Exception {
        capture(false);

        List<String> files = files(archive.resolve("prod-old/_cluster"));
        assertThat(files).noneMatch(f -> f.contains("system:") || f.contains("cluster-admin") || f.contains("/admin.")
                || f.contains("kube-system") || f.contains("/default/") || f.endsWith("/default.yaml"))
                .doesNotContain("namespaces/shop/configmap/app-settings.yaml",
                        "namespaces/shop/deployment/web.yaml",
                        "namespaces/ingress-nginx/configmap/owned.yaml",
                        "namespaces/ingress-nginx/configmap/kube-root-ca.crt.yaml",
                        "cluster/clusterrole/system:sneaky.yaml",
                        "cluster/priorityclass/system-cluster-critical.yaml");
    }

    @Test
    void strippedFieldsAreAbsentAndWhatIsDesiredStays() throws Exception {
        capture(false);
        Path root = archive.resolve("prod-old/_cluster");

        for (String file : files(root)) {
            if (!file.endsWith(".yaml")) {
                continue;
            }
            String text = Files.readString(root.resolve(file));
            assertThat(text).as(file).doesNotContain("uid:", "resourceVersion:", "managedFields", "creationTimestamp",
                    "generation:", "selfLink", "ownerReferences", "last-applied-configuration", "\nstatus:",
                    "clusterIP:", "clusterIPs", "kubernetes.io/metadata.name");
        }
        Map<String, Object> service = yaml(root.resolve("namespaces/ingress-nginx/service/controller.yaml"));
        assertThat(service.toString()).contains("port=443").contains("type=LoadBalancer");
        Map<String, Object> ns = yaml(root.resolve("cluster/namespace/shop.yaml"));
        assertThat(ns).doesNotContainKey("spec");
        assertThat(ns.get("metadata").toString()).contains("team=payments");
        Map<String, Object> deployment = yaml(root.resolve("namespaces/ingress-nginx/deployment/controller.yaml"));
        assertThat(deployment.toString()).contains("ingress-nginx/controller:v1.12.0").doesNotContain("availableReplicas");
    }

    @Test
    void secretsAreListedByNameNeverByValue() throws Exception {
        ClusterCapture.Result result = capture(false);

        assertThat(result.secrets()).containsExactly(
                new SecretEntry("ingress-nginx", "controller-tls", "kubernetes.io/tls"),
                new SecretEntry("shop", "db-credentials", "Opaque"));
        String secrets = Files.readString(archive.resolve("prod-old/_cluster/secrets.json"));
        assertThat(secrets).contains("db-credentials").doesNotContain("paycli-release");
        try (Stream<Path> all = Files.walk(archive)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(text).as(file.toString()).doesNotContain(SECRET_VALUE)
                        .doesNotContain(java.util.Base64.getEncoder().encodeToString(SECRET_VALUE.getBytes()));
            }
        }
    }

    @Test
    void eachCaptureIsOneCommitAndObjectsThatAreGoneLoseTheirFiles() throws Exception {
        capture(false);
        source.admin.network().networkPolicies().inNamespace("shop").withName("deny-all").delete();
        source.admin.network().networkPolicies().inNamespace("shop").withName("deny-all")
                .waitUntilCondition(java.util.Objects::isNull, 10, java.util.concurrent.TimeUnit.SECONDS);

        ClusterCapture.Result second = capture(false);

        assertThat(archive.resolve("prod-old/_cluster/namespaces/shop/networkpolicy/deny-all.yaml")).doesNotExist();
        try (Git git = Git.open(archive.toFile())) {
            List<String> messages = new ArrayList<>();
            git.log().call().forEach(c -> messages.add(c.getShortMessage()));
            assertThat(messages).hasSize(2).allMatch(m -> m.startsWith("capture prod-old: "));
            assertThat(git.status().call().isClean()).isTrue();
            assertThat(git.getRepository().resolve("HEAD").name()).isEqualTo(second.commit());
        }
        assertThat(second.objects()).extracting(InstallObject::ref)
                .doesNotContain(new ObjectRef("networking.k8s.io/v1", "NetworkPolicy", "shop", "deny-all"));
    }

    @Test
    void aDryRunListsWhatItWouldCaptureAndWritesNothing() {
        ClusterCapture.Result result = capture(true);

        assertThat(result.commit()).isNull();
        assertThat(result.objects()).extracting(InstallObject::toString).contains("Namespace shop",
                "Widget shop/gizmo");
        assertThat(archive).doesNotExist();
    }

    @Test
    void includeAndExcludeSelectObjects() {
        ClusterCapture.Result result = new ClusterCapture(ArchiveSettings.local(archive), Clock.systemUTC())
                .capture(source.gateway, "prod-old", new CaptureRules(List.of("ingress-nginx"),
                        List.of("ns:shop", "StorageClass"), List.of("networkpolicy", "Role/deploy*")), true, "alice",
                        events::add);

        assertThat(result.objects()).extracting(InstallObject::toString).contains("Namespace shop",
                "StorageClass fast", "ResourceQuota shop/compute").doesNotContain("NetworkPolicy shop/deny-all",
                "Role shop/deployer", "Namespace ingress-nginx", "IngressClass nginx");
    }

    static List<String> files(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    static Map<String, Object> yaml(Path file) throws IOException {
        return ManifestYaml.read(Files.readString(file), file.toString()).get(0);
    }
}
