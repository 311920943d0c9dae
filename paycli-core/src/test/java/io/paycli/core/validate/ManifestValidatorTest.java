package io.paycli.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.Manifest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestValidatorTest {

    private final ManifestValidator validator = new ManifestValidator();

    @Test
    void cleanAppPassesStrictWithNoFindings() {
        List<Manifest> app = YamlManifests.resource("clean-app.yaml");
        assertThat(app).extracting(Manifest::kind).containsExactly(
                "ConfigMap", "Service", "Deployment", "Ingress", "HorizontalPodAutoscaler", "CronJob");

        ValidationReport report = validator.validate(app, true);

        assertThat(report.findings()).isEmpty();
        assertThat(report.isValid()).isTrue();
    }

    @Test
    void commonPlatformKindsPassTheStructuralChecks() {
        List<Manifest> objects = YamlManifests.resource("more-kinds.yaml");
        assertThat(objects).hasSize(10);

        assertThat(validator.validate(objects, true).findings()).isEmpty();
    }

    @Test
    void findingsFollowTheOrderOfTheManifests() {
        List<Finding> findings = validator.validate(YamlManifests.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: B_config}
                ---
                apiVersion: extensions/v1beta1
                kind: Ingress
                metadata: {name: web}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: ok, extra: 1}
                """), false).findings();

        assertThat(findings).extracting(Finding::ref, Finding::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ConfigMap/B_config", "dns-1123"),
                org.assertj.core.groups.Tuple.tuple("Ingress/web", "removed-api"),
                org.assertj.core.groups.Tuple.tuple("ConfigMap/ok", "unknown-field"));
    }

    @Test
    void theSameObjectTwiceIsAnError() {
        List<Finding> errors = validator.validate(YamlManifests.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web, namespace: promotion}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web, namespace: beta}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web, namespace: promotion}
                """), false).errors();

        assertThat(errors).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("duplicate");
            assertThat(f.ref()).isEqualTo("ConfigMap/web");
        });
    }

    @Test
    void aDocumentWithoutABodyIsAnError() {
        Manifest empty = new Manifest("v1", "ConfigMap", null, "web", null, "configmap.yaml");

        assertThat(validator.validate(List.of(empty), false).errors()).extracting(Finding::describe)
                .containsExactly("ConfigMap/web: empty document");
    }

    @Test
    void anInvalidReportCanBeTurnedIntoTheInvalidInputFailure() {
        ValidationReport report = validator.validate(YamlManifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: campaign-web}
                spec: {replicas: two}
                """), false);

        assertThatThrownBy(report::requireValid)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Deployment/campaign-web: spec.replicas: expected an integer, got \"two\"");
    }
}
