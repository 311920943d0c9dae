package io.paycli.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM (Kubernetes stopping the pod) and SIGINT (Ctrl-C) for a long-running server: the first lets the command
 * stop gracefully and exit 0, which a JVM shutdown hook could not (the exit code would be 143); a second exits at
 * once.
 */
final class StopSignal implements AutoCloseable {
    /** What a shell reports for a process ended by SIGINT. */
    private static final int HALTED = 130;

    private final CountDownLatch received = new CountDownLatch(1);
    private final PrintWriter err;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private volatile String name;

    private StopSignal(PrintWriter err) {
        this.err = err;
    }

    static StopSignal install(PrintWriter err) {
        StopSignal stop = new StopSignal(err);
        for (String signal : new String[] {"INT", "TERM"}) {
            try {
                Signal s = new Signal(signal);
                stop.previous.put(s, Signal.handle(s, stop::handle));
            } catch (IllegalArgumentException e) {
                // Not available here (or reserved by the JVM): the server cannot be stopped gracefully by it.
            }
        }
        return stop;
    }

    private void handle(Signal signal) {
        if (name == null) {
            name = "SIG" + signal.getName();
            received.countDown();
            return;
        }
        err.println("error: stopped at once by a second signal; requests in flight were cut off");
        err.flush();
        Runtime.getRuntime().halt(HALTED);
    }

    /** Blocks until the first signal; returns its name, e.g. SIGTERM. */
    String await() throws InterruptedException {
        received.await();
        return name;
    }

    @Override
    public void close() {
        previous.forEach((signal, handler) -> {
            try {
                Signal.handle(signal, handler);
            } catch (IllegalArgumentException e) {
                // Nothing to restore.
            }
        });
    }
}
