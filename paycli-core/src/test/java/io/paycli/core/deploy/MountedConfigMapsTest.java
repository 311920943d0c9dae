package io.paycli.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every place a pod template names a ConfigMap, and only kinds the deploy may list. */
class MountedConfigMapsTest {

    @Test
    void findsVolumesProjectedSourcesEnvFromAndEnvOfContainersAndInitContainers() {
        Map<String, Object> podSpec = Map.of(
                "volumes", List.of(
                        Map.of("name", "a", "configMap", Map.of("name", "cm-volume")),
                        Map.of("name", "b", "projected", Map.of("sources", List.of(
                                Map.of("configMap", Map.of("name", "cm-projected")),
                                Map.of("secret", Map.of("name", "not-a-configmap"))))),
                        Map.of("name", "c", "emptyDir", Map.of())),
                "initContainers", List.of(Map.of("name", "init",
                        "envFrom", List.of(Map.of("configMapRef", Map.of("name", "cm-init-envfrom"))))),
                "containers", List.of(Map.of("name", "web",
                        "envFrom", List.of(Map.of("secretRef", Map.of("name", "a-secret"))),
                        "env", List.of(
                                Map.of("name", "X", "value", "1"),
                                Map.of("name", "Y", "valueFrom", Map.of("configMapKeyRef",
                                        Map.of("name", "cm-key", "key", "y")))))));

        assertThat(MountedConfigMaps.referencedBy(podSpec)).containsExactlyInAnyOrder("cm-volume", "cm-projected",
                "cm-init-envfrom", "cm-key");
        assertThat(MountedConfigMaps.referencedBy(null)).isEmpty();
    }

    @Test
    void listsOnlyKindsThatADeployIsGrantedListOn() {
        // A deploy may list the kinds it waits for (RequiredAccess); listing any other kind needs a new verb.
        assertThat(Rollout.WAITED_KINDS).containsAll(MountedConfigMaps.KINDS);
    }
}
