package io.paycli.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.paycli.core.model.Release;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Release records as Secrets: save, list newest first, get, prune, gzip round trip. */
class SecretReleaseStoreTest {

    private static final String MANIFESTS = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n"
            + "data:\n  note: \"caf\u00e9 \u2713\"\n";

    @TempDir
    Path dir;
    private SandboxCluster cluster;
    private ReleaseStore store;

    @BeforeEach
    void start() {
        cluster = SandboxCluster.start(dir);
        store = cluster.gateway.releases(SandboxCluster.NS);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static Release release(String env, int revision, Release.Result result) {
        return new Release("web", env, SandboxCluster.NS, revision, "1." + revision, "registry.example.com/web:1."
                + revision, "web", "1.4.0", "0123abc", "cafe42", "alice", Instant.parse("2026-10-01T10:15:30.123Z"),
                4200L + revision, result, "healthy", MANIFESTS);
    }

    @Test
    void savesOneSecretPerRevisionAndReadsItBackUnchanged() throws Exception {
        Release saved = release("beta", 1, Release.Result.SUCCEEDED);
        store.save(saved);

        assertThat(store.get("web", "beta", 1)).contains(saved);
        assertThat(store.get("web", "beta", 2)).isEmpty();
        Secret secret = cluster.admin.secrets().inNamespace(SandboxCluster.NS).withName("paycli-release.web.beta.v1")
                .get();
        assertThat(secret.getType()).isEqualTo("paycli.io/release.v1");
        assertThat(secret.getMetadata().getLabels()).containsEntry("paycli.io/release-of", "web")
                .containsEntry("paycli.io/release-env", "beta").containsEntry("paycli.io/revision", "1")
                .doesNotContainKey("app.kubernetes.io/instance");
        String record = new String(Base64.getDecoder().decode(secret.getData().get("release.json")),
                StandardCharsets.UTF_8);
        assertThat(record).contains("\"startedAt\":\"2026-10-01T10:15:30.123Z\"", "\"result\":\"SUCCEEDED\"")
                .doesNotContain("manifests");
        byte[] gz = Base64.getDecoder().decode(secret.getData().get("manifests.yaml.gz"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(MANIFESTS);
        }
    }

    @Test
    void listsNewestFirstByRevisionNumberAndSavingAgainReplaces() {
        for (int revision : new int[] {2, 10, 1, 9}) {
            store.save(release("beta", revision, Release.Result.SUCCEEDED));
        }
        store.save(release("release", 3, Release.Result.SUCCEEDED));
        store.save(release("beta", 10, Release.Result.ROLLED_BACK));

        List<Release> beta = store.list("web", "beta");

        assertThat(beta).extracting(Release::revision).containsExactly(10, 9, 2, 1);
        assertThat(beta.get(0).result()).isEqualTo(Release.Result.ROLLED_BACK);
        assertThat(store.list("web", "release")).extracting(Release::revision).containsExactly(3);
    }

    @Test
    void pruneKeepsTheNewestAndNeverTouchesOtherEnvironmentsOrTheAppInventory() {
        for (int revision = 1; revision <= 12; revision++) {
            store.save(release("beta", revision, Release.Result.SUCCEEDED));
        }
        store.save(release("release", 1, Release.Result.SUCCEEDED));

        store.prune("web", "beta", 10);

        assertThat(store.list("web", "beta")).extracting(Release::revision).containsExactly(12, 11, 10, 9, 8, 7, 6,
                5, 4, 3);
        assertThat(store.list("web", "release")).hasSize(1);
        // Release records do not carry the app's own labels, so nothing treats them as the app's objects.
        assertThat(cluster.admin.secrets().inNamespace(SandboxCluster.NS)
                .withLabel("app.kubernetes.io/instance", "web").list().getItems()).isEmpty();
    }

    @Test
    void recordingListsTheRevisionsToPruneWhileItWritesAndPrunesAsASaveThenAPruneWould() {
        for (int revision = 1; revision <= 11; revision++) {
            store.save(release("beta", revision, Release.Result.SUCCEEDED));
        }
        CountDownLatch listed = new CountDownLatch(1);
        AtomicBoolean listedWhileWriting = new AtomicBoolean();
        cluster.beforeRequest = r -> {
            if (r.startsWith("GET ") && r.contains("/secrets?")) {
                listed.countDown();
            } else if (r.startsWith("PATCH ") && r.contains("paycli-release.web.beta.v12")) {
                try {
                    listedWhileWriting.set(listed.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };

        store.record(release("beta", 12, Release.Result.SUCCEEDED), 10);

        assertThat(listedWhileWriting).as("the list was sent while the record was held").isTrue();
        // The list could not hold revision 12 yet: it is counted in, so 1 and 2 go, as after a save and a prune.
        assertThat(store.list("web", "beta")).extracting(Release::revision).containsExactly(12, 11, 10, 9, 8, 7, 6,
                5, 4, 3);
    }
}
