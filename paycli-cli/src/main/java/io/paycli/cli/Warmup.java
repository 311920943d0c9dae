package io.paycli.cli;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.StringLoader;
import java.io.StringWriter;
import java.util.Set;

/**
 * Pays a command's one-time start-up costs on a second thread while the main thread builds the command line and
 * reads paycli.yaml: class loading and static set-up of the libraries the command will use. Nothing it does is
 * visible; a failure here only means the command pays the cost itself later.
 */
final class Warmup {
    private static final Set<String> CLUSTER = Set.of("deploy", "diff", "status", "history", "rollback", "promote",
            "abort", "scale", "reconcile", "restore", "cluster", "rbac");
    private static final Set<String> TEMPLATES = Set.of("render", "validate", "configmap", "diff", "deploy");

    private Warmup() {
    }

    static void start(String command) {
        if (command == null || "off".equals(System.getenv("PAYCLI_WARMUP"))) {
            return;
        }
        boolean cluster = CLUSTER.contains(command);
        boolean templates = TEMPLATES.contains(command);
        if (!cluster && !templates) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                Class.forName("io.paycli.core.config.ConfigLoader");
                if (cluster) {
                    io.paycli.core.cluster.Warmup.client();
                }
                if (templates) {
                    new PebbleEngine.Builder().loader(new StringLoader()).build().getTemplate("{{ a }}")
                            .evaluate(new StringWriter(), java.util.Map.of("a", 1));
                }
            } catch (Throwable e) {
                // Only a head start: the command does the same work itself when it needs it.
            }
        }, "paycli-warmup");
        thread.setDaemon(true);
        thread.start();
    }
}
