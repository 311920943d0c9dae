package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture and compare through bin/paycli between two bin/paycli sandbox processes, with kubectl as the judge:
 * kubectl installs the source cluster, applies the captured files to the new one (they must apply as they are),
 * and changes an image by hand, which compare must then show.
 */
class ClusterCaptureIT {
    private static final String INSTALLATION = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              scope: Namespaced
              names: {plural: widgets, singular: widget, kind: Widget}
              versions:
              - name: v1
                served: true
                storage: true
                schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: ingress-nginx}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: controller, namespace: ingress-nginx}
            data: {use-forwarded-headers: "true"}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: widget-reader}
            rules: [{apiGroups: [example.com], resources: [widgets], verbs: [get, list]}]
            """;
    private static final String WIDGET = """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: gizmo, namespace: promotion-beta}
            spec: {size: 3}
            """;

    @TempDir
    Path home;
    Processes processes;
    SandboxProcess source;
    SandboxProcess target;
    Path app;

    @BeforeEach
    void start() throws Exception {
        processes = new Processes(home);
        source = SandboxProcess.start(processes, "source", home.resolve("source.kubeconfig"), "--port", "0");
        target = SandboxProcess.start(processes, "target", home.resolve("target.kubeconfig"), "--port", "0");
        processes.env("PAYCLI_USER", "alice");
    }

    @AfterEach
    void stop() {
        source.close();
        target.close();
    }

    private Processes.Run deploy(SandboxProcess where, Path archive) throws Exception {
        if (app == null) {
            app = processes.example("web");
        }
        return processes.paycli("deploy", "-f", app.toString(), "-e", "beta", "-t", "1.0.0",
                "--kubeconfig", where.kubeconfig().toString(), "--context", "paycli-sandbox", "--create-namespace",
                "--archive", archive.toString());
    }

    @Test
    void aCapturedClusterAppliesToANewOneAndCompareFindsAChangeMadeByHand() throws Exception {
        Path archive = home.resolve("archive");
        Path install = home.resolve("installation.yaml");
        Files.writeString(install, INSTALLATION);
        source.kubectlOut("apply", "-f", install.toString());
        Processes.Run first = deploy(source, archive);
        assertThat(first.exit()).as(first.toString()).isZero();
        source.kubectlOut("wait", "--for", "condition=established", "crd/widgets.example.com", "--timeout=30s");
        Path widget = home.resolve("widget.yaml");
        Files.writeString(widget, WIDGET);
        source.kubectlOut("apply", "-f", widget.toString());

        Processes.Run capture = processes.paycli("cluster", "capture", "--context", "paycli-sandbox",
                "--kubeconfig", source.kubeconfig().toString(), "--cluster-name", "old", "--system-namespace",
                "ingress-nginx", "--archive", archive.toString());

        assertThat(capture.exit()).as(capture.toString()).isZero();
        Path captured = archive.resolve("old/_cluster");
        assertThat(captured.resolve("namespaces/promotion-beta/widget.example.com/gizmo.yaml")).exists();
        // The files apply to a new cluster as they are: cluster-scoped first, then what lives in namespaces.
        target.kubectlOut("apply", "--server-side", "-R", "-f", captured.resolve("cluster").toString());
        target.kubectlOut("wait", "--for", "condition=established", "crd/widgets.example.com", "--timeout=30s");
        target.kubectlOut("apply", "--server-side", "-R", "-f", captured.resolve("namespaces").toString());
        assertThat(target.kubectlOut("get", "widget", "gizmo", "-n", "promotion-beta", "-o",
                "jsonpath={.spec.size}")).isEqualTo("3");
        assertThat(target.kubectlOut("get", "configmap", "controller", "-n", "ingress-nginx", "-o",
                "jsonpath={.data.use-forwarded-headers}")).isEqualTo("true");
        Processes.Run second = deploy(target, home.resolve("target-archive"));
        assertThat(second.exit()).as(second.toString()).isZero();
        // The source's app folder is named by its context.
        Path oldApp = archive.resolve("paycli-sandbox");
        assertThat(oldApp.resolve("promotion-beta/campaign-web/release.json")).exists();

        Processes.Run same = processes.paycli("cluster", "compare", "--from", "paycli-sandbox", "--to-context",
                "paycli-sandbox", "--kubeconfig", target.kubeconfig().toString(), "--archive", archive.toString());
        assertThat(same.exit()).as(same.toString()).isZero();
        assertThat(same.out()).contains("campaign-web", "same", "no differences");

        target.kubectlOut("set", "image", "deployment/campaign-web", "-n", "promotion-beta",
                "campaign-web=registry.example.com/pay/campaign-web:hotfix");
        Processes.Run changed = processes.paycli("cluster", "compare", "--from", "paycli-sandbox", "--to-context",
                "paycli-sandbox", "--kubeconfig", target.kubeconfig().toString(), "--archive", archive.toString());

        assertThat(changed.exit()).as(changed.toString()).isEqualTo(7);
        assertThat(changed.out()).contains("Deployment promotion-beta/campaign-web changed",
                "spec.template.spec.containers[0].image: registry.example.com/pay/campaign-web:hotfix",
                "differences found");
    }
}
