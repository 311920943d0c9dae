package io.paycli.cli;

import io.paycli.core.deploy.Cancellation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT (Ctrl-C) and SIGTERM (a cancelled CI job) during a deploy, rollback, promote or abort. The first asks the
 * command to stop: a deploy puts the previous revision back without waiting, records the run as interrupted and
 * releases the lock, in a few seconds, because CI runners kill soon after they signal. A second exits at once and
 * leaves the lock to expire. A JVM shutdown hook could not do this: once shutdown starts, a second signal cannot end
 * it sooner.
 */
final class SignalStop implements AutoCloseable {
    /** What a shell reports for a process ended by SIGINT. */
    private static final int HALTED = 130;

    private final Cancellation cancellation = new Cancellation();
    private final Consumer<String> say;
    private final String stopping;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private volatile Runnable onStop = () -> { };
    private volatile String leftBehind = "the deploy lock expires by itself, and '" + ProgramName.get()
            + " status' shows what is in place";

    private SignalStop(Consumer<String> say, String stopping) {
        this.say = say;
        this.stopping = stopping;
    }

    /** @param say prints a line on stderr, below the deploy's progress */
    static SignalStop install(Consumer<String> say) {
        return install(say, "the previous revision goes back in place without waiting");
    }

    /**
     * @param say prints a line on stderr, below the progress
     * @param stopping what the command does when the first signal asks it to stop, for the line it prints then
     */
    static SignalStop install(Consumer<String> say, String stopping) {
        SignalStop stop = new SignalStop(say, stopping);
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal signal = new Signal(name);
                stop.previous.put(signal, Signal.handle(signal, stop::handle));
            } catch (IllegalArgumentException e) {
                // The signal is not available here (or reserved by the JVM): the deploy simply cannot be stopped by it.
            }
        }
        return stop;
    }

    /**
     * Runs {@code action} at the first signal, besides cancelling; {@code leftBehind} says what a second signal
     * leaves behind when it exits at once.
     */
    SignalStop onStop(Runnable action, String leftBehind) {
        this.onStop = action;
        this.leftBehind = leftBehind;
        return this;
    }

    Cancellation cancellation() {
        return cancellation;
    }

    private void handle(Signal signal) {
        if (!cancellation.cancelled()) {
            cancellation.cancel("SIG" + signal.getName());
            say.accept("SIG" + signal.getName() + ": stopping; " + stopping
                    + " (signal again to exit at once)");
            onStop.run();
            return;
        }
        say.accept("error: stopped at once by a second signal; " + leftBehind);
        Runtime.getRuntime().halt(HALTED);
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
