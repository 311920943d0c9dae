package io.paycli.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Telling the pods of a workload's current template from those of its earlier ones. */
class PodTemplatesTest {

    private static Map<String, Object> template(String tag, String config) {
        return Map.of("metadata", Map.of("labels", Map.of("app", "web", "version", tag)),
                "spec", Map.of("containers", List.of(Map.of("name", "web", "image", "shop/web:" + tag,
                        "envFrom", List.of(Map.of("secretRef", Map.of("name", "web-secrets"))))),
                        "volumes", List.of(Map.of("name", "config", "configMap", Map.of("name", config)))));
    }

    /** A pod as the server makes it: more labels, a pinned image perhaps, and the service account's volume. */
    private static Map<String, Object> pod(String tag, String image, String config) {
        return Map.of("metadata", Map.of("labels", Map.of("app", "web", "version", tag, "pod-template-hash", "5d9f")),
                "spec", Map.of("containers", List.of(Map.of("name", "web", "image", image,
                        "envFrom", List.of(Map.of("secretRef", Map.of("name", "web-secrets"))))),
                        "volumes", List.of(Map.of("name", "config", "configMap", Map.of("name", config)),
                                Map.of("name", "kube-api-access-x2b4d", "projected", Map.of("sources",
                                        List.of(Map.of("configMap", Map.of("name", "kube-root-ca.crt"))))))));
    }

    @Test
    void aPodOfTheTemplateWithTheServersAdditionsIsMadeFromIt() {
        assertThat(PodTemplates.madeFrom(pod("1.1", "shop/web:1.1", "web-config-4ca2"),
                template("1.1", "web-config-4ca2"))).isTrue();
        assertThat(PodTemplates.madeFrom(pod("1.1", "shop/web:1.1@sha256:9f86d0", "web-config-4ca2"),
                template("1.1", "web-config-4ca2"))).isTrue();
    }

    @Test
    void aPodOfAnotherTagOrAnotherConfigIsNot() {
        assertThat(PodTemplates.madeFrom(pod("1.2-fail", "shop/web:1.2-fail", "web-config-4ca2"),
                template("1.1", "web-config-4ca2"))).isFalse();
        assertThat(PodTemplates.madeFrom(pod("1.1", "shop/web:1.2-fail", "web-config-4ca2"),
                template("1.1", "web-config-4ca2"))).as("same labels, another image").isFalse();
        assertThat(PodTemplates.madeFrom(pod("1.1", "shop/web:1.1", "web-config-77e0"),
                template("1.1", "web-config-4ca2"))).as("same tag, another config").isFalse();
    }
}
