package io.paycli.cli;

import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The progress of a restore on stderr: a line per app as it ends, warnings, and on a terminal one live line that
 * counts the apps done, running, failed and waiting (deploy's live line, through the same printer). The steps of
 * each app's deploy are not shown: with several apps at once they would interleave.
 */
final class RestoreProgress implements Consumer<DeployEvent> {
    private final EventPrinter printer;
    private final boolean terminal;
    private final Set<String> running = new TreeSet<>();
    private int expected;
    private int done;
    private int failed;

    RestoreProgress(EventPrinter printer, boolean terminal) {
        this.printer = printer;
        this.terminal = terminal;
    }

    /** How many apps the restore has, for the count of those waiting. */
    synchronized void expect(int apps) {
        expected = apps;
    }

    @Override
    public synchronized void accept(DeployEvent e) {
        if (e.step() == Step.TARGET || e.kind() == Kind.WARNING) {
            printer.accept(e);
        } else if (e.step() == Step.RESTORE && e.object() != null && e.object().kind().equals("Cluster")) {
            // the cluster's installation, before the apps: a line of its own, not an app to count
            if (e.kind() == Kind.STARTED || e.kind() == Kind.DONE || e.kind() == Kind.FAILED) {
                printer.note("    cluster installation of " + e.object().name() + ": " + e.message());
            }
        } else if (e.step() == Step.RESTORE && e.object() != null) {
            String app = e.object().namespace() + "/" + e.object().name();
            switch (e.kind()) {
                case STARTED -> running.add(app);
                case DONE, FAILED -> {
                    running.remove(app);
                    done++;
                    failed += e.kind() == Kind.FAILED ? 1 : 0;
                    printer.note("    " + app + ": " + e.message());
                }
                default -> {
                    return;
                }
            }
            if (terminal) {
                printer.accept(DeployEvent.step(Step.RESTORE, Kind.PROGRESS, counts()));
            }
        }
    }

    /** "4 done (1 failed), 2 running (shop/cart, shop/web), 3 waiting". */
    String counts() {
        int waiting = Math.max(0, expected - done - running.size());
        return done + " done" + (failed > 0 ? " (" + failed + " failed)" : "") + ", " + running.size() + " running"
                + (running.isEmpty() ? "" : " (" + String.join(", ", running) + ")") + ", " + waiting + " waiting";
    }

    synchronized void note(String line) {
        printer.note(line);
    }

    /** Ends the live line, so that the table starts on a line of its own. */
    synchronized void finish() {
        if (terminal) {
            printer.note("    restore: " + counts());
        }
    }
}
