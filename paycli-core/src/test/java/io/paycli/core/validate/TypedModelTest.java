package io.paycli.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.validate.Finding.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypedModelTest {

    private final ManifestValidator validator = new ManifestValidator();

    private List<Finding> findings(String yaml) {
        return validator.validate(YamlManifests.parse(yaml), false).errors();
    }

    @Test
    void unknownFieldDeepInAContainerIsAnErrorWithItsFullPath() {
        List<Finding> errors = findings("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: campaign-web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                        - name: web
                          image: web:1.0
                        - name: sidecar
                          image: sidecar:1.0
                          imagePullPolicyy: Always
                          ports:
                            - containerPort: 8080
                              protocl: TCP
                """);

        assertThat(errors).extracting(Finding::describe).containsExactly(
                "Deployment/campaign-web: spec.template.spec.containers[1].imagePullPolicyy: unknown field",
                "Deployment/campaign-web: spec.template.spec.containers[1].ports[0].protocl: unknown field");
        assertThat(errors).allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo("unknown-field");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
        });
    }

    @Test
    void unknownFieldsAreFoundAtTheTopInSpecAndInMetadata() {
        List<Finding> errors = findings("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, lables: {app: web}}
                spec:
                  selector: {app: web}
                  ports: [{port: 80}]
                  sessionAfinity: None
                stauts: {}
                """);

        assertThat(errors).extracting(Finding::path)
                .containsExactlyInAnyOrder("metadata.lables", "spec.sessionAfinity", "stauts");
    }

    @Test
    void unknownFieldsAreFoundInsideMapsOfModelObjects() {
        List<Finding> errors = findings("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: web, image: web:1}]
                      volumes:
                        - name: config
                          configMap: {name: web-config, itmes: []}
                """);

        assertThat(errors).extracting(Finding::path).containsExactly("spec.template.spec.volumes[0].configMap.itmes");
    }

    @Test
    void wrongValueTypeNamesThePathAndTheExpectedType() {
        List<Finding> errors = findings("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: campaign-web}
                spec:
                  replicas: two
                """);

        assertThat(errors).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("model");
            assertThat(f.ref()).isEqualTo("Deployment/campaign-web");
            assertThat(f.path()).isEqualTo("spec.replicas");
            assertThat(f.message()).isEqualTo("expected an integer, got \"two\"");
        });
    }

    @Test
    void wrongValueTypeDeepInAListKeepsTheIndexes() {
        List<Finding> errors = findings("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  containers:
                    - name: web
                      image: web:1
                      ports: [{containerPort: 8080}, {containerPort: http}]
                """);

        assertThat(errors).extracting(Finding::describe)
                .containsExactly("Pod/web: spec.containers[0].ports[1].containerPort: expected an integer, got \"http\"");
    }

    @Test
    void anObjectWhereAListBelongsIsAnError() {
        List<Finding> errors = findings("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  containers: {name: web, image: web:1}
                """);

        assertThat(errors).extracting(Finding::describe)
                .containsExactly("Pod/web: spec.containers: expected a list, got an object");
    }

    @Test
    void missingApiVersionKindAndNameAreErrors() {
        List<Finding> errors = findings("""
                metadata: {labels: {app: web}}
                spec: {}
                """);

        assertThat(errors).extracting(Finding::path).containsExactly("apiVersion", "kind", "metadata.name");
        assertThat(errors).extracting(Finding::message)
                .containsExactly("missing apiVersion", "missing kind", "missing metadata.name");
        assertThat(errors).allSatisfy(f -> assertThat(f.ref()).isEqualTo("?/?"));
    }

    @Test
    void aNameThatIsNotAStringIsAnError() {
        List<Finding> errors = findings("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: 42}
                """);

        assertThat(errors).extracting(Finding::describe)
                .containsExactly("ConfigMap/42: metadata.name: expected a string, got 42");
    }

    @Test
    void aCustomResourceIsAcceptedWhateverItsSpecHolds() {
        List<Finding> all = validator.validate(YamlManifests.parse("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: campaign-web, labels: {release: prometheus}}
                spec:
                  selector: {matchLabels: {app: web}}
                  endpoints: [{port: http, interval: 30s}]
                  anythingAtAll: {deeply: [1, 2]}
                """), true).findings();

        assertThat(all).isEmpty();
    }

    @Test
    void aCustomResourceStillGetsNameAndMetadataChecks() {
        List<Finding> errors = findings("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: My_Widget, namespce: x}
                spec: {}
                """);

        assertThat(errors).extracting(Finding::rule, Finding::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("dns-1123", "metadata.name"),
                org.assertj.core.groups.Tuple.tuple("unknown-field", "metadata.namespce"));
    }

    @Test
    void anUnknownKindInAKubernetesGroupIsATypo() {
        List<Finding> errors = findings("""
                apiVersion: apps/v1
                kind: Deploymnet
                metadata: {name: web}
                """);

        assertThat(errors).extracting(Finding::describe)
                .containsExactly("Deploymnet/web: kind: unknown kind Deploymnet in apps/v1");
    }
}
