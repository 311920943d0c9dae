package io.paycli.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.model.Manifest;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a restore applies of an archived release: mapped namespaces, and no Secret whose values are digests. */
class RestoreManifestsTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private static Release archived(String manifests) {
        return new Release("shop", "release", "shop", 4, "1.0.0", "img:1.0.0", "web", "1.0.0", "c0ffee", "hash",
                "alice", Instant.parse("2026-12-01T10:00:00Z"), 1000, Result.SUCCEEDED, "deployed 1.0.0", manifests);
    }

    @Test
    void secretsHeldAsDigestsAreNamedNotAppliedAndNamespacesAreMapped() {
        Release release = archived("""
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: shop-db
                  namespace: shop
                data:
                  password: %s
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: shop-empty
                  namespace: shop
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: shop-config
                  namespace: shop
                data:
                  a: b
                """.formatted(DIGEST));

        RestoreManifests planned = RestoreManifests.of(release, ns -> ns.equals("shop") ? "shop-dr" : ns);

        assertThat(planned.secrets()).containsExactly("shop-dr/shop-db");
        assertThat(planned.manifests()).extracting(Manifest::ref).containsExactly("Secret/shop-empty",
                "ConfigMap/shop-config");
        assertThat(planned.manifests()).allSatisfy(m -> {
            assertThat(m.namespace()).isEqualTo("shop-dr");
            assertThat(((Map<?, ?>) m.body().get("metadata")).get("namespace")).isEqualTo("shop-dr");
        });
    }
}
