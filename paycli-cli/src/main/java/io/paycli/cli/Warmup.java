package io.paycli.cli;

import io.paycli.core.cluster.ClientWarmup;
import io.paycli.core.config.ConfigLoader;
import io.paycli.core.validate.ModelWarmup;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.StringLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;

/**
 * Pays a command's one-time start-up costs on a second thread while the main thread builds the command line:
 * loading and setting up the libraries the command will use (the paycli.yaml schema, the template engine, the
 * typed model's bindings, the TLS trust store and the HTTP client). Most of a short command's time is such set-up, and most machines have a
 * core to spare. Nothing it does is visible; if it fails, the command pays those costs itself, as without it.
 */
final class Warmup {
    private static final Set<String> CLUSTER = Set.of("deploy", "diff", "status", "history", "rollback", "promote",
            "abort", "scale", "reconcile", "restore", "cluster");
    private static final Set<String> TEMPLATES = Set.of("render", "validate", "diff", "deploy", "restore");
    /** The commands that run the typed check (render does not). */
    private static final Set<String> MODEL = Set.of("validate", "diff", "deploy", "restore");

    private Warmup() {
    }

    /**
     * Starts the warm-up for a command, or nothing (null) when the command needs none of it or {@code PAYCLI_WARMUP}
     * is {@code off} (to measure what it saves).
     */
    static Thread start(String command) {
        if ("off".equals(System.getenv("PAYCLI_WARMUP"))) {
            return null;
        }
        boolean cluster = CLUSTER.contains(command);
        boolean templates = TEMPLATES.contains(command);
        if (!cluster && !templates) {
            return null;
        }
        boolean model = MODEL.contains(command);
        Thread thread = new Thread(() -> run(cluster, templates, model), "paycli-warmup");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void run(boolean cluster, boolean templates, boolean model) {
        try {
            // In the order the command needs them: paycli.yaml, the templates, the typed check, the cluster.
            new ConfigLoader();
            if (templates) {
                new PebbleEngine.Builder().loader(new StringLoader()).build().getTemplate("{{ a }}")
                        .evaluate(new StringWriter(), Map.of("a", 1));
            }
            if (model) {
                ModelWarmup.bindings();
            }
            if (cluster) {
                ClientWarmup.client();
            }
        } catch (IOException | RuntimeException e) {
            // Only a head start: the command does the same set-up itself when it needs it.
        }
    }
}
