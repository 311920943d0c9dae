package io.paycli.core.notify;

import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.model.NotifyTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run's notifications: for each target at once, first what the outbox keeps for it (oldest first, one send
 * each), then the new message (with retries). A target that fails a kept message gets the new one queued behind it,
 * so that it receives its messages in order and the run spends one timeout on it, not more. What is not delivered
 * and may be later goes to the outbox. Events are reported on the caller's thread, target by target.
 */
final class Dispatch {
    /** A claim this old was left by a run that stopped while sending. */
    private static final Duration ABANDONED = Duration.ofMinutes(10);
    /** A kept message this old is news no more: it is dropped rather than sent. */
    static final Duration EXPIRED = Duration.ofDays(7);

    private final Delivery delivery;
    private final NotifySettings settings;
    private final Outbox outbox;
    private final Clock clock;

    Dispatch(Delivery delivery, NotifySettings settings, Clock clock) {
        this.delivery = delivery;
        this.settings = settings;
        this.outbox = new Outbox(settings.outbox());
        this.clock = clock;
    }

    /** Delivers the outbox and, when {@code message} is not null, sends it to {@code targets}. */
    void run(List<NotifyTarget> targets, Message message, java.util.function.Consumer<DeployEvent> events) {
        List<Path> unreadable = new ArrayList<>();
        Map<NotifyTarget, List<Outbox.Entry>> kept = new LinkedHashMap<>();
        for (Outbox.Entry entry : outbox.pending(unreadable)) {
            kept.computeIfAbsent(entry.target(), t -> new ArrayList<>()).add(entry);
        }
        unreadable.forEach(f -> events.accept(warning("cannot read the kept message " + f + "; move it away")));
        List<Path> abandoned = outbox.abandoned(clock.instant(), ABANDONED);
        if (!abandoned.isEmpty()) {
            events.accept(warning(abandoned.size() + " message(s) in " + outbox.dir() + " were being sent by a run"
                    + " that stopped, and may have arrived; rename a .json.sending file to .json to send it again"));
        }
        Map<NotifyTarget, List<Outbox.Entry>> work = new LinkedHashMap<>(kept);
        if (message != null) {
            targets.forEach(t -> work.putIfAbsent(t, List.of()));
        }
        if (work.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(work.size(), r -> {
            Thread t = new Thread(r, "paycli-notify");
            t.setDaemon(true); // a send that outlives its bound must not keep paycli running
            return t;
        });
        try {
            List<Future<List<DeployEvent>>> tasks = new ArrayList<>();
            work.forEach((target, entries) -> tasks.add(pool.submit(() ->
                    forTarget(target, entries, message != null && targets.contains(target) ? message : null))));
            List<NotifyTarget> order = new ArrayList<>(work.keySet());
            long deadline = System.nanoTime() + deadline(work).toNanos();
            for (int i = 0; i < tasks.size(); i++) {
                collect(tasks.get(i), order.get(i), deadline, events);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The longest the run waits: one bound for kept messages, then the new message's sends and waits. */
    private Duration deadline(Map<NotifyTarget, List<Outbox.Entry>> work) {
        boolean anyKept = work.values().stream().anyMatch(entries -> !entries.isEmpty());
        return settings.bound().multipliedBy(anyKept ? 2 : 1).plus(Duration.ofSeconds(1));
    }

    private void collect(Future<List<DeployEvent>> task, NotifyTarget target, long deadline,
                         java.util.function.Consumer<DeployEvent> events) {
        try {
            task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).forEach(events);
        } catch (TimeoutException e) {
            task.cancel(true);
            events.accept(warning(target.describe() + ": still sending when its time was up; left unfinished"));
        } catch (ExecutionException e) {
            events.accept(warning(target.describe() + ": " + safe(e.getCause())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            events.accept(warning(target.describe() + ": interrupted"));
        }
    }

    private List<DeployEvent> forTarget(NotifyTarget target, List<Outbox.Entry> entries, Message message) {
        List<DeployEvent> events = new ArrayList<>();
        String name = target.describe();
        int waiting = 0;
        // Kept messages get one bound of this run (and always one send); what is left waits for the next run, so a
        // long outbox cannot hold a step up longer than two bounds: the kept messages', then the new message's.
        long keptUntil = System.nanoTime() + settings.bound().toNanos() - settings.timeout().toNanos();
        int sent = 0;
        for (Outbox.Entry entry : entries) {
            if (waiting > 0 || sent > 0 && System.nanoTime() > keptUntil) {
                waiting++;
                continue;
            }
            Optional<Path> claimed = outbox.claim(entry, clock.instant());
            if (claimed.isEmpty()) {
                continue; // another run is delivering it
            }
            String what = "kept message " + entry.message().id() + " (" + entry.message().headline() + ", from "
                    + entry.queuedAt() + ")";
            if (entry.queuedAt().isBefore(clock.instant().minus(EXPIRED))) {
                outbox.delivered(claimed.get());
                events.add(warning(name + ": " + what + " dropped: not delivered in " + EXPIRED.toDays() + " days"));
                continue;
            }
            Delivery.Outcome outcome = delivery.send(target, entry.message(), 1);
            sent++;
            if (outcome.delivered()) {
                outbox.delivered(claimed.get());
                events.add(done(name + ": delivered " + what));
            } else if (!outcome.retryable()) {
                outbox.delivered(claimed.get());
                events.add(warning(name + ": " + what + " dropped: " + outcome.problem()));
            } else {
                outbox.release(claimed.get());
                events.add(warning(name + ": " + what + " not delivered again: " + outcome.problem()));
                waiting = 1;
            }
        }
        if (message == null) {
            return events;
        }
        if (waiting > 0) {
            outbox.put(target, message, clock.instant());
            events.add(warning(name + ": kept in " + outbox.dir() + " behind " + waiting
                    + " older message(s) for a later run"));
            return events;
        }
        Delivery.Outcome outcome = delivery.send(target, message, settings.attempts());
        if (outcome.delivered()) {
            events.add(done("notified " + name));
        } else if (outcome.retryable()) {
            outbox.put(target, message, clock.instant());
            events.add(warning(name + ": not delivered after " + outcome.sends() + " attempt(s) ("
                    + outcome.problem() + "); kept in " + outbox.dir() + " for a later run"));
        } else {
            events.add(warning(name + ": not delivered: " + outcome.problem()));
        }
        return events;
    }

    /**
     * What a failure outside the sends says: the outbox's own I/O errors name only paths; anything else is named by
     * its class alone, since its words could quote a secret.
     */
    static String safe(Throwable e) {
        return e instanceof java.io.UncheckedIOException ? e.getMessage() : e.getClass().getSimpleName();
    }

    static DeployEvent warning(String message) {
        return DeployEvent.step(Step.NOTIFY, Kind.WARNING, message);
    }

    static DeployEvent done(String message) {
        return DeployEvent.step(Step.NOTIFY, Kind.DONE, message);
    }
}
