package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blue-green releases through bin/paycli against bin/paycli sandbox, with kubectl as the judge of which colour the
 * Service selects, what each colour runs and how many replicas it has.
 */
class BlueGreenIT {
    private static final String NS = "promotion";
    private static final String APP = "campaign-web";

    @TempDir
    Path home;
    Processes processes;
    SandboxProcess sandbox;
    Path app;

    @BeforeEach
    void start() throws Exception {
        processes = new Processes(home);
        sandbox = SandboxProcess.start(processes, home, "--port", "0");
        processes.env("KUBECONFIG", sandbox.kubeconfig().toString()).env("PAYCLI_USER", "alice");
        app = Examples.copy("web", home.resolve("web"));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** The release environment's strategy: null for rolling, else blue-green with this blueGreen block ("" none). */
    private void strategy(String blueGreen) throws Exception {
        Path yaml = app.resolve("paycli.yaml");
        String text = Files.readString(yaml).replaceAll("(?m)^    strategy: .*\\n(    blueGreen: .*\\n)?", "");
        String block = blueGreen == null ? "" : "    strategy: blue-green\n"
                + (blueGreen.isEmpty() ? "" : "    blueGreen: " + blueGreen + "\n");
        Files.writeString(yaml, text.replace("    namespace: promotion\n", "    namespace: promotion\n" + block));
    }

    private Processes.Run paycli(String... args) throws Exception {
        String[] all = new String[args.length + 6];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"-f", app.toString(), "-e", "release", "--context", "paycli-sandbox"}, 0, all,
                args.length, 6);
        return processes.paycli(all);
    }

    private Processes.Run ok(Processes.Run run) {
        assertThat(run.exit()).as(run.toString()).isZero();
        return run;
    }

    private String get(String kind, String name, String jsonPath) throws Exception {
        return sandbox.kubectlOut("get", kind, name, "-n", NS, "-o", "jsonpath=" + jsonPath);
    }

    private String selected() throws Exception {
        return get("service", APP, "{.spec.selector.paycli\\.io/colour}");
    }

    private String image(String colour) throws Exception {
        return get("deployment", APP + "-" + colour, "{.spec.template.spec.containers[0].image}");
    }

    private String replicas(String colour) throws Exception {
        return get("deployment", APP + "-" + colour, "{.spec.replicas}");
    }

    @Test
    void autoPromotionManualPromotionSwitchBackAndAbort() throws Exception {
        strategy("{scaleDownDelay: 10m}");
        ok(paycli("deploy", "-t", "1.0.0", "--create-namespace"));
        assertThat(selected()).isEqualTo("blue");
        assertThat(get("service", APP + "-preview", "{.spec.selector.paycli\\.io/colour}")).isEqualTo("blue");

        Processes.Run second = ok(paycli("deploy", "-t", "1.1.0"));
        assertThat(selected()).isEqualTo("green");
        assertThat(image("green")).endsWith(":1.1.0");
        assertThat(image("blue")).endsWith(":1.0.0");
        assertThat(second.err()).contains("now selects green");
        assertThat(get("hpa", APP, "{.spec.scaleTargetRef.name}")).isEqualTo(APP + "-green");

        strategy("{autoPromote: false, scaleDownDelay: 10m}");
        ok(paycli("deploy", "-t", "1.2.0"));
        assertThat(selected()).isEqualTo("green");
        assertThat(get("service", APP + "-preview", "{.spec.selector.paycli\\.io/colour}")).isEqualTo("blue");
        assertThat(image("blue")).endsWith(":1.2.0");
        assertThat(ok(paycli("status")).out()).contains("colours:");

        ok(paycli("promote"));
        assertThat(selected()).isEqualTo("blue");
        assertThat(get("hpa", APP, "{.spec.scaleTargetRef.name}")).isEqualTo(APP + "-blue");

        String generation = get("deployment", APP + "-green", "{.metadata.generation}");
        Processes.Run back = ok(paycli("rollback"));
        assertThat(selected()).isEqualTo("green");
        assertThat(get("deployment", APP + "-green", "{.metadata.generation}")).as("no rollout").isEqualTo(generation);
        assertThat(back.err() + back.out()).contains("switched back to green (1.1.0");

        ok(paycli("deploy", "-t", "1.3.0"));
        assertThat(image("blue")).endsWith(":1.3.0");
        ok(paycli("abort"));
        assertThat(replicas("blue")).isEqualTo("0");
        assertThat(selected()).isEqualTo("green");

        Processes.Run history = ok(paycli("history"));
        assertThat(history.out()).contains("promoted", "switched back", "aborted");
    }

    @Test
    void aFailingColourAndAFailingSmokeCheckLeaveTrafficWhereItWasAndExitFive() throws Exception {
        strategy("");
        ok(paycli("deploy", "-t", "1.0.0", "--create-namespace"));

        Processes.Run failing = paycli("deploy", "-t", "2.0-fail", "--fail-fast-grace", "3s");
        assertThat(failing.exit()).as(failing.toString()).isEqualTo(5);
        assertThat(failing.err()).contains("traffic stayed on " + APP + "-blue").doesNotContain("Exception");
        assertThat(selected()).isEqualTo("blue");
        assertThat(replicas("green")).isEqualTo("0");

        strategy("{smoke: {image: 'registry.example.com/smoke:fail', command: [sh, -c, 'curl -f $PREVIEW_URL'],"
                + " timeout: 30s}}");
        Processes.Run smoke = paycli("deploy", "-t", "1.1.0");
        assertThat(smoke.exit()).as(smoke.toString()).isEqualTo(5);
        assertThat(smoke.err()).contains("smoke check " + APP + "-smoke-3 failed");
        assertThat(selected()).isEqualTo("blue");
        assertThat(replicas("green")).isEqualTo("0");
        assertThat(get("job", APP + "-smoke-3", "{.spec.backoffLimit}")).isEqualTo("0");
    }

    @Test
    void afterAShortWindowReconcileScalesTheOldColourToZero() throws Exception {
        strategy("{scaleDownDelay: 2s}");
        ok(paycli("deploy", "-t", "1.0.0", "--create-namespace"));
        ok(paycli("deploy", "-t", "1.1.0"));
        assertThat(Integer.parseInt(replicas("blue"))).isGreaterThanOrEqualTo(2);
        Thread.sleep(2500);

        Processes.Run dry = ok(processes.paycli("reconcile", "-n", NS, "--dry-run"));
        assertThat(dry.out()).contains("would scale " + APP + "-blue (1.0.0) to 0");
        assertThat(Integer.parseInt(replicas("blue"))).isGreaterThanOrEqualTo(2);

        ok(processes.paycli("reconcile", "-n", NS));
        assertThat(replicas("blue")).isEqualTo("0");
        assertThat(selected()).isEqualTo("green");
        assertThat(ok(processes.paycli("reconcile", "-n", NS)).out()).isEqualTo("nothing is due in namespace " + NS
                + "\n");
    }

    @Test
    void aRollingAppSwitchesToBlueGreenAndBack() throws Exception {
        ok(paycli("deploy", "-t", "1.0.0", "--create-namespace"));
        assertThat(get("deployment", APP, "{.status.readyReplicas}")).isEqualTo("2");

        strategy("");
        ok(paycli("deploy", "-t", "1.1.0"));
        assertThat(selected()).isEqualTo("blue");
        assertThat(sandbox.kubectl("get", "deployment", APP, "-n", NS).exit()).isNotZero();
        assertThat(get("deployment", APP + "-blue", "{.status.readyReplicas}")).isEqualTo("2");

        strategy(null);
        ok(paycli("deploy", "-t", "1.2.0"));
        assertThat(get("service", APP, "{.spec.selector}")).doesNotContain("paycli.io/colour");
        assertThat(get("deployment", APP, "{.status.readyReplicas}")).isEqualTo("2");
        assertThat(sandbox.kubectl("get", "deployment", APP + "-blue", "-n", NS).exit()).isNotZero();
        assertThat(sandbox.kubectl("get", "service", APP + "-preview", "-n", NS).exit()).isNotZero();
    }
}
