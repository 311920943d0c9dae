package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a kubectl user sees of an app that bin/paycli deployed twice to a sandbox started with bin/paycli sandbox:
 * the columns a real API server prints, the Deployment's revisions as ReplicaSets, a rollout status, and the
 * namespace's name label.
 */
class KubectlViewIT {
    private static final String NS = "promotion";

    @TempDir
    Path home;
    Processes processes;
    Process sandbox;
    Path kubeconfig;

    @BeforeEach
    void start() throws Exception {
        assertThat(kubectlInstalled()).as("kubectl on PATH: it judges what the sandbox shows").isTrue();
        processes = new Processes(home);
        kubeconfig = home.resolve(".paycli").resolve("sandbox.kubeconfig");
        sandbox = processes.start(Processes.JAR, "sandbox", "sandbox", "--port", "0");
        for (int i = 0; i < 300 && !Files.exists(kubeconfig); i++) {
            Thread.sleep(100);
        }
        assertThat(kubeconfig).as(processes.read("sandbox", "out") + processes.read("sandbox", "err")).exists();
    }

    @AfterEach
    void stop() throws Exception {
        sandbox.destroy();
        assertThat(sandbox.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private static boolean kubectlInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "kubectl"))) {
                return true;
            }
        }
        return false;
    }

    private Processes.Run deploy(String tag) throws Exception {
        return processes.paycli("deploy", "-f", "examples/web", "-e", "release", "-t", tag, "--kubeconfig",
                kubeconfig.toString(), "--context", "paycli-sandbox", "--create-namespace");
    }

    private Processes.Run kubectl(String... args) throws Exception {
        return processes.kubectl(kubeconfig, args);
    }

    @Test
    void kubectlSeesTheColumnsTheRevisionsAndTheNamespaceLabelOfADeployedApp() throws Exception {
        Processes.Run first = deploy("1.0.0");
        assertThat(first.exit()).as(first.toString()).isZero();
        Processes.Run second = deploy("1.1.0");
        assertThat(second.exit()).as(second.toString()).isZero();

        Processes.Run get = kubectl("get", "deploy,svc,pods,rs,hpa,cm", "-n", NS);
        assertThat(get.exit()).as(get.toString()).isZero();
        assertThat(get.out()).contains("NAME", "READY   UP-TO-DATE   AVAILABLE   AGE",
                "TYPE        CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "READY   STATUS    RESTARTS",
                "DESIRED   CURRENT   READY", "REFERENCE", "TARGETS", "MINPODS   MAXPODS   REPLICAS", "DATA");
        assertThat(get.out()).containsPattern("deployment.apps/campaign-web\\s+2/2\\s+2\\s+2\\s")
                .containsPattern("pod/campaign-web-\\w+-\\w+\\s+1/1\\s+Running\\s+0\\s")
                .containsPattern("replicaset.apps/campaign-web-\\w+\\s+2\\s+2\\s+2\\s")
                .containsPattern("replicaset.apps/campaign-web-\\w+\\s+0\\s+0\\s+0\\s")
                .containsPattern("horizontalpodautoscaler.autoscaling/campaign-web\\s+Deployment/campaign-web\\s");

        Processes.Run history = kubectl("rollout", "history", "deploy/campaign-web", "-n", NS);
        assertThat(history.exit()).as(history.toString()).isZero();
        assertThat(history.out()).contains("REVISION  CHANGE-CAUSE").containsPattern("(?m)^1\\s+<none>$")
                .containsPattern("(?m)^2\\s+<none>$");
        Processes.Run latest = kubectl("rollout", "history", "deploy/campaign-web", "-n", NS, "--revision=2");
        assertThat(latest.out()).contains("campaign-web:1.1.0");

        Processes.Run status = kubectl("rollout", "status", "deploy/campaign-web", "-n", NS, "--timeout=60s");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).contains("\"campaign-web\" successfully rolled out");

        Processes.Run namespace = kubectl("get", "ns", NS, "--show-labels");
        assertThat(namespace.exit()).as(namespace.toString()).isZero();
        assertThat(namespace.out()).contains("STATUS", "Active", "kubernetes.io/metadata.name=" + NS);
    }
}
