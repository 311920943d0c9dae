package io.paycli.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.paycli.core.archive.ArchiveApps;
import io.paycli.core.archive.ArchiveSettings;
import io.paycli.core.archive.ArchiveSink;
import io.paycli.core.archive.ArchiveSnapshot;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.deploy.DeployOptions;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.model.DeployRequest;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import io.paycli.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The source cluster of the restore benchmark: a sandbox into which copies of examples/web are deployed through
 * DeployService, spread over a few namespaces, with every release committed to a fresh manifests archive. This is
 * setup, not measured.
 */
final class RestoreSource {
    static final int NAMESPACES = 10;
    private static final int THREADS = 4;

    private RestoreSource() {
    }

    static String namespace(int app) {
        return String.format("team-%02d", app % NAMESPACES);
    }

    static String appName(int app) {
        return String.format("web-%03d", app);
    }

    /** Deploys {@code apps} copies of the web example into a source sandbox and returns the archive they made. */
    static ArchiveSnapshot build(Path root, Path work, Path archive, int apps) throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (int i = 1; i <= apps; i++) {
            dirs.add(DeployBench.app(root.resolve("examples/web"), work.resolve("apps").resolve(appName(i)), i));
        }
        ArchiveSettings settings = ArchiveSettings.local(archive);
        try (Sandbox sandbox = Sandbox.start(0)) {
            Path kubeconfig = sandbox.writeKubeconfig(work.resolve("source-kubeconfig"), Sandbox.DEFAULT_CONTEXT);
            try (var client = DeploymentHealth.client(kubeconfig)) {
                for (int n = 0; n < NAMESPACES; n++) {
                    client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
                            .withName(namespace(n)).endMetadata().build()).create();
                }
            }
            DeployService service = new DeployService(Catalog::builtin, new TemplateEngine(),
                    new KubeconfigConnector(kubeconfig), List.of(new ArchiveSink(settings)), Clock.systemUTC());
            DeployOptions options = new DeployOptions(Duration.ofMinutes(2), true, true, false, false, "bench");
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int i = 1; i <= apps; i++) {
                    DeployRequest request = new DeployRequest(dirs.get(i - 1), "beta", "1.0." + i, List.of(),
                            Sandbox.DEFAULT_CONTEXT, namespace(i));
                    running.add(pool.submit(() -> service.deploy(request, options, e -> { })));
                }
                for (Future<?> deploy : running) {
                    deploy.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        ArchiveSnapshot snapshot = ArchiveApps.read(settings, Sandbox.DEFAULT_CONTEXT, null, w -> { });
        long restorable = snapshot.apps().stream().filter(a -> a.release() != null).count();
        if (restorable != apps) {
            throw new IllegalStateException("the archive holds " + restorable + " restorable apps, not " + apps);
        }
        return snapshot;
    }
}
