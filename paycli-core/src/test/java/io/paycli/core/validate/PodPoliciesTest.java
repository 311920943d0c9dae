package io.paycli.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.validate.Finding.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodPoliciesTest {

    private static final String C0 = "spec.template.spec.containers[0]";

    private final ManifestValidator validator = new ManifestValidator();

    /** A Deployment that meets every policy, with the container and pod security context swappable. */
    private static String deployment(String container, String podSecurity) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: campaign-web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      securityContext: %s
                      containers:
                        - %s
                """.formatted(podSecurity, container.strip().replace("\n", "\n          "));
    }

    private static final String GOOD = """
            name: web
            image: registry.example.com:5000/promotion/campaign-web:1.4.2
            resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi}}
            readinessProbe: {httpGet: {path: /ready, port: 8080}}
            """;

    private static final String NON_ROOT = "{runAsNonRoot: true}";

    private List<Finding> findings(String yaml) {
        return validator.validate(YamlManifests.parse(yaml), false).findings();
    }

    private List<Finding> findings(String container, String podSecurity) {
        return findings(deployment(container, podSecurity));
    }

    @Test
    void theBaselineDeploymentHasNoFindings() {
        assertThat(findings(GOOD, NON_ROOT)).isEmpty();
    }

    @Test
    void missingRequestsAndLimitsAreReportedPerContainer() {
        List<Finding> found = findings(GOOD.replace(
                "resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi}}",
                "resources: {limits: {cpu: 500m}}"), NON_ROOT);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.rule()).isEqualTo("requests-limits");
            assertThat(f.ref()).isEqualTo("Deployment/campaign-web");
            assertThat(f.path()).isEqualTo(C0 + ".resources");
            assertThat(f.message()).isEqualTo("container web sets no resources.requests");
        });
    }

    @Test
    void emptyResourcesMissBoth() {
        List<Finding> found = findings(GOOD.replace(
                "resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi}}",
                "resources: {requests: {}}"), NON_ROOT);

        assertThat(found).extracting(Finding::message)
                .containsExactly("container web sets no resources.requests and resources.limits");
    }

    @Test
    void missingReadinessProbeIsReportedForLongRunningWorkloads() {
        String noProbe = GOOD.replace("readinessProbe: {httpGet: {path: /ready, port: 8080}}", "");

        assertThat(findings(noProbe, NON_ROOT)).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("readiness-probe");
            assertThat(f.path()).isEqualTo(C0 + ".readinessProbe");
            assertThat(f.message()).startsWith("container web has no readinessProbe");
        });
        assertThat(findings(deployment(noProbe, NON_ROOT).replace("kind: Deployment", "kind: StatefulSet")))
                .extracting(Finding::rule).containsExactly("readiness-probe");
    }

    @Test
    void jobsAndCronJobsNeedNoReadinessProbe() {
        List<Finding> found = findings("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: cleanup}
                spec:
                  schedule: "0 3 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: OnFailure
                          containers:
                            - name: cleanup
                              image: cleanup
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: migrate}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      securityContext: {runAsNonRoot: true}
                      containers:
                        - name: migrate
                          image: migrate:1.0
                          resources: {requests: {cpu: 1}, limits: {cpu: 1}}
                """);

        assertThat(found).extracting(Finding::rule)
                .containsExactly("requests-limits", "image-tag", "run-as-non-root");
        assertThat(found).extracting(Finding::path).containsExactly(
                "spec.jobTemplate.spec.template.spec.containers[0].resources",
                "spec.jobTemplate.spec.template.spec.containers[0].image",
                "spec.jobTemplate.spec.template.spec.containers[0].securityContext.runAsNonRoot");
    }

    @Test
    void latestTagIsReported() {
        List<Finding> found = findings(GOOD.replace(":1.4.2", ":latest"), NON_ROOT);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("image-tag");
            assertThat(f.path()).isEqualTo(C0 + ".image");
            assertThat(f.message()).isEqualTo("container web: image registry.example.com:5000/promotion/campaign-web:latest"
                    + " uses the :latest tag; pin a version or a digest");
        });
    }

    @Test
    void missingTagIsReportedEvenBehindARegistryPort() {
        assertThat(findings(GOOD.replace(":1.4.2", ""), NON_ROOT)).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("image-tag");
            assertThat(f.message()).isEqualTo("container web: image registry.example.com:5000/promotion/campaign-web"
                    + " has no tag; pin a version or a digest");
        });
        assertThat(findings(GOOD.replace("registry.example.com:5000/promotion/campaign-web:1.4.2", "nginx"), NON_ROOT))
                .extracting(Finding::rule).containsExactly("image-tag");
    }

    @Test
    void privilegedContainerIsReported() {
        List<Finding> found = findings(GOOD + "securityContext: {privileged: true}\n", NON_ROOT);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("privileged");
            assertThat(f.path()).isEqualTo(C0 + ".securityContext.privileged");
            assertThat(f.message()).startsWith("container web is privileged");
        });
        assertThat(findings(GOOD + "securityContext: {privileged: false}\n", NON_ROOT)).isEmpty();
    }

    @Test
    void missingRunAsNonRootIsReportedPerContainer() {
        List<Finding> found = findings(GOOD, "{runAsUser: 1000}");

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("run-as-non-root");
            assertThat(f.path()).isEqualTo(C0 + ".securityContext.runAsNonRoot");
            assertThat(f.message()).isEqualTo(
                    "container web may run as root: set securityContext.runAsNonRoot: true on the pod or the container");
        });
    }

    @Test
    void runAsNonRootOnEveryContainerIsEnough() {
        assertThat(findings(GOOD + "securityContext: {runAsNonRoot: true}\n", "{}")).isEmpty();
    }

    @Test
    void aContainerCanOverrideThePodIntoRunningAsRoot() {
        assertThat(findings(GOOD + "securityContext: {runAsNonRoot: false}\n", NON_ROOT))
                .extracting(Finding::message).containsExactly("container web sets runAsNonRoot: false");
    }

    @Test
    void initContainersAreCheckedExceptForReadiness() {
        String yaml = deployment(GOOD, NON_ROOT).replace("      containers:\n",
                "      initContainers:\n        - {name: wait, image: busybox}\n      containers:\n");

        assertThat(findings(yaml)).extracting(Finding::rule, Finding::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("requests-limits", "spec.template.spec.initContainers[0].resources"),
                org.assertj.core.groups.Tuple.tuple("image-tag", "spec.template.spec.initContainers[0].image"));
    }

    @Test
    void bareHostPodsAreCheckedAtTheirOwnSpec() {
        List<Finding> found = findings("""
                apiVersion: v1
                kind: Pod
                metadata: {name: debug}
                spec:
                  containers:
                    - name: shell
                      image: busybox:latest
                      securityContext: {privileged: true, runAsNonRoot: true}
                      resources: {requests: {cpu: 10m}, limits: {cpu: 10m}}
                """);

        assertThat(found).extracting(Finding::path)
                .containsExactly("spec.containers[0].image", "spec.containers[0].securityContext.privileged");
    }

    @Test
    void strictTurnsEveryPolicyFindingIntoAnError() {
        String bad = GOOD.replace(":1.4.2", ":latest") + "securityContext: {privileged: true}\n";
        var yaml = YamlManifests.parse(deployment(bad, "{}"));

        List<Finding> lenient = validator.validate(yaml, false).findings();
        List<Finding> strict = validator.validate(yaml, true).findings();

        assertThat(lenient).extracting(Finding::rule).containsExactly("image-tag", "privileged", "run-as-non-root");
        assertThat(lenient).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        assertThat(validator.validate(yaml, false).isValid()).isTrue();
        assertThat(strict).extracting(Finding::rule).containsExactly("image-tag", "privileged", "run-as-non-root");
        assertThat(strict).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        assertThat(validator.validate(yaml, true).isValid()).isFalse();
    }
}
