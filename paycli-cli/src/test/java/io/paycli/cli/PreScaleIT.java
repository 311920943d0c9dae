package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * paycli scale, deploys during the override, scale --revert and paycli reconcile through bin/paycli against
 * bin/paycli sandbox, with kubectl as the judge of the HPA's bounds and annotations.
 */
class PreScaleIT {
    private static final String NS = "promotion";
    private static final String ANNOTATIONS = "{.metadata.annotations}";

    @TempDir
    Path home;
    Processes processes;
    SandboxProcess sandbox;

    @BeforeEach
    void start() throws Exception {
        processes = new Processes(home);
        sandbox = SandboxProcess.start(processes, home, "--port", "0");
        processes.env("KUBECONFIG", sandbox.kubeconfig().toString()).env("PAYCLI_USER", "alice");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Processes.Run paycli(String... args) throws Exception {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"-f", "examples/web", "--context", "paycli-sandbox"}, 0, all, args.length, 4);
        return processes.paycli(all);
    }

    private Processes.Run ok(Processes.Run run) {
        assertThat(run.exit()).as(run.toString()).isZero();
        return run;
    }

    private String hpa(String jsonPath) throws Exception {
        return sandbox.kubectlOut("get", "hpa", "campaign-web", "-n", NS, "-o", "jsonpath=" + jsonPath);
    }

    private String bounds() throws Exception {
        return hpa("{.spec.minReplicas} {.spec.maxReplicas}");
    }

    private String replicas() throws Exception {
        return sandbox.kubectlOut("get", "deploy", "campaign-web", "-n", NS, "-o", "jsonpath={.spec.replicas}");
    }

    private void awaitReplicas(String expected) throws Exception {
        for (int i = 0; i < 100 && !replicas().equals(expected); i++) {
            Thread.sleep(100);
        }
        assertThat(replicas()).isEqualTo(expected);
    }

    @Test
    void anOverrideIsKeptByDeploysShownByStatusAndHistoryAndReverted() throws Exception {
        ok(paycli("deploy", "-e", "release", "-t", "1.0.0", "--create-namespace"));
        assertThat(bounds()).isEqualTo("2 6");

        Processes.Run scale = ok(paycli("scale", "-e", "release", "--min", "3", "--max", "10", "--until", "6h",
                "--reason", "year-end campaign"));
        assertThat(scale.out()).startsWith("pre-scaled HPA campaign-web to min 3 max 10 until ")
                .contains(" by alice: year-end campaign (revision 2)");
        assertThat(bounds()).isEqualTo("3 10");
        assertThat(hpa(ANNOTATIONS)).contains("\"paycli.io/prescale-by\":\"alice\"",
                "\"paycli.io/prescale-reason\":\"year-end campaign\"", "\"paycli.io/prescale-previous-min\":\"2\"",
                "\"paycli.io/prescale-previous-max\":\"6\"", "paycli.io/prescale-until", "paycli.io/prescale-at");
        awaitReplicas("3");

        Processes.Run status = ok(paycli("status", "-e", "release"));
        assertThat(status.out()).contains("pre-scale override on HPA campaign-web: min 3 max 10 until ",
                "by alice (year-end campaign)", "before: min 2 max 6");

        for (String tag : new String[] {"1.1.0", "1.2.0"}) {
            Processes.Run deploy = ok(paycli("deploy", "-e", "release", "-t", tag));
            assertThat(deploy.err()).contains("HPA campaign-web keeps the pre-scale override min 3 max 10 until ");
            assertThat(bounds()).isEqualTo("3 10");
        }

        Processes.Run revert = ok(paycli("scale", "-e", "release", "--revert"));
        assertThat(revert.out()).startsWith("reverted the pre-scale of HPA campaign-web (min 3 max 10 until ")
                .contains("by alice; the template's min 2 max 6 apply");
        assertThat(bounds()).isEqualTo("2 6");
        assertThat(hpa(ANNOTATIONS)).doesNotContain("paycli.io/prescale-");
        assertThat(ok(paycli("scale", "-e", "release", "--revert")).out())
                .contains("has no pre-scale override: nothing to revert");

        Processes.Run history = ok(paycli("history", "-e", "release"));
        assertThat(history.out()).contains("pre-scaled HPA campaign-web to min 3 max 10", "reverted the pre-scale");
    }

    @Test
    void anExpiredOverrideIsRevertedByReconcileOnceAndItsDryRunOnlySays() throws Exception {
        ok(paycli("deploy", "-e", "release", "-t", "1.0.0", "--create-namespace"));
        ok(paycli("scale", "-e", "release", "--min", "4", "--max", "8", "--until", "2020-01-01T00:00:00Z",
                "--reason", "last year's campaign"));
        assertThat(bounds()).isEqualTo("4 8");

        Processes.Run dry = ok(processes.paycli("reconcile", "-n", NS, "--dry-run"));
        assertThat(dry.out()).contains("campaign-web (release) in promotion: would revert the expired pre-scale of"
                + " HPA promotion/campaign-web (min 4 max 8 until 2020-01-01T00:00:00Z by alice (last year's"
                + " campaign))");
        assertThat(bounds()).isEqualTo("4 8");

        Processes.Run done = ok(processes.paycli("reconcile", "--all-namespaces"));
        assertThat(done.out()).contains("as it had expired, by paycli reconcile; the template's min 2 max 6 apply");
        assertThat(bounds()).isEqualTo("2 6");
        assertThat(hpa(ANNOTATIONS)).doesNotContain("paycli.io/prescale-");

        assertThat(ok(processes.paycli("reconcile", "-n", NS)).out()).isEqualTo("nothing is due in namespace "
                + NS + "\n");
    }

    @Test
    void reconcileSkipsAnAppWhoseLockADeployHoldsAndStillExitsZero() throws Exception {
        ok(paycli("deploy", "-e", "release", "-t", "1.0.0", "--create-namespace"));
        ok(paycli("scale", "-e", "release", "--min", "4", "--max", "8", "--until", "2020-01-01T00:00:00Z",
                "--reason", "last year's campaign"));
        String now = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC)
                .format(Instant.now());
        Path lease = Files.writeString(home.resolve("lease.yaml"), "apiVersion: coordination.k8s.io/v1\n"
                + "kind: Lease\nmetadata: {name: paycli-lock-campaign-web, namespace: " + NS + "}\n"
                + "spec: {holderIdentity: ci@runner-7 pid 4242, leaseDurationSeconds: 120, acquireTime: '" + now
                + "', renewTime: '" + now + "'}\n");
        sandbox.kubectlOut("create", "-f", lease.toString());

        Processes.Run skipped = ok(processes.paycli("reconcile", "-n", NS));
        assertThat(skipped.out()).isEqualTo("campaign-web (release) in promotion: skipped: a deploy holds the lock"
                + " of campaign-web in promotion (holder ci@runner-7 pid 4242); run again later\n");
        assertThat(bounds()).isEqualTo("4 8");
        assertThat(ok(processes.paycli("reconcile", "-n", NS, "-o", "json")).out())
                .containsPattern("\"skipped\" *: *true");

        sandbox.kubectlOut("delete", "lease", "paycli-lock-campaign-web", "-n", NS);
        assertThat(ok(processes.paycli("reconcile", "-n", NS)).out()).contains("as it had expired, by paycli"
                + " reconcile");
        assertThat(bounds()).isEqualTo("2 6");
    }

    @Test
    void badBoundsAMissingReasonAndAnEnvironmentWithoutAnAutoscalerAreRefused() throws Exception {
        ok(paycli("deploy", "-e", "beta", "-t", "1.0.0", "--create-namespace"));

        Processes.Run noHpa = paycli("scale", "-e", "beta", "--min", "3", "--max", "10", "--reason", "campaign");
        assertThat(noHpa.exit()).as(noHpa.toString()).isEqualTo(3);
        assertThat(noHpa.err()).contains("campaign-web (beta) has no autoscaler", "hpa.enabled: true")
                .doesNotContain("Exception");

        Processes.Run minAboveMax = paycli("scale", "-e", "beta", "--min", "5", "--max", "3", "--reason", "x");
        assertThat(minAboveMax.exit()).as(minAboveMax.toString()).isEqualTo(3);
        assertThat(minAboveMax.err().strip().lines()).singleElement().asString().contains("--min 5 is above --max 3");

        Processes.Run zero = paycli("scale", "-e", "beta", "--min", "0", "--max", "3", "--reason", "x");
        assertThat(zero.exit()).as(zero.toString()).isEqualTo(3);

        Processes.Run noReason = paycli("scale", "-e", "beta", "--min", "3", "--max", "4");
        assertThat(noReason.exit()).as(noReason.toString()).isEqualTo(2);
        assertThat(noReason.err()).startsWith("error: Missing required argument(s): --reason=TEXT;");
    }
}
