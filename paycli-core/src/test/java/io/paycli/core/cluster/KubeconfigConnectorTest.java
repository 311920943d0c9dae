package io.paycli.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.ClusterException;
import io.paycli.sandbox.Sandbox;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the kubeconfig, choosing the context, and failing clearly when the server cannot be reached. */
class KubeconfigConnectorTest {

    @TempDir
    Path dir;
    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0);
    }

    @AfterEach
    void stop() {
        System.clearProperty("kubeconfig");
        sandbox.close();
    }

    @Test
    void connectsToTheNamedContextAndToTheCurrentOne() {
        Path kubeconfig = sandbox.writeKubeconfig(dir.resolve("config"), "beta-cluster");

        try (ClusterGateway gateway = new KubeconfigConnector(kubeconfig).connect("beta-cluster")) {
            assertThat(gateway.context()).isEqualTo("beta-cluster");
            assertThat(gateway.server()).isEqualTo(sandbox.url());
        }
        try (ClusterGateway gateway = new KubeconfigConnector(kubeconfig).connect(null)) {
            assertThat(gateway.context()).isEqualTo("beta-cluster");
        }
        assertThat(sandbox.requests().byRoute()).containsEntry("GET /version", 2L);
    }

    @Test
    void mergesTheFilesOfTheStandardLookup() {
        Path first = sandbox.writeKubeconfig(dir.resolve("first"), "alpha");
        Path second = sandbox.writeKubeconfig(dir.resolve("second"), "beta-cluster");
        System.setProperty("kubeconfig", first + File.pathSeparator + second);

        try (ClusterGateway gateway = new KubeconfigConnector(null).connect("beta-cluster")) {
            assertThat(gateway.context()).isEqualTo("beta-cluster");
        }
        assertThatThrownBy(() -> new KubeconfigConnector(null).connect("gamma"))
                .hasMessage("kube context 'gamma' is not in the kubeconfig (" + first + File.pathSeparator + second
                        + "); contexts: alpha, beta-cluster; pass --context alpha, or leave context out of paycli.yaml"
                        + " to use the current context");
    }

    @Test
    void anUnknownContextIsAClusterErrorListingTheKnownOnes() {
        Path kubeconfig = sandbox.writeKubeconfig(dir.resolve("config"), "beta-cluster");

        assertThatThrownBy(() -> new KubeconfigConnector(kubeconfig).connect("prod-tw"))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.exitCode()).isEqualTo(4))
                .hasMessage("kube context 'prod-tw' is not in the kubeconfig (" + kubeconfig
                        + "); contexts: beta-cluster; pass --context beta-cluster, or leave context out of paycli.yaml"
                        + " to use the current context");
    }

    @Test
    void anUnreachableServerIsAClusterErrorNamingServerAndContext() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path kubeconfig = Files.writeString(dir.resolve("config"), Files.readString(sandbox.writeKubeconfig(
                dir.resolve("template"), "beta-cluster")).replace(sandbox.url(), "http://127.0.0.1:" + port));

        long started = System.nanoTime();
        assertThatThrownBy(() -> new KubeconfigConnector(kubeconfig).connect("beta-cluster"))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.exitCode()).isEqualTo(4))
                .hasMessage("cannot reach the API server http://127.0.0.1:" + port
                        + " of context 'beta-cluster': connection refused");
        assertThat((System.nanoTime() - started) / 1_000_000).as("retried briefly, then gave up")
                .isLessThan(10_000);
    }

    @Test
    void aMissingKubeconfigFileIsNamed() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> new KubeconfigConnector(missing).connect(null))
                .isInstanceOf(ClusterException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void noKubeconfigOutsideAPodSaysWhereItLookedAndWhatToDo() {
        Path home = dir.resolve("home");
        KubeconfigLookup lookup = new KubeconfigLookup(Map.of(), home, dir.resolve("no-token"));

        assertThatThrownBy(() -> new KubeconfigConnector(null, Clock.systemUTC(), lookup).connect(null))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.exitCode()).isEqualTo(4))
                .hasMessage("no kubeconfig at " + home.resolve(".kube/config") + " and KUBECONFIG is not set;"
                        + " point --kubeconfig or KUBECONFIG at one (paycli sandbox writes"
                        + " ~/.paycli/sandbox.kubeconfig)");
        assertThat(sandbox.requests().byRoute()).isEmpty();
    }

    @Test
    void aKubeconfigVariableNamingOnlyMissingFilesIsNamedOutsideAPod() {
        Path missing = dir.resolve("home/.paycli/sandbox.kubeconfig");
        String variable = missing + java.io.File.pathSeparator + dir.resolve("other");
        KubeconfigLookup lookup = new KubeconfigLookup(Map.of("KUBECONFIG", variable), dir.resolve("home"),
                dir.resolve("no-token"));

        // fabric8 would fall back to the in-cluster server and fail with "unknown host kubernetes.default.svc".
        assertThatThrownBy(() -> new KubeconfigConnector(null, Clock.systemUTC(), lookup).connect(null))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.exitCode()).isEqualTo(4))
                .hasMessage("KUBECONFIG=" + variable + " names no file that exists; point KUBECONFIG or"
                        + " --kubeconfig at a kubeconfig (paycli sandbox writes ~/.paycli/sandbox.kubeconfig once"
                        + " it has started)");
        assertThat(sandbox.requests().byRoute()).isEmpty();
    }

    @Test
    void theKubeconfigUnderHomeIsTheOneOfHomeNotOfUserHome() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve(".kube"));
        sandbox.writeKubeconfig(home.resolve(".kube/config"), "beta-cluster");
        KubeconfigLookup lookup = new KubeconfigLookup(Map.of(), home, dir.resolve("no-token"));

        try (ClusterGateway gateway = new KubeconfigConnector(null, Clock.systemUTC(), lookup).connect(null)) {
            assertThat(gateway.context()).isEqualTo("beta-cluster");
            assertThat(gateway.server()).isEqualTo(sandbox.url());
        }
    }

    @Test
    void inAPodWithoutKubeconfigTheServiceAccountIsUsedAsBefore() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "secret");
        KubeconfigLookup lookup = new KubeconfigLookup(Map.of(), dir.resolve("home"), token);

        // This test does not run in a pod: the in-cluster server name does not resolve, but it is the one tried.
        assertThatThrownBy(() -> new KubeconfigConnector(null, Clock.systemUTC(), lookup).connect(null))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("cannot reach the API server https://kubernetes.default.svc");
        assertThat(new KubeconfigLookup(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), dir, dir.resolve("none"))
                .inPod()).isTrue();
        assertThat(lookup.inPod()).isTrue();
    }
}
