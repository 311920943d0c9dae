package io.paycli.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingTest {

    @Test
    void describesRefPathAndMessage() {
        Finding f = Finding.error("unknown-field", "Deployment/campaign-web",
                "spec.template.spec.containers[0].imagePullPolicyy", "unknown field");

        assertThat(f.describe()).isEqualTo(
                "Deployment/campaign-web: spec.template.spec.containers[0].imagePullPolicyy: unknown field");
        assertThat(f).hasToString(f.describe());
    }

    @Test
    void leavesOutAnEmptyPath() {
        Finding f = Finding.error("configmap-size", "ConfigMap/x", "", "data is 1.2 MiB, over the 1 MiB limit");

        assertThat(f.describe()).isEqualTo("ConfigMap/x: data is 1.2 MiB, over the 1 MiB limit");
    }

    @Test
    void reportSplitsErrorsFromWarnings() {
        Finding error = Finding.error("dns-1123", "Service/Web", "metadata.name", "bad");
        Finding warning = Finding.warning("image-tag", "Deployment/web", "spec", "latest");

        ValidationReport report = new ValidationReport(List.of(warning, error));

        assertThat(report.errors()).containsExactly(error);
        assertThat(report.warnings()).containsExactly(warning);
        assertThat(report.isValid()).isFalse();
        assertThat(new ValidationReport(List.of(warning)).isValid()).isTrue();
    }

    @Test
    void requireValidThrowsOneLineWithTheFirstErrorAndTheCount() {
        ValidationReport report = new ValidationReport(List.of(
                Finding.error("dns-1123", "Service/Web", "metadata.name", "not a label"),
                Finding.error("removed-api", "Ingress/web", "apiVersion", "use networking.k8s.io/v1"),
                Finding.warning("image-tag", "Deployment/web", "spec", "latest")));

        assertThatThrownBy(report::requireValid)
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid manifest: Service/Web: metadata.name: not a label"
                        + " (and 1 more; paycli validate lists them all)")
                .satisfies(e -> assertThat(((InvalidInputException) e).exitCode()).isEqualTo(ExitCodes.INVALID_INPUT));
    }

    @Test
    void requireValidPassesWarningsThrough() {
        ValidationReport report = new ValidationReport(List.of(Finding.warning("image-tag", "Deployment/web", "", "x")));

        assertThat(report.requireValid()).isSameAs(report);
    }
}
