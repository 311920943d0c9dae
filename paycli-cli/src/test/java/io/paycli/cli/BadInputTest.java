package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.agent.audit.AuditEntry;
import io.paycli.agent.store.AuditStore;
import io.paycli.agent.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets one clear line naming what and where, the documented exit code, and no stack
 * trace. Each case starts from a copy of the web example and breaks one thing.
 */
class BadInputTest {
    @TempDir
    Path tmp;
    Path app;
    Path yaml;

    @BeforeEach
    void copyExample() {
        app = Examples.copy("web", tmp.resolve("web"));
        yaml = app.resolve("paycli.yaml");
    }

    private Cli.Result render(String... extra) {
        List<String> args = new ArrayList<>(List.of("render", "-f", app.toString(), "-e", "beta", "-t", "1.0.0"));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private Cli.Result validate(String... extra) {
        List<String> args = new ArrayList<>(List.of("validate", "-f", app.toString(), "-e", "beta", "-t", "1.0.0"));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private static void assertFails(Cli.Result r, int exit, String... fragments) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        assertThat(r.err()).as(r.toString()).doesNotContain("\tat ", "Exception");
        assertThat(r.err().lines().count()).as("one line: " + r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: ");
        if (r.out().isEmpty()) {
            assertThat(r.err()).contains(fragments);
        } else {
            // validate reports its findings on stdout, once; the one line on stderr says that it failed.
            assertThat(r.out()).contains("error: ").contains(fragments);
            assertThat(r.err()).contains("validation found");
        }
    }

    @Test
    void aSandboxContextNameThatNoKubeconfigCanHoldIsRefusedBeforeItStarts() {
        assertFails(Cli.run("sandbox", "--port", "0", "--context", "dr site"), 3,
                "--context dr site: use letters, digits");
    }

    @Test
    void aBadAgentYamlStopsTheAgentAtStartWithOneLine() throws IOException {
        Path agent = tmp.resolve("agent.yaml");
        Files.writeString(agent, """
                dataDir: data
                clients:
                  - id: ci
                    secret: s3cr3t
                    allow: [{apps: [web], envs: [beta]}]
                """);
        Cli.Result r = Cli.run("agent", "serve", "--config", agent.toString());
        assertFails(r, 3, agent + ":4: clients[0].secret: keys are never written in agent.yaml");
        assertThat(Files.exists(tmp.resolve("data"))).as("nothing created before the config is good").isFalse();
    }

    @Test
    void aMissingAgentYamlIsOneLine() {
        assertFails(Cli.run("agent", "serve", "--config", tmp.resolve("nope.yaml").toString()), 3,
                "nope.yaml: no such file");
    }

    @Test
    void anAgentSubmitWithoutItsKeyIsOneLineAndSendsNothing() {
        // The tests run without PAYCLI_AGENT_SECRET; the agent URL would refuse a connection anyway.
        assertFails(Cli.run("agent", "submit", "--agent", "http://127.0.0.1:9", "--key-id", "ci", "-f",
                yaml.getParent().toString(), "-e", "beta", "-t", "1.0.0"), 3, "PAYCLI_AGENT_SECRET");
    }

    @Test
    void anAgentCopyIntoADatabaseThatHoldsRecordsIsOneLineAndWritesNothing() throws IOException {
        Path agent = tmp.resolve("agent.yaml");
        Files.writeString(agent, "dataDir: data\ndatabase: jdbc:sqlite:" + tmp.resolve("from.db") + "\n"
                + "clients: [{id: ci, secretEnv: CI_KEY, allow: [{apps: [web], envs: [beta]}]}]\n");
        String target = "jdbc:sqlite:" + tmp.resolve("to.db");
        try (Database to = Database.open(target)) {
            new AuditStore(to).append(new AuditEntry(Instant.now(), "ci", "10.0.0.1", "GET", "/api/v1/releases",
                    null, null, null, AuditEntry.ACCEPTED, null));
        }

        assertFails(Cli.run("agent", "copy-db", "--config", agent.toString(), "--to", target), 3,
                target + " already holds jobs or audit entries: copy into an empty database");
        assertFails(Cli.run("agent", "copy-db", "--config", agent.toString(), "--to", "jdbc:postgresql://db/x",
                "--to-password-env", "PAYCLI_TEST_NOT_SET"), 3,
                "--to-password-env: the environment variable PAYCLI_TEST_NOT_SET is not set");
    }

    @Test
    void misspelledTopLevelKey() {
        Examples.replaceIn(yaml, "image:", "imgae:");
        assertFails(render(), 3, "paycli.yaml:5:", "imgae: unknown key (did you mean 'image'?)");
    }

    @Test
    void misspelledEnvironmentKey() {
        Examples.replaceIn(yaml, "    namespace: promotion-beta", "    namespce: promotion-beta");
        assertFails(render(), 3, "paycli.yaml:16:", "environments.beta.namespce: unknown key (did you mean 'namespace'?)");
    }

    @Test
    void misspelledValuesKey() {
        Examples.replaceIn(yaml, "  resources:", "  resorces:");
        assertFails(render(), 3, "paycli.yaml:8:", "values.resorces: unknown key (did you mean 'resources'?)");
    }

    @Test
    void wrongValueType() {
        Examples.replaceIn(yaml, "{replicas: 1,", "{replicas: two,");
        assertFails(render(), 3, "paycli.yaml:17:", "environments.beta.values.replicas: expected integer, got string \"two\"");
    }

    @Test
    void wrongTypeInFileStructure() {
        Examples.replaceIn(yaml, "app: campaign-web", "app: 42");
        assertFails(render(), 3, "paycli.yaml:2:", "app: expected string, got integer 42");
    }

    @Test
    void invalidAppName() {
        Examples.replaceIn(yaml, "app: campaign-web", "app: Campaign_Web");
        assertFails(render(), 3, "paycli.yaml:2:", "'Campaign_Web' is not a valid name", "DNS-1123");
    }

    @Test
    void unknownTemplate() {
        Examples.replaceIn(yaml, "template: web", "template: wbe");
        assertFails(render(), 3, "paycli.yaml:4:", "'wbe'", "did you mean 'web'?");
    }

    @Test
    void unknownEnvironment() {
        Cli.Result r = Cli.run("render", "-f", app.toString(), "-e", "relase", "-t", "1.0.0");
        assertFails(r, 3, "unknown environment 'relase' (did you mean 'release'?)", "beta, release");
    }

    @Test
    void yamlSyntaxErrorWithItsLine() {
        Examples.replaceIn(yaml, "  port: 8080", "  port: [8080");
        assertFails(render(), 3, "paycli.yaml:", "YAML syntax error");
        Examples.replaceIn(yaml, "  port: [8080", "  port: 8080\n   bad: indent");
        assertFails(render(), 3, "paycli.yaml:8:", "YAML syntax error");
    }

    @Test
    void duplicateKey() {
        Examples.replaceIn(yaml, "team: promotion", "team: promotion\nteam: points");
        assertFails(render(), 3, "paycli.yaml:4:", "team: duplicate key (first written on line 3)");
    }

    @Test
    void missingRequiredKey() {
        Examples.replaceIn(yaml, "image: registry.example.com/pay/campaign-web\n", "");
        assertFails(render(), 3, "image: is required but missing");
    }

    @Test
    void missingConfigPath() {
        Examples.replaceIn(yaml, "config: {files: [config/beta]}", "config: {files: [config/missing]}");
        assertFails(render(), 3, "paycli.yaml:18:", "environments.beta.config.files: config/missing does not exist");
    }

    @Test
    void twoConfigFilesWithTheSameNameInOneLayer() throws IOException {
        Files.createDirectories(app.resolve("config/extra"));
        Files.writeString(app.resolve("config/extra/application.yaml"), "x: 1\n");
        Examples.replaceIn(yaml, "files: [config/common]", "files: [config/common, config/extra]");
        assertFails(render(), 3, "two files named 'application.yaml'");
    }

    @Test
    void configMapOverOneMebibyte() throws IOException {
        Files.writeString(app.resolve("config/common/big.txt"), "x".repeat(1_100_000));
        assertFails(validate(), 3, "ConfigMap/campaign-web-config-",
                "bytes, over the limit of 1,048,576 bytes (1 MiB)");
    }

    @Test
    void binaryConfigFileCountsItsRawBytes() throws IOException {
        // 0xFF is never UTF-8, so the file goes into binaryData, base64-encoded a third larger.
        byte[] fits = new byte[900_000];
        Arrays.fill(fits, (byte) 0xFF);
        Files.write(app.resolve("config/common/blob.bin"), fits);
        Cli.Result ok = validate();
        assertThat(ok.exit()).as(ok.toString()).isZero();

        Files.write(app.resolve("config/common/blob.bin"), Arrays.copyOf(fits, 1_100_000));
        assertFails(validate(), 3, "ConfigMap/campaign-web-config-", "over the limit of 1,048,576 bytes (1 MiB)");
    }

    @Test
    void invalidTag() {
        assertFails(Cli.run("render", "-f", app.toString(), "-e", "beta", "-t", "bad tag!"), 3, "invalid tag 'bad tag!'");
        assertFails(Cli.run("render", "-f", app.toString(), "-e", "beta", "-t", "-rc1"), 3, "invalid tag '-rc1'");
    }

    @Test
    void missingTag() {
        assertFails(Cli.run("render", "-f", app.toString(), "-e", "beta"), 3, "no image tag: pass --tag");
    }

    @Test
    void setOfTheWrongType() {
        assertFails(render("--set", "replicas=many"), 3, "--set replicas=many: replicas: expected integer, got string \"many\"");
    }

    @Test
    void setWithoutValue() {
        assertFails(render("--set", "replicas"), 3, "--set 'replicas': expected key.path=value");
    }

    @Test
    void setOfAnUnknownKey() {
        assertFails(render("--set", "replcas=2"), 3, "--set replcas=2: replcas: unknown key (did you mean 'replicas'?)");
    }

    @Test
    void invalidStrategy() {
        Examples.replaceIn(yaml, "    context: prod-tw", "    context: prod-tw\n    strategy: canary");
        assertFails(render(), 3, "environments.release.strategy: must be one of: rolling, blue-green");
    }

    @Test
    void ingressEnabledWithoutHostNamesTheUsersKey() {
        Examples.replaceIn(yaml, "ingress: {enabled: true, host: campaign.beta.example.com}", "ingress: {enabled: true}");
        assertFails(render(), 3,
                "error: " + yaml + ":17: environments.beta.values.ingress.host: required when ingress.enabled is true");
    }

    @Test
    void ingressEnabledFromASetWithoutHostNamesTheSet() {
        Examples.replaceIn(yaml, "ingress: {enabled: true, host: campaign.beta.example.com}", "ingress: {enabled: false}");
        assertFails(render("--set", "ingress.enabled=true"), 3,
                "error: --set ingress.enabled=true: ingress.host: required when ingress.enabled is true");
    }

    @Test
    void aMemoryQuantityErrorSaysWhatAQuantityLooksLike() {
        assertFails(render("--set", "resources.limits.memory=1GB"), 3, "error: --set resources.limits.memory=1GB:"
                + " resources.limits.memory: \"1GB\" is not a Kubernetes quantity; use a number with a suffix such as"
                + " 512Mi, 1Gi or 1G");
        assertThat(render("--set", "resources.requests.cpu=lots").err()).contains("resources.requests.cpu: \"lots\""
                + " is not a CPU quantity; use cores such as 0.5 or 2, or millicores such as 250m").doesNotContain("^");
    }

    @Test
    void everyPatternOfTheBuiltInSchemasIsDescribedWithoutARegex() {
        for (String set : List.of("configMountPath=config", "ingress.host=Shop_Example", "ingress.path=shop",
                "secretRefs=[Bad_Name]", "serviceAccountName=Bad_Name", "probes.readiness.path=healthz",
                "env={1A: x}")) {
            Cli.Result r = render("--set", set);
            assertThat(r.exit()).as(r.toString()).isEqualTo(3);
            assertThat(r.err()).as(r.toString()).doesNotContain("^", "pattern", "regex");
        }
    }

    @Test
    void everyValuesErrorIsListedOnItsOwnLineWithACount() {
        Examples.replaceIn(yaml, "ingress: {enabled: true, host: campaign.beta.example.com}", "ingress: {enabled: true}");
        Cli.Result r = render("--set", "replicas=many", "--set", "resources.limits.memory=1GB", "--set", "replcas=2");

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err().lines().toList()).as(r.toString()).containsExactly(
                "error: --set replcas=2: replcas: unknown key (did you mean 'replicas'?)",
                "error: " + yaml + ":17: environments.beta.values.ingress.host: required when ingress.enabled is true",
                "error: --set replicas=many: replicas: expected integer, got string \"many\"",
                "error: --set resources.limits.memory=1GB: resources.limits.memory: \"1GB\" is not a Kubernetes"
                        + " quantity; use a number with a suffix such as 512Mi, 1Gi or 1G",
                "4 errors");
    }

    @Test
    void everyErrorOfPaycliYamlIsListedOnItsOwnLine() {
        Examples.replaceIn(yaml, "team: promotion", "team: [promotion]");
        Examples.replaceIn(yaml, "image:", "imgae:");
        Examples.replaceIn(yaml, "    namespace: promotion-beta", "    namespce: promotion-beta");
        Cli.Result r = validate();

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        // The misspellings explain the missing image and namespace, which are not reported again.
        assertThat(r.err().lines().toList()).as(r.toString()).containsExactly(
                "error: " + yaml + ":16: environments.beta.namespce: unknown key (did you mean 'namespace'?)",
                "error: " + yaml + ":5: imgae: unknown key (did you mean 'image'?)",
                "error: " + yaml + ":3: team: expected string, got array",
                "3 errors");
    }

    @Test
    void blueGreenSettingsOnARollingEnvironmentAreRefusedAtTheirLine() {
        Examples.replaceIn(yaml, "    namespace: promotion\n",
                "    namespace: promotion\n    blueGreen: {autoPromote: false, scaleDownDelay: 5m}\n");
        assertFails(Cli.run("render", "-f", app.toString(), "-e", "release", "-t", "1.0.0"), 3,
                "error: " + yaml + ":22: environments.release.blueGreen: only used with strategy: blue-green; set"
                        + " that, or remove blueGreen");
    }

    @Test
    void blueGreenForAWorkerWithoutAServiceIsRefusedAtTheStrategyLine() {
        Path worker = Examples.copy("worker", tmp.resolve("worker"));
        Path workerYaml = worker.resolve("paycli.yaml");
        Examples.replaceIn(workerYaml, "    namespace: points-beta\n", "    namespace: points-beta\n    strategy: blue-green\n");
        assertFails(Cli.run("render", "-f", worker.toString(), "-e", "beta", "-t", "1.0.0"), 3,
                "error: " + workerYaml + ":19: environments.beta.strategy: strategy blue-green needs a Service named"
                        + " points-worker in the render, and template worker renders none here: use strategy rolling");
    }

    @Test
    void aScaleDownDelayThatIsNotADurationIsRefusedAtItsLine() {
        Examples.replaceIn(yaml, "    namespace: promotion\n", "    namespace: promotion\n    strategy: blue-green\n"
                + "    blueGreen:\n      scaleDownDelay: 10 minutes\n");
        assertFails(Cli.run("render", "-f", app.toString(), "-e", "release", "-t", "1.0.0"), 3,
                "error: " + yaml + ":24: environments.release.blueGreen.scaleDownDelay: \"10 minutes\" is not a"
                        + " duration; use one such as 10m, 90s or 1h30m");
    }

    @Test
    void aSmokeCheckWithoutACommandIsRefusedAtItsLine() {
        Examples.replaceIn(yaml, "    namespace: promotion\n", "    namespace: promotion\n    strategy: blue-green\n"
                + "    blueGreen:\n      smoke: {image: curlimages/curl:8.11.1, timeout: 1m}\n");
        assertFails(Cli.run("render", "-f", app.toString(), "-e", "release", "-t", "1.0.0"), 3,
                "error: " + yaml + ":24: environments.release.blueGreen.smoke.command: is required but missing");
    }

    @Test
    void aBlueGreenEnvironmentRendersTheTemplateAsItIs() {
        Examples.replaceIn(yaml, "    namespace: promotion\n", "    namespace: promotion\n    strategy: blue-green\n"
                + "    blueGreen:\n      autoPromote: false\n      scaleDownDelay: 1h30m\n"
                + "      smoke: {image: curlimages/curl:8.11.1, timeout: 90s,\n"
                + "              command: [sh, -c, 'curl -fsS $PREVIEW_URL/health']}\n");
        Cli.Result r = Cli.run("render", "-f", app.toString(), "-e", "release", "-t", "1.0.0");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("kind: Deployment\n", "  name: campaign-web\n").doesNotContain("colour");
    }

    @Test
    void notifyTargetsAreAccepted() {
        Examples.replaceIn(yaml, "environments:\n", "notify:\n  - {type: slack, urlEnv: SLACK_WEBHOOK_URL}\n"
                + "  - {type: email, to: [ops@example.com], smtpHost: smtp.example.com, on: [failed]}\n"
                + "environments:\n");
        Cli.Result r = render();
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    @Test
    void aWebTargetWithoutAnEndpointIsRefusedAtItsLine() {
        Examples.replaceIn(yaml, "environments:\n", "notify:\n  - {type: teams, on: [failed]}\nenvironments:\n");
        assertFails(render(), 3, "paycli.yaml:14: notify[0]: url or urlEnv is required: the endpoint, or the"
                + " environment variable holding it when it is a secret");
    }

    @Test
    void anEmailTargetWithoutRecipientsIsRefusedAtItsLine() {
        Examples.replaceIn(yaml, "environments:\n", "notify:\n  - {type: email, smtpHost: smtp.example.com}\n"
                + "environments:\n");
        assertFails(render(), 3, "paycli.yaml:14: notify[0].to: required when notify[0].type is email");
    }

    @Test
    void hpaMinAboveMaxInPaycliYaml() {
        Examples.replaceIn(yaml, "hpa: {enabled: true, min: 2, max: 6,", "hpa: {enabled: true, min: 8, max: 6,");
        String both = "paycli.yaml:23: environments.release.values.hpa.min: 8 is more than hpa.max 6 (set at ";
        assertFails(Cli.run("render", "-f", app.toString(), "-e", "release", "-t", "1.0.0"), 3, both,
                "paycli.yaml:23: environments.release.values.hpa.max); an autoscaler's min must not exceed its max");
        assertFails(Cli.run("validate", "-f", app.toString(), "-e", "release", "-t", "1.0.0"), 3, both);
    }

    @Test
    void hpaMaxBelowMinFromASetIsRefusedBeforeAnyCluster() {
        String message = "--set hpa.max=1: hpa.max: 1 is less than hpa.min 2 (set at ";
        assertFails(Cli.run("render", "-f", app.toString(), "-e", "release", "-t", "1.0.0", "--set", "hpa.max=1"),
                3, message, "paycli.yaml:23: environments.release.values.hpa.min)");
        // The kubeconfig does not exist: the invalid values must be reported first, with exit 3.
        Cli.Result deploy = Cli.run("deploy", "-f", app.toString(), "-e", "release", "-t", "1.0.0",
                "--set", "hpa.max=1", "--kubeconfig", tmp.resolve("none").toString());
        assertThat(deploy.exit()).as(deploy.toString()).isEqualTo(3);
        assertThat(deploy.err()).as(deploy.toString()).doesNotContain("\tat ").contains("error: " + message);
    }

    @Test
    void invalidNamespace() {
        Examples.replaceIn(yaml, "namespace: promotion-beta", "namespace: Promotion_Beta");
        assertFails(render(), 3, "paycli.yaml:16:", "'Promotion_Beta' is not a valid namespace");
    }

    @Test
    void noEnvironmentChosen() {
        assertFails(Cli.run("render", "-f", app.toString(), "-t", "1.0.0"), 3, "choose an environment with -e: beta, release");
    }

    @Test
    void noPaycliYaml() {
        assertFails(Cli.run("render", "-f", tmp.toString(), "-e", "beta", "-t", "1"), 3, "no paycli.yaml in " + tmp);
    }

    @Test
    void undefinedTemplateVariable() throws IOException {
        Path catalog = userCatalogWithWebChangedTo("{{ values.nope }}");
        assertFails(render("--catalog", catalog.toString()), 3, "web/deployment.yaml.peb", "nope");
    }

    @Test
    void unknownFieldInARenderedTemplate() throws IOException {
        Path catalog = userCatalogWithWebChangedTo("replicaz: 2");
        assertFails(validate("--catalog", catalog.toString()), 3, "Deployment/campaign-web: spec.replicaz: unknown field");
    }

    @Test
    void selectorThatDoesNotMatchTheTemplateLabels() throws IOException {
        Path catalog = userCatalogWithWeb("deployment.yaml.peb", text -> text.replace(
                "matchLabels: {{ selectorLabels | json }}", "matchLabels: {app: campaign}"));
        assertFails(validate("--catalog", catalog.toString()), 3,
                "Deployment/campaign-web: spec.template.metadata.labels: selector does not match template labels:"
                        + " the selector needs app=campaign, the labels have no app");
    }

    @Test
    void autoscalerOfAUserTemplateWithMinAboveMax() throws IOException {
        Path catalog = userCatalogWithWeb("hpa.yaml.peb", text -> text.replace(
                "minReplicas: {{ values.hpa.min | json }}", "minReplicas: 9"));
        assertFails(Cli.run("validate", "-f", app.toString(), "-e", "release", "-t", "1.0.0",
                "--catalog", catalog.toString()), 3,
                "HorizontalPodAutoscaler/campaign-web: spec.maxReplicas: 6 is less than spec.minReplicas 9");
    }

    @Test
    void unreachableGitCatalogWithNoCache() {
        String url = tmp.resolve("no-such-repo.git").toUri() + "#v1";
        assertFails(render("--catalog", url), 3, "no-such-repo.git", "unreachable");
    }

    @Test
    void missingCatalogDirectory() {
        assertFails(render("--catalog", tmp.resolve("nowhere").toString()), 3, "nowhere");
    }

    @Test
    void latestTagIsAnErrorUnderStrict() {
        Cli.Result r = Cli.run("validate", "-f", app.toString(), "-e", "beta", "-t", "latest", "--strict");
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        // Each finding once, on stdout; stderr says only that validation failed.
        assertThat(r.out()).contains("error: ", "latest", "1 error, ").doesNotContain("1 errors");
        assertThat(r.err().lines().toList()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("error: ").contains("1 error", "listed above").doesNotContain("latest"));
        Cli.Result lax = Cli.run("validate", "-f", app.toString(), "-e", "beta", "-t", "latest");
        assertThat(lax.exit()).as(lax.toString()).isZero();
        assertThat(lax.out()).contains("warning: ").contains("latest");
    }

    @Test
    void configmapFromAMissingFile() {
        assertFails(Cli.run("configmap", "x", "--from-file", tmp.resolve("gone.txt").toString()), 3, "gone.txt does not exist");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli.Result r = Cli.run("render", "--colour");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--colour'").doesNotContain("Exception");
    }

    @Test
    void aBadTimeoutIsAUsageError() {
        Cli.Result r = Cli.run("deploy", "-f", app.toString(), "-e", "beta", "-t", "1", "--timeout", "5 minutes");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("'5 minutes' is not a duration (try 90s, 5m or 1h30m)");
    }

    @Test
    void deployValidatesBeforeTouchingAnyCluster() {
        Examples.replaceIn(yaml, "template: web", "template: wbe");
        // The kubeconfig does not exist: the invalid input must be reported first, with exit 3.
        Cli.Result r = Cli.run("deploy", "-f", app.toString(), "-e", "beta", "-t", "1",
                "--kubeconfig", tmp.resolve("none").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("did you mean 'web'?");
    }

    @Test
    void verboseShowsTheStackTrace() {
        Examples.replaceIn(yaml, "template: web", "template: wbe");
        Cli.Result r = render("--verbose");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("InvalidInputException").contains("\tat ");
    }

    /** A user catalog holding a copy of the built-in web type with one line added to its Deployment. */
    private Path userCatalogWithWebChangedTo(String line) throws IOException {
        return userCatalogWithWeb("deployment.yaml.peb",
                text -> text.replaceFirst("spec:\n", "spec:\n  " + line + "\n"));
    }

    /** A user catalog holding a copy of the built-in web type with one of its templates changed. */
    private Path userCatalogWithWeb(String template, UnaryOperator<String> change) throws IOException {
        Path catalog = tmp.resolve("catalog");
        Cli.Result shown = Cli.run("templates", "show", "web", "-o", "json");
        assertThat(shown.exit()).isZero();
        Path web = catalog.resolve("web");
        Files.createDirectories(web);
        for (String file : new String[] {"template.yaml", "values.yaml", "values.schema.json",
            "deployment.yaml.peb", "service.yaml.peb", "ingress.yaml.peb", "hpa.yaml.peb"}) {
            try (var in = getClass().getResourceAsStream("/catalog/web/" + file)) {
                if (in != null) {
                    Files.write(web.resolve(file), in.readAllBytes());
                }
            }
        }
        Path changedFile = web.resolve(template);
        String text = Files.readString(changedFile);
        String changed = change.apply(text);
        assertThat(changed).as("the change applies").isNotEqualTo(text);
        Files.writeString(changedFile, changed);
        return catalog;
    }
}
