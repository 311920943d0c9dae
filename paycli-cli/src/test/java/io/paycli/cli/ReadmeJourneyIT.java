package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's journey through every command of the README, as processes on the shipped jar: {@code bin/paycli
 * sandbox} in the background with HOME in a temp dir, {@code KUBECONFIG=$HOME/.paycli/sandbox.kubeconfig}, an app
 * made by {@code init} in its own directory, a template catalog in a git repository pinned to a tag, and no
 * {@code --context} anywhere. kubectl judges what landed. The chapters run in order on one sandbox, each going on
 * from the state the one before left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadmeJourneyIT {
    private static final String NS = "shop-beta";
    private static final String IMAGE = "registry.example.com/shop";

    Path home;
    Processes processes;
    SandboxProcess sandbox;
    Path shop;
    Path catalog;

    @BeforeAll
    void startTheSandbox(@TempDir Path dir) throws Exception {
        home = dir;
        processes = new Processes(home);
        // A progress deadline longer than any wait here, so that only paycli decides when a rollout has failed.
        sandbox = SandboxProcess.start(processes, home, "--port", "0", "--progress-deadline", "10m");
        assertThat(sandbox.banner()).contains("not a real cluster",
                "kubeconfig: " + sandbox.kubeconfig() + " (context paycli-sandbox)");
        processes.env("KUBECONFIG", sandbox.kubeconfig().toString());
        shop = Files.createDirectories(home.resolve("shop"));
        processes.in(shop);
    }

    @AfterAll
    void stopTheSandbox() throws Exception {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    @Order(1)
    void initScaffoldsAnAppWithoutAContextAndSaysWhatItWrote() throws Exception {
        Processes.Run init = ok(processes.paycli("init", "--type", "web", "--app", "shop"));

        assertThat(init.out()).contains("wrote ./paycli.yaml", "wrote ./config/common/application.yaml",
                "wrote ./config/beta/application-env.yaml");
        assertThat(Files.readString(shop.resolve("paycli.yaml"))).contains("app: shop", "namespace: shop-beta")
                .doesNotContain("context:");
    }

    @Test
    @Order(2)
    void templatesComeFromAGitCatalogPinnedToATag() throws Exception {
        String commit = commitCatalog();
        String url = "file://" + catalog + "#v1";

        Processes.Run list = ok(processes.paycli("templates", "list", "--catalog", url));
        assertThat(list.out().lines().filter(l -> l.startsWith("web "))).singleElement().asString()
                .contains("from the platform repository");
        Processes.Run show = ok(processes.paycli("templates", "show", "web", "--catalog", url));
        assertThat(show.out()).contains("catalog: " + url + " (" + commit + ")", "hpa.min", "ingress.host");

        // From here on the catalog comes from the environment, as a platform team sets it up.
        processes.env("PAYCLI_CATALOG", url);
        Processes.Run render = ok(processes.paycli("render", "-e", "beta", "-t", "1.0.0"));
        assertThat(render.out()).contains("paycli.io/catalog-commit: " + commit, "image: " + IMAGE + ":1.0.0");
    }

    @Test
    @Order(3)
    void renderToADirectoryValidateAndConfigmapSayWhatTheyProduce() throws Exception {
        Processes.Run render = ok(processes.paycli("render", "-e", "beta", "-t", "1.0.0", "--output-dir", "out"));
        List<String> written = render.out().lines().toList();
        assertThat(written).hasSize(4).allSatisfy(f -> assertThat(shop.resolve(f)).exists());
        assertThat(written.get(2)).isEqualTo("out/03-deployment-shop.yaml");

        Processes.Run validate = ok(processes.paycli("validate", "-e", "beta", "-t", "1.0.0"));
        assertThat(validate.out()).contains("4 documents: 0 errors, 0 warnings");
        Processes.Run warned = ok(processes.paycli("validate", "-e", "beta", "-t", "latest"));
        assertThat(warned.out()).contains("uses the :latest tag", "0 errors, 1 warning");

        Processes.Run configmap = ok(processes.paycli("configmap", "shop-settings", "--from-file", "config/common",
                "--from-literal", "LOG_FORMAT=json", "-n", "default", "--hash"));
        Path file = Files.writeString(home.resolve("configmap.yaml"), configmap.out());
        String applied = sandbox.kubectlOut("apply", "--server-side", "-f", file.toString());
        assertThat(applied).containsPattern("configmap/shop-settings-[0-9a-f]{10} serverside-applied");
    }

    @Test
    @Order(4)
    void diffBeforeTheFirstDeployShowsEverythingAsNew() throws Exception {
        Processes.Run diff = processes.paycli("diff", "-e", "beta", "-t", "1.0.0", "--exit-code");

        assertThat(diff.exit()).as(diff.toString()).isEqualTo(7);
        assertThat(diff.out()).contains("Deployment shop-beta/shop", "Service shop-beta/shop",
                "Ingress shop-beta/shop", "ConfigMap shop-beta/shop-config-");
        assertNamesTheContext(diff);
    }

    @Test
    @Order(5)
    void theFirstDeployNeedsNoContextAndSaysWhatItApplied() throws Exception {
        Processes.Run deploy = ok(processes.paycli("deploy", "-e", "beta", "-t", "1.0.0", "--create-namespace"));

        assertThat(deploy.err().lines().findFirst().orElse("")).contains("context paycli-sandbox");
        assertThat(deploy.err()).contains("Deployment shop-beta/shop applied", "Service shop-beta/shop applied",
                "Ingress shop-beta/shop applied", "rolled out, 1 of 1 replicas available",
                "record done: revision 1 succeeded");
        assertThat(deploy.out()).startsWith("shop 1.0.0 deployed to beta (shop-beta) as revision 1");
        assertThat(image()).isEqualTo(IMAGE + ":1.0.0");
        assertThat(sandbox.kubectlOut("get", "service,ingress,secret,configmap", "-n", NS, "-o", "name"))
                .contains("service/shop", "ingress.networking.k8s.io/shop", "secret/paycli-release.shop.beta.v1",
                        "configmap/shop-config-");
        assertThat(sandbox.kubectlOut("get", "leases", "-n", NS, "-o", "name")).as("lock released").isEmpty();
    }

    @Test
    @Order(6)
    void kubectlSeesTheSandboxAsItSeesARealServer() throws Exception {
        String label = sandbox.kubectlOut("get", "namespace", NS, "-o",
                "jsonpath={.metadata.labels.kubernetes\\.io/metadata\\.name}");
        List<String> table = sandbox.kubectlOut("get", "deployment", "shop", "-n", NS).lines().toList();
        Processes.Run replicaSets = sandbox.kubectl("get", "replicasets", "-n", NS, "-o", "name");
        Processes.Run rollouts = sandbox.kubectl("rollout", "history", "deployment/shop", "-n", NS);

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(label).as("namespace label kubernetes.io/metadata.name").isEqualTo(NS);
            soft.assertThat(table.get(0).split("\\s+")).as(String.join("\n", table))
                    .containsExactly("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
            soft.assertThat(table.get(table.size() - 1).split("\\s+")).as(String.join("\n", table))
                    .startsWith("shop", "1/1", "1", "1");
            soft.assertThat(replicaSets.out()).as(replicaSets.toString()).contains("replicaset.apps/shop-");
            soft.assertThat(rollouts.exit()).as(rollouts.toString()).isZero();
            soft.assertThat(rollouts.out()).as(rollouts.toString()).contains("REVISION");
        });
    }

    @Test
    @Order(7)
    void statusHistoryAndDiffDescribeTheReleaseInPlace() throws Exception {
        Processes.Run status = ok(processes.paycli("status", "-e", "beta"));
        assertThat(status.out()).contains("revision 1, 1.0.0", "healthy", "Deployment shop-beta/shop");

        Processes.Run history = ok(processes.paycli("history", "-e", "beta"));
        assertThat(rows(history)).hasSize(1);
        assertThat(history.out()).contains("succeeded", "deployed 1.0.0");

        Processes.Run diff = ok(processes.paycli("diff", "-e", "beta", "-t", "1.0.0", "--exit-code"));
        assertThat(diff.out() + diff.err()).contains("no changes");

        SoftAssertions.assertSoftly(soft -> {
            for (Processes.Run run : List.of(status, history, diff)) {
                soft.assertThat(firstLines(run)).as(run.toString())
                        .anySatisfy(l -> assertThat(l).contains("context paycli-sandbox"));
            }
        });
    }

    @Test
    @Order(8)
    void driftFromKubectlIsShownRepairedAsANewRevisionAndThenTheDeployIsUnchanged() throws Exception {
        sandbox.kubectlOut("scale", "deployment/shop", "-n", NS, "--replicas=3");
        sandbox.kubectlOut("set", "image", "deployment/shop", "-n", NS, "shop=" + IMAGE + ":hacked");

        Processes.Run diff = processes.paycli("diff", "-e", "beta", "-t", "1.0.0", "--exit-code");
        assertThat(diff.exit()).as(diff.toString()).isEqualTo(7);
        assertThat(diff.out()).contains("-  replicas: 3", "+  replicas: 1", "-      - image: " + IMAGE + ":hacked");

        Processes.Run repair = ok(processes.paycli("deploy", "-e", "beta", "-t", "1.0.0"));
        assertThat(repair.out()).contains("as revision 2");
        assertThat(repair.err()).contains("warning: Deployment shop-beta/shop has drifted from revision 1; putting"
                + " revision 1 back as revision 2", "rolled out", "record done: revision 2 succeeded");
        assertThat(image()).isEqualTo(IMAGE + ":1.0.0");
        assertThat(deployment("{.spec.replicas}")).isEqualTo("1");
        assertThat(processes.paycli("history", "-e", "beta").out())
                .contains("repaired drift in Deployment shop-beta/shop (as in revision 1)");

        Processes.Run again = ok(processes.paycli("deploy", "-e", "beta", "-t", "1.0.0"));
        assertThat(again.out()).contains("unchanged (revision 2)");
        assertThat(again.err()).doesNotContain("record: revision 3");
        assertThat(rows(processes.paycli("history", "-e", "beta"))).hasSize(2);
    }

    @Test
    @Order(9)
    void aConfigChangeIsANewRevisionWithItsOwnConfigMap() throws Exception {
        List<String> before = configMaps();
        appendToBetaConfig("greeting: hello\n");

        Processes.Run deploy = ok(processes.paycli("deploy", "-e", "beta", "-t", "1.1.0"));

        assertThat(deploy.out()).contains("shop 1.1.0 deployed to beta (shop-beta) as revision 3");
        assertThat(before).hasSize(1);
        assertThat(configMaps()).hasSize(2).containsAll(before);
        assertThat(image()).isEqualTo(IMAGE + ":1.1.0");
    }

    @Test
    @Order(10)
    void aReleaseWhosePodsCrashIsRolledBackAutomaticallyAndJsonSaysSo() throws Exception {
        List<String> kept = configMaps();
        appendToBetaConfig("broken: true\n");

        Processes.Run failed = processes.paycli("deploy", "-e", "beta", "-t", "2.0.0-fail", "-o", "json");

        assertThat(failed.exit()).as(failed.toString()).isEqualTo(5);
        assertThat(failed.out()).contains("\"revision\" : 4", "\"result\" : \"rolled_back\"", "\"exitCode\" : 5",
                "CrashLoopBackOff");
        assertThat(failed.err().lines().filter(l -> l.startsWith("error:"))).singleElement().asString()
                .contains("rolled back to revision 3 (1.1.0)");
        assertThat(image()).isEqualTo(IMAGE + ":1.1.0");
        assertThat(configMaps()).as("the ConfigMaps of revisions 1 to 3 stay, the failed one's goes")
                .isEqualTo(kept);
        restoreBetaConfig("broken: true\n");
    }

    @Test
    @Order(11)
    void rollbackPutsEarlierRevisionsBackAndKeepsTheirConfigMaps() throws Exception {
        List<String> kept = configMaps();

        Processes.Run first = ok(processes.paycli("rollback", "-e", "beta", "--to-revision", "1"));
        assertThat(first.err()).contains("rollback: to revision 1 (1.0.0)", "record done: revision 5 succeeded");
        assertThat(image()).isEqualTo(IMAGE + ":1.0.0");
        assertThat(configMaps()).isEqualTo(kept);

        Processes.Run previous = ok(processes.paycli("rollback", "-e", "beta"));
        assertThat(previous.err()).contains("rollback: to revision 3 (1.1.0)", "record done: revision 6 succeeded");
        assertThat(image()).isEqualTo(IMAGE + ":1.1.0");
        assertThat(configMaps()).isEqualTo(kept);
    }

    @Test
    @Order(12)
    void aFailureLeftInPlaceIsNotHealthyAndTheNextDeployIsANewRevision() throws Exception {
        Processes.Run failed = processes.paycli("deploy", "-e", "beta", "-t", "2.0.0-fail", "--no-rollback");
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(5);
        assertThat(failed.err()).contains("left as it is (--no-rollback)");

        Processes.Run status = processes.paycli("status", "-e", "beta");
        assertThat(status.exit()).as(status.toString()).isEqualTo(5);
        assertThat(status.out()).contains("NOT healthy");

        Processes.Run good = ok(processes.paycli("deploy", "-e", "beta", "-t", "1.1.0"));
        assertThat(good.out()).contains("as revision 8").doesNotContain("unchanged");
        assertThat(image()).isEqualTo(IMAGE + ":1.1.0");
        assertThat(ok(processes.paycli("status", "-e", "beta")).out()).contains("revision 8, 1.1.0", "healthy");
    }

    @Test
    @Order(13)
    void aWaitThatTimesOutSaysHowLongItWaitedAndIsRolledBack() throws Exception {
        Processes.Run late = processes.paycli("deploy", "-e", "beta", "-t", "4.0.0-fail-pull", "--timeout", "5s",
                "--fail-fast-grace", "10m");

        assertThat(late.exit()).as(late.toString()).isEqualTo(5);
        assertThat(late.err()).contains("rolled back to revision 8 (1.1.0)");
        // The time waited for health, to a tenth of a second; the apply before it took part of the 5 s.
        Matcher waited = Pattern.compile("not healthy after (\\d+\\.\\d) s").matcher(late.err());
        assertThat(waited.find()).as(late.err()).isTrue();
        assertThat(Double.parseDouble(waited.group(1))).isBetween(1.0, 5.5);
        assertThat(image()).isEqualTo(IMAGE + ":1.1.0");
    }

    @Test
    @Order(14)
    void ctrlCDuringTheWaitPutsTheReleaseBackRecordsItAsInterruptedAndReleasesTheLock() throws Exception {
        Process deploy = processes.startForeground("interrupted", "deploy", "-e", "beta", "-t", "5.0.0-fail-pull",
                "--fail-fast-grace", "10m", "--timeout", "10m", "-o", "json");
        try {
            awaitOutput(deploy, "interrupted", "to become healthy");
            assertThat(image()).isEqualTo(IMAGE + ":5.0.0-fail-pull");
            assertThat(sandbox.kubectlOut("get", "leases", "-n", NS, "-o", "name").strip())
                    .isEqualTo("lease.coordination.k8s.io/paycli-lock-shop");
            Processes.Run during = processes.paycli("status", "-e", "beta");
            assertThat(during.out() + during.err()).contains("a deploy is in progress", "pid " + deploy.pid(),
                    "holds the lock");

            new ProcessBuilder("kill", "-INT", String.valueOf(deploy.pid())).start().waitFor();
            assertThat(deploy.waitFor(60, TimeUnit.SECONDS)).as("the deploy stopped within a minute of SIGINT")
                    .isTrue();
        } finally {
            stop(deploy);
        }

        String err = processes.read("interrupted", "err");
        assertThat(deploy.exitValue()).as(err).isEqualTo(5);
        assertThat(err.lines().filter(l -> l.startsWith("error:"))).singleElement().asString()
                .contains("interrupted by SIGINT", "put revision 8 (1.1.0) back", "recorded as interrupted",
                        "lock released");
        assertThat(err).doesNotContain("Exception", "\tat ");
        assertThat(processes.read("interrupted", "out")).contains("\"revision\" : 10",
                "\"result\" : \"interrupted\"", "\"exitCode\" : 5");
        assertThat(image()).isEqualTo(IMAGE + ":1.1.0");
        assertThat(sandbox.kubectlOut("get", "leases", "-n", NS, "-o", "name")).as("lock released").isEmpty();
        Processes.Run history = ok(processes.paycli("history", "-e", "beta"));
        assertThat(rows(history).get(0)).contains("10", "5.0.0-fail-pull", "interrupted");
        // Revision 8 was put back without waiting for it; once it has rolled out, it is healthy again.
        sandbox.kubectlOut("rollout", "status", "deployment/shop", "-n", NS, "--timeout=120s");
        Processes.Run status = ok(processes.paycli("status", "-e", "beta"));
        assertThat(status.out()).contains("revision 8, 1.1.0", "healthy").doesNotContain("holds the lock");
    }

    @Test
    @Order(15)
    void deployShowsPolicyWarningsAndStrictRefusesThemBeforeTouchingTheCluster() throws Exception {
        Processes.Run dryRun = ok(processes.paycli("deploy", "-e", "beta", "-t", "latest", "--dry-run"));
        assertThat(dryRun.err()).contains("uses the :latest tag");

        Processes.Run strict = processes.paycli("deploy", "-e", "beta", "-t", "latest", "--strict");
        assertThat(strict.exit()).as(strict.toString()).isEqualTo(3);
        assertThat(strict.err()).contains("uses the :latest tag").doesNotContain("==> lock");
        assertThat(image()).isEqualTo(IMAGE + ":1.1.0");
    }

    @Test
    @Order(16)
    void rbacPrintsARoleAndBindingThatKubectlApplies() throws Exception {
        Processes.Run rbac = ok(processes.paycli("rbac", "-e", "beta", "--user", "ci"));
        Path file = Files.writeString(home.resolve("rbac.yaml"), rbac.out());

        assertThat(sandbox.kubectlOut("apply", "-f", file.toString())).contains(
                "role.rbac.authorization.k8s.io/paycli-deploy-shop created",
                "rolebinding.rbac.authorization.k8s.io/");
        assertThat(sandbox.kubectlOut("get", "rolebindings", "-n", NS, "-o",
                "jsonpath={.items[*].subjects[*].name}")).isEqualTo("ci");
    }

    @Test
    @Order(17)
    void aBinaryConfigFileOf900000BytesIsDeployedAsKubernetesAcceptsIt() throws Exception {
        byte[] keystore = new byte[900_000];
        new java.util.Random(7).nextBytes(keystore);
        Files.write(shop.resolve("config/beta/keystore.p12"), keystore);

        ok(processes.paycli("validate", "-e", "beta", "-t", "1.2.0"));
        Processes.Run deploy = ok(processes.paycli("deploy", "-e", "beta", "-t", "1.2.0"));

        assertThat(deploy.out()).contains("as revision 11");
        String name = deployment("{.spec.template.spec.volumes[0].configMap.name}");
        String data = sandbox.kubectlOut("get", "configmap", name, "-n", NS, "-o",
                "jsonpath={.binaryData.keystore\\.p12}");
        assertThat(java.util.Base64.getDecoder().decode(data)).isEqualTo(keystore);
    }

    @Test
    @Order(18)
    void losingTheApiServerDuringTheWaitStopsTheDeployWithExitFour() throws Exception {
        Process deploy = processes.start(Processes.JAR, "lost", "deploy", "-e", "beta", "-t", "6.0.0-fail-pull",
                "--fail-fast-grace", "10m", "--timeout", "10m");
        try {
            awaitOutput(deploy, "lost", "to become healthy");
            sandbox.kill();
            assertThat(deploy.waitFor(180, TimeUnit.SECONDS)).as("the deploy stopped within 3 minutes of losing"
                    + " the server; stderr:\n" + processes.read("lost", "err")).isTrue();
        } finally {
            stop(deploy);
        }

        String err = processes.read("lost", "err");
        assertThat(deploy.exitValue()).as(err).isEqualTo(4);
        assertThat(err.lines().filter(l -> l.startsWith("error:"))).singleElement().asString()
                .contains("lost the API server", "may be rolling out", "expires by itself");
        assertThat(err).doesNotContain("Exception", "\tat ");
    }

    // ---- helpers

    private static Processes.Run ok(Processes.Run run) {
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.err()).as(run.toString()).doesNotContain("Exception", "\tat ");
        return run;
    }

    /** A command that talks to the cluster names the context it uses in its first line. */
    private static void assertNamesTheContext(Processes.Run run) {
        assertThat(firstLines(run)).as(run.toString())
                .anySatisfy(l -> assertThat(l).contains("context paycli-sandbox"));
    }

    /** The first line on stderr and the first on stdout, where there are any. */
    private static List<String> firstLines(Processes.Run run) {
        List<String> first = new ArrayList<>();
        run.err().lines().findFirst().ifPresent(first::add);
        run.out().lines().findFirst().ifPresent(first::add);
        return first;
    }

    /** The rows of {@code history}'s table, newest first. */
    private static List<String> rows(Processes.Run history) {
        return history.out().lines().filter(l -> l.matches("\\d+\\s.*")).toList();
    }

    private String image() throws Exception {
        return deployment("{.spec.template.spec.containers[0].image}");
    }

    private String deployment(String jsonpath) throws Exception {
        return sandbox.kubectlOut("get", "deployment", "shop", "-n", NS, "-o", "jsonpath=" + jsonpath);
    }

    /** The names of the app's ConfigMaps in the namespace, sorted. */
    private List<String> configMaps() throws Exception {
        return sandbox.kubectlOut("get", "configmaps", "-n", NS, "-l", "app.kubernetes.io/instance=shop", "-o",
                "name").lines().sorted().toList();
    }

    private void appendToBetaConfig(String text) throws Exception {
        Files.writeString(shop.resolve("config/beta/application-env.yaml"), text,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private void restoreBetaConfig(String appended) throws Exception {
        Path file = shop.resolve("config/beta/application-env.yaml");
        String text = Files.readString(file);
        assertThat(text).endsWith(appended);
        Files.writeString(file, text.substring(0, text.length() - appended.length()));
    }

    /** Ends a deploy that a failed assertion left running as CI would, so that it releases its lock. */
    private static void stop(Process deploy) throws InterruptedException {
        if (deploy.isAlive()) {
            deploy.destroy();
            if (!deploy.waitFor(60, TimeUnit.SECONDS)) {
                deploy.destroyForcibly();
            }
        }
    }

    /** Waits until a started process has written {@code text} to stderr, while it runs. */
    private void awaitOutput(Process process, String name, String text) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!processes.read(name, "err").contains(text) && process.isAlive() && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(process.isAlive()).as("still running; stderr:\n" + processes.read(name, "err")).isTrue();
        assertThat(processes.read(name, "err")).as("within 120 s").contains(text);
    }

    /** The built-in web type with its own description, committed to a new git repository and tagged v1. */
    private String commitCatalog() throws Exception {
        catalog = Files.createDirectories(home.resolve("platform-templates"));
        Path web = Files.createDirectories(catalog.resolve("web"));
        Path builtin = Processes.ROOT.resolve("paycli-core/src/main/resources/catalog/web");
        try (var files = Files.list(builtin)) {
            for (Path file : files.toList()) {
                Files.copy(file, web.resolve(file.getFileName().toString()));
            }
        }
        Path descriptor = web.resolve("template.yaml");
        Files.writeString(descriptor, Files.readString(descriptor).replaceFirst("description: .*",
                "description: Web site, from the platform repository."));
        git("init", "-q", "-b", "main");
        git("add", ".");
        git("commit", "-q", "-m", "web 1.0.0");
        git("tag", "v1");
        return git("rev-parse", "v1^{commit}").strip();
    }

    private String git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Platform Team", "-c",
                "user.email=platform@example.com", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(catalog.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Process git = pb.start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(git.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }
}
