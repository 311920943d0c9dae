package io.paycli.agent.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.paycli.agent.ExampleApps;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.deploy.Cancellation;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import io.paycli.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job runs through the deploy engine against a sandbox, and its log shows the progress and the manifests. */
class JobRunnerTest {
    @TempDir
    Path tmp;

    private Sandbox sandbox;
    private KubernetesClient client;
    private DeployService service;
    private JobRunner runner;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0);
        Path kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"), "beta-cluster");
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(sandbox.url())
                .withOauthToken("sandbox").build()).build();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("promotion-beta")
                .endMetadata().build()).create();
        service = new DeployService(Catalog::builtin, new TemplateEngine(),
                new KubeconfigConnector(kubeconfig), List.of(), Clock.systemUTC());
        runner = new JobRunner(service, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        client.close();
        sandbox.close();
    }

    private static ZonedDateTime now() {
        return ZonedDateTime.now(ZoneOffset.UTC);
    }

    private Path bundle() {
        return ExampleApps.copy("web", tmp.resolve("bundle"));
    }

    private DeployJob job(Path bundle, String tag, boolean dryRun) {
        return new DeployJob("j-1", bundle, "beta", tag, List.of(), "ci-settlement", dryRun);
    }

    @Test
    void aDeployJobDeploysAndItsLogShowsTheStepsAndTheManifestsApplied() {
        JobOutcome outcome = runner.deploy(job(bundle(), "1.0.0", false), new Cancellation(), log::add);

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.summary()).isEqualTo("deployed campaign-web 1.0.0 to beta as revision 1");
        assertThat(client.apps().deployments().inNamespace("promotion-beta").withName("campaign-web").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith(":1.0.0");
        assertThat(log.get(0)).isEqualTo("==> job j-1: deploy 1.0.0 to beta, submitted by ci-settlement");
        assertThat(log).anyMatch(l -> l.startsWith("==> lock:")).contains("kind: Deployment")
                .anyMatch(l -> l.startsWith("    wait done:"))
                .endsWith("==> deployed campaign-web 1.0.0 to beta as revision 1");
    }

    @Test
    void aReleaseThatNeverBecomesHealthyEndsWithTheDeployExitCode() {
        JobOutcome outcome = runner.deploy(job(bundle(), "2.0.0-fail-pull", false), new Cancellation(), log::add);

        assertThat(outcome.exitCode()).isEqualTo(5);
        assertThat(log).anyMatch(l -> l.contains("FAILED")).last().asString().startsWith("error: ");
    }

    @Test
    void aBrokenPaycliYamlIsOneLineAndExitCode3() throws IOException {
        Path bundle = bundle();
        Files.writeString(bundle.resolve("paycli.yaml"), "app: campaign-web\ntemplate: [not, a, name]\n");

        JobOutcome outcome = runner.deploy(job(bundle, "1.0.0", false), new Cancellation(), log::add);

        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.summary()).contains("paycli.yaml").contains("more)").doesNotContain("\n");
        assertThat(log).contains("error: " + bundle.resolve("paycli.yaml") + ":2: template: expected string, got array");
        assertThat(client.apps().deployments().inNamespace("promotion-beta").list().getItems()).isEmpty();
    }

    @Test
    void aJobCancelledBeforeItAppliesChangesNothing() {
        Cancellation cancelled = new Cancellation();
        cancelled.cancel("cancelled by ci-settlement");

        JobOutcome outcome = runner.deploy(job(bundle(), "1.0.0", false), cancelled, log::add);

        assertThat(outcome.exitCode()).isEqualTo(5);
        assertThat(outcome.summary()).contains("cancelled by ci-settlement");
        assertThat(client.apps().deployments().inNamespace("promotion-beta").list().getItems()).isEmpty();
    }

    @Test
    void aJobRerunAfterItsAgentDiedWaitsOutTheDeadRunsLockAndDeploys() {
        // The Lease a run left when its agent was killed: nobody renews or releases it.
        client.resource(new LeaseBuilder().withNewMetadata().withName("paycli-lock-campaign-web")
                .withNamespace("promotion-beta").endMetadata().withNewSpec()
                .withHolderIdentity("ci-settlement@agent-0 pid 4242 run dead").withLeaseDurationSeconds(2)
                .withAcquireTime(now()).withRenewTime(now()).endSpec().build()).create();
        JobRunner waiting = new JobRunner(service, Duration.ofSeconds(20), Duration.ofSeconds(20));

        JobOutcome outcome = waiting.deploy(job(bundle(), "1.0.0", false), new Cancellation(), log::add);

        assertThat(outcome.exitCode()).isZero();
        assertThat(log).contains("==> lock: held by ci-settlement@agent-0 pid 4242 run dead; waiting up to 20 s for"
                + " it to be released or to expire");
        assertThat(client.leases().inNamespace("promotion-beta").withName("paycli-lock-campaign-web").get()).isNull();
    }

    @Test
    void aLockThatStaysHeldEndsTheJobWithExitCode6() {
        client.resource(new LeaseBuilder().withNewMetadata().withName("paycli-lock-campaign-web")
                .withNamespace("promotion-beta").endMetadata().withNewSpec()
                .withHolderIdentity("someone@laptop pid 1 run live").withLeaseDurationSeconds(600)
                .withAcquireTime(now()).withRenewTime(now()).endSpec().build()).create();
        JobRunner waiting = new JobRunner(service, Duration.ofSeconds(20), Duration.ofSeconds(3));

        JobOutcome outcome = waiting.deploy(job(bundle(), "1.0.0", false), new Cancellation(), log::add);

        assertThat(outcome.exitCode()).isEqualTo(6);
        assertThat(outcome.summary()).contains("someone@laptop pid 1 run live");
        assertThat(client.apps().deployments().inNamespace("promotion-beta").list().getItems()).isEmpty();
    }

    @Test
    void aDryRunChangesNothing() {
        JobOutcome outcome = runner.deploy(job(bundle(), "1.0.0", true), new Cancellation(), log::add);

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.summary()).isEqualTo("dry run of 1.0.0 to beta: 4 objects to apply, 0 to prune;"
                + " nothing changed");
        assertThat(client.apps().deployments().inNamespace("promotion-beta").list().getItems()).isEmpty();
    }
}
