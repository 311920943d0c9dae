package io.paycli.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemovedApiTest {

    private final ManifestValidator validator = new ManifestValidator();

    private List<Finding> errors(String apiVersion, String kind) {
        return validator.validate(YamlManifests.parse("apiVersion: " + apiVersion + "\nkind: " + kind
                + "\nmetadata: {name: web}\nspec: {}\n"), false).errors();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "extensions/v1beta1, Deployment, apps/v1, 1.16",
            "extensions/v1beta1, DaemonSet, apps/v1, 1.16",
            "extensions/v1beta1, Ingress, networking.k8s.io/v1, 1.22",
            "extensions/v1beta1, NetworkPolicy, networking.k8s.io/v1, 1.16",
            "apps/v1beta1, Deployment, apps/v1, 1.16",
            "apps/v1beta2, StatefulSet, apps/v1, 1.16",
            "networking.k8s.io/v1beta1, Ingress, networking.k8s.io/v1, 1.22",
            "autoscaling/v2beta1, HorizontalPodAutoscaler, autoscaling/v2, 1.25",
            "autoscaling/v2beta2, HorizontalPodAutoscaler, autoscaling/v2, 1.26",
            "batch/v1beta1, CronJob, batch/v1, 1.25",
            "policy/v1beta1, PodDisruptionBudget, policy/v1, 1.25",
            "rbac.authorization.k8s.io/v1beta1, ClusterRoleBinding, rbac.authorization.k8s.io/v1, 1.22",
            "coordination.k8s.io/v1beta1, Lease, coordination.k8s.io/v1, 1.22",
            "scheduling.k8s.io/v1beta1, PriorityClass, scheduling.k8s.io/v1, 1.22",
            "apiextensions.k8s.io/v1beta1, CustomResourceDefinition, apiextensions.k8s.io/v1, 1.22",
    })
    void removedVersionIsAnErrorNamingTheReplacement(String apiVersion, String kind, String replacement,
                                                     String release) {
        assertThat(errors(apiVersion, kind)).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("removed-api");
            assertThat(f.ref()).isEqualTo(kind + "/web");
            assertThat(f.path()).isEqualTo("apiVersion");
            assertThat(f.message()).isEqualTo(
                    apiVersion + " " + kind + " was removed in Kubernetes " + release + "; use " + replacement);
        });
    }

    @ParameterizedTest
    @CsvSource({"policy/v1beta1, PodSecurityPolicy", "extensions/v1beta1, PodSecurityPolicy"})
    void podSecurityPolicyHasNoReplacement(String apiVersion, String kind) {
        assertThat(errors(apiVersion, kind)).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("removed-api");
            assertThat(f.message()).contains("no replacement").contains("Pod Security Admission");
        });
    }

    @ParameterizedTest
    @CsvSource({
            "apps/v1, Deployment",
            "networking.k8s.io/v1, Ingress",
            "autoscaling/v2, HorizontalPodAutoscaler",
            "batch/v1, CronJob",
            "policy/v1, PodDisruptionBudget",
            "coordination.k8s.io/v1, Lease",
            "autoscaling/v1, HorizontalPodAutoscaler",
    })
    void servedVersionsAreNotFlagged(String apiVersion, String kind) {
        assertThat(errors(apiVersion, kind)).noneMatch(f -> f.rule().equals("removed-api"));
    }
}
