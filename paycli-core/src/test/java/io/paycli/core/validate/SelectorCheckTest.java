package io.paycli.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorCheckTest {

    private final ManifestValidator validator = new ManifestValidator();

    private List<String> errors(String yaml) {
        return validator.validate(YamlManifests.parse(yaml), false).errors().stream()
                .map(Finding::describe).toList();
    }

    private static String workload(String kind, String selector, String labels) {
        return """
                apiVersion: apps/v1
                kind: %s
                metadata: {name: web}
                spec:
                  %s
                  template:
                    metadata: {labels: %s}
                    spec:
                      containers: [{name: web, image: "nginx:1.27"}]
                """.formatted(kind, selector, labels);
    }

    @Test
    void aDeploymentWhoseSelectorMatchesItsTemplatePasses() {
        assertThat(errors(workload("Deployment", "selector: {matchLabels: {app: web}}", "{app: web, tier: front}")))
                .isEmpty();
    }

    @Test
    void aDeploymentWhoseSelectorDoesNotMatchItsTemplateLabelsIsAnError() {
        assertThat(errors(workload("Deployment", "selector: {matchLabels: {app: web}}", "{app: shop}")))
                .containsExactly("Deployment/web: spec.template.metadata.labels: selector does not match template"
                        + " labels: the selector needs app=web, the labels have app=shop");
    }

    @Test
    void aMissingLabelIsNamed() {
        assertThat(errors(workload("StatefulSet", "selector: {matchLabels: {app: web, tier: db}}", "{app: web}")))
                .containsExactly("StatefulSet/web: spec.template.metadata.labels: selector does not match template"
                        + " labels: the selector needs tier=db, the labels have no tier");
    }

    @Test
    void daemonSetsAndReplicaSetsAreCheckedToo() {
        assertThat(errors(workload("DaemonSet", "selector: {matchLabels: {app: web}}", "{app: agent}")))
                .singleElement().asString().startsWith("DaemonSet/web: spec.template.metadata.labels: selector does"
                        + " not match template labels");
        assertThat(errors(workload("ReplicaSet", "selector: {matchLabels: {app: web}}", "{app: agent}")))
                .singleElement().asString().startsWith("ReplicaSet/web: ");
    }

    @Test
    void anAppsWorkloadWithoutASelectorIsAnError() {
        assertThat(errors(workload("Deployment", "replicas: 1", "{app: web}")))
                .containsExactly("Deployment/web: spec.selector: missing spec.selector; apps/v1 requires one that"
                        + " matches spec.template.metadata.labels");
    }

    @Test
    void anEmptySelectorIsAnError() {
        assertThat(errors(workload("Deployment", "selector: {}", "{app: web}")))
                .containsExactly("Deployment/web: spec.selector: empty selector; it must name at least one label of"
                        + " spec.template.metadata.labels");
    }

    @Test
    void matchExpressionsFollowTheirOperators() {
        String labels = "{app: web, tier: front}";
        assertThat(errors(workload("Deployment", """
                selector:
                    matchExpressions:
                      - {key: app, operator: In, values: [web, api]}
                      - {key: tier, operator: NotIn, values: [db]}
                      - {key: app, operator: Exists}
                      - {key: canary, operator: DoesNotExist}""", labels))).isEmpty();
        assertThat(errors(workload("Deployment",
                "selector: {matchExpressions: [{key: tier, operator: In, values: [db, cache]}]}", labels)))
                .containsExactly("Deployment/web: spec.template.metadata.labels: selector does not match template"
                        + " labels: the selector needs tier in (db, cache), the labels have tier=front");
        assertThat(errors(workload("Deployment",
                "selector: {matchExpressions: [{key: tier, operator: DoesNotExist}]}", labels)))
                .containsExactly("Deployment/web: spec.template.metadata.labels: selector does not match template"
                        + " labels: the selector needs no tier, the labels have tier=front");
    }

    @Test
    void anUnknownOperatorIsAnError() {
        assertThat(errors(workload("Deployment",
                "selector: {matchExpressions: [{key: app, operator: Is, values: [web]}]}", "{app: web}")))
                .containsExactly("Deployment/web: spec.selector.matchExpressions[0].operator: 'Is' is not a selector"
                        + " operator: use In, NotIn, Exists or DoesNotExist");
    }

    @Test
    void aJobIsCheckedOnlyWhenItGivesASelector() {
        String job = """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: migrate}
                spec:
                  %s
                  template:
                    metadata: {labels: {app: migrate}}
                    spec:
                      restartPolicy: Never
                      containers: [{name: migrate, image: "tool:1.0"}]
                """;
        assertThat(errors(job.formatted("backoffLimit: 1"))).isEmpty();
        assertThat(errors(job.formatted("selector: {matchLabels: {app: migrate}}\n  manualSelector: true")))
                .isEmpty();
        assertThat(errors(job.formatted("selector: {matchLabels: {app: other}}\n  manualSelector: true")))
                .containsExactly("Job/migrate: spec.template.metadata.labels: selector does not match template"
                        + " labels: the selector needs app=other, the labels have app=migrate");
    }

    @Test
    void aCronJobTemplateCannotSetASelector() {
        String cron = """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: report}
                spec:
                  schedule: "0 3 * * *"
                  jobTemplate:
                    spec:
                      %s
                      template:
                        metadata: {labels: {app: report}}
                        spec:
                          restartPolicy: Never
                          containers: [{name: report, image: "tool:1.0"}]
                """;
        assertThat(errors(cron.formatted("backoffLimit: 1"))).isEmpty();
        // The API server generates the selector of every Job a CronJob starts, so it refuses one here even
        // when it matches.
        assertThat(errors(cron.formatted("selector: {matchLabels: {app: report}}")))
                .containsExactly("CronJob/report: spec.jobTemplate.spec.selector: a CronJob's job template cannot"
                        + " set a selector: Kubernetes generates one for each Job; remove it");
        assertThat(errors(cron.formatted("manualSelector: true")))
                .containsExactly("CronJob/report: spec.jobTemplate.spec.manualSelector: a CronJob's job template"
                        + " cannot set manualSelector: true; remove it");
    }
}
