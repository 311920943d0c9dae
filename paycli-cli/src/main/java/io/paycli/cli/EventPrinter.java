package io.paycli.cli;

import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Prints deploy progress on stderr: one line per step and per object. On a terminal the rollout
 * progress rewrites one live line instead of scrolling.
 */
final class EventPrinter implements Consumer<DeployEvent> {
    private final PrintWriter err;
    private final boolean terminal;
    private PrintWriter manifests;
    private boolean liveLine;

    EventPrinter(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** From now on, the YAML a step is about to apply goes to {@code out} (--show-manifests); else it is not shown. */
    EventPrinter showingManifests(PrintWriter out) {
        this.manifests = out;
        return this;
    }

    @Override
    public synchronized void accept(DeployEvent e) {
        if (e.kind() == Kind.MANIFESTS) {
            if (manifests != null) {
                if (manifests == err) {
                    note(e.message().stripTrailing());
                } else {
                    manifests.println(e.message().stripTrailing());
                    manifests.flush();
                }
            }
            return;
        }
        String line = e.line();
        if (terminal && e.kind() == Kind.PROGRESS) {
            err.print("\r\033[2K" + line);
            liveLine = true;
            err.flush();
        } else {
            note(line);
        }
    }

    /** A line of its own, below the live rollout line if there is one. */
    synchronized void note(String line) {
        if (liveLine) {
            err.println();
            liveLine = false;
        }
        err.println(line);
        err.flush();
    }
}
