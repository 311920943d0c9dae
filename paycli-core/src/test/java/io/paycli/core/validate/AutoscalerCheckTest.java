package io.paycli.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AutoscalerCheckTest {

    private final ManifestValidator validator = new ManifestValidator();

    private List<String> errors(int min, int max) {
        return validator.validate(YamlManifests.parse("""
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: web}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  minReplicas: %d
                  maxReplicas: %d
                """.formatted(min, max)), false).errors().stream().map(Finding::describe).toList();
    }

    @Test
    void minReplicasUpToMaxReplicasPasses() {
        assertThat(errors(2, 2)).isEmpty();
        assertThat(errors(2, 6)).isEmpty();
    }

    @Test
    void minReplicasAboveMaxReplicasIsRefusedAsTheApiServerWould() {
        // A template of a user catalog may render the autoscaler from values paycli does not know.
        assertThat(errors(8, 6)).containsExactly("HorizontalPodAutoscaler/web: spec.maxReplicas: 6 is less than"
                + " spec.minReplicas 8; it must be at least minReplicas");
    }
}
