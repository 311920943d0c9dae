package io.paycli.core.deploy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployRequest;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A sandbox API server, a DeployService that reaches it through a kubeconfig exactly as in
 * production, a fabric8 client to look at what happened, and copies of the examples to change.
 */
final class SandboxFixture implements AutoCloseable {
    static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    final Sandbox sandbox;
    final Path kubeconfig;
    final DeployService service;
    final KubernetesClient client;
    final List<DeployEvent> events = new CopyOnWriteArrayList<>();

    SandboxFixture(Path tmp) {
        this(tmp, Duration.ofSeconds(2));
    }

    /** A sandbox whose Deployments report ProgressDeadlineExceeded after {@code progressDeadline} without progress. */
    SandboxFixture(Path tmp, Duration progressDeadline) {
        this(tmp, settings(progressDeadline));
    }

    static SandboxSettings settings(Duration progressDeadline) {
        return SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(100)).withProgressDeadline(progressDeadline);
    }

    SandboxFixture(Path tmp, SandboxSettings settings) {
        this(tmp, settings, List.of());
    }

    /** As above, handing every step that changed the cluster to {@code sinks}. */
    SandboxFixture(Path tmp, SandboxSettings settings, List<ReleaseSink> sinks) {
        sandbox = Sandbox.start(0, settings);
        kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"), Sandbox.DEFAULT_CONTEXT);
        service = new DeployService(Catalog::builtin, new TemplateEngine(), new KubeconfigConnector(kubeconfig),
                sinks, Clock.systemUTC());
        client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(sandbox.url()).build()).build();
    }

    void createNamespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
    }

    static DeployRequest request(Path app, String env, String tag, String... sets) {
        return new DeployRequest(app, env, tag, List.of(sets), Sandbox.DEFAULT_CONTEXT, null);
    }

    static DeployOptions options() {
        return new DeployOptions(Duration.ofSeconds(20), true, true, false, false, "tester");
    }

    static Path copyExample(String type, Path target) {
        Path source = EXAMPLES.resolve(type);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        sandbox.close();
    }
}
