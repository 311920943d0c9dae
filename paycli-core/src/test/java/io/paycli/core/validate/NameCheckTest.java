package io.paycli.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameCheckTest {

    private final ManifestValidator validator = new ManifestValidator();

    private List<Finding> errors(String yaml) {
        return validator.validate(YamlManifests.parse(yaml), false).errors();
    }

    @Test
    void uppercaseObjectNameIsAnError() {
        assertThat(errors("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: CampaignWeb}
                """)).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("dns-1123");
            assertThat(f.ref()).isEqualTo("ConfigMap/CampaignWeb");
            assertThat(f.path()).isEqualTo("metadata.name");
            assertThat(f.message()).startsWith("\"CampaignWeb\" is not a DNS-1123 subdomain");
        });
    }

    @Test
    void underscoreInObjectNameIsAnError() {
        assertThat(errors("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: campaign_web}
                """)).extracting(Finding::rule, Finding::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dns-1123", "metadata.name"));
    }

    @Test
    void dottedNamesAreFineForMostKinds() {
        assertThat(errors("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: campaign-web.v2}
                """)).isEmpty();
    }

    @Test
    void serviceNameOver63CharactersIsAnError() {
        String name = "campaign-web-" + "x".repeat(51);
        assertThat(name).hasSize(64);

        assertThat(errors("""
                apiVersion: v1
                kind: Service
                metadata: {name: %s}
                spec: {ports: [{port: 80}]}
                """.formatted(name))).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("dns-1123");
            assertThat(f.ref()).isEqualTo("Service/" + name);
            assertThat(f.message()).endsWith("is 64 characters; a DNS-1035 label allows at most 63");
        });
    }

    @Test
    void serviceAndNamespaceNamesAreLabelsWithoutDots() {
        assertThat(errors("""
                apiVersion: v1
                kind: Service
                metadata: {name: campaign.web}
                spec: {ports: [{port: 80}]}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: promotion.beta}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: 9web}
                spec: {ports: [{port: 80}]}
                """)).extracting(Finding::ref).containsExactly(
                "Service/campaign.web", "Namespace/promotion.beta", "Service/9web");
    }

    @Test
    void namespaceFieldMustBeALabel() {
        assertThat(errors("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web, namespace: Promotion}
                """)).extracting(Finding::path).containsExactly("metadata.namespace");
    }

    @Test
    void rbacNamesMayHoldColons() {
        assertThat(errors("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: "system:campaign-web:reader"}
                rules: []
                """)).isEmpty();
    }

    @Test
    void containerNamesMustBeLabels() {
        assertThat(errors("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: migrate}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      initContainers: [{name: wait_for_db, image: busybox:1.36}]
                      containers: [{name: Migrate, image: migrate:1.0}]
                """)).extracting(Finding::path, Finding::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("spec.template.spec.containers[0].name", "dns-1123"),
                org.assertj.core.groups.Tuple.tuple("spec.template.spec.initContainers[0].name", "dns-1123"));
    }

    @Test
    void labelKeysAndValuesFollowKubernetesSyntax() {
        List<Finding> errors = errors("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web
                  labels:
                    Example.com/tier: web
                    app: "-web"
                    version: 1.10
                    ok.example.com/Name_1: "Value_1.x"
                """);

        assertThat(errors).extracting(Finding::describe).containsExactly(
                "ConfigMap/web: metadata.labels[\"Example.com/tier\"]: label key \"Example.com/tier\" is invalid: an"
                        + " optional DNS subdomain prefix and '/', then at most 63 of letters, digits, '-', '_' and"
                        + " '.', starting and ending with a letter or digit",
                "ConfigMap/web: metadata.labels.app: label value \"-web\" is invalid: at most 63 of letters, digits,"
                        + " '-', '_' and '.', starting and ending with a letter or digit",
                "ConfigMap/web: metadata.labels.version: expected a string, got 1.1; quote it");
        assertThat(errors).allSatisfy(f -> assertThat(f.rule()).isEqualTo("label-syntax"));
    }

    @Test
    void labelValueOver63CharactersIsAnError() {
        assertThat(errors("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web, labels: {commit: %s}}
                """.formatted("a".repeat(64)))).extracting(Finding::path).containsExactly("metadata.labels.commit");
    }

    @Test
    void annotationKeysAreCheckedAndValuesMustBeStrings() {
        assertThat(errors("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web
                  annotations:
                    "paycli.io/notes here": x
                    prometheus.io/port: 8080
                    paycli.io/long-text: "any text at all, with spaces: fine"
                """)).extracting(Finding::path).containsExactly(
                "metadata.annotations[\"paycli.io/notes here\"]", "metadata.annotations[\"prometheus.io/port\"]");
    }

    @Test
    void podTemplateLabelsAreCheckedToo() {
        assertThat(errors("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: cleanup}
                spec:
                  schedule: "0 3 * * *"
                  jobTemplate:
                    spec:
                      template:
                        metadata: {labels: {"bad key": x}}
                        spec:
                          restartPolicy: Never
                          containers: [{name: cleanup, image: cleanup:1.0}]
                """)).extracting(Finding::path)
                .containsExactly("spec.jobTemplate.spec.template.metadata.labels[\"bad key\"]");
    }
}
