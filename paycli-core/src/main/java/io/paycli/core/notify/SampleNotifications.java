package io.paycli.core.notify;

import io.paycli.core.model.NotifyTarget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * {@code paycli notify test}: a sample message to each target at once, with the same timeouts and retries as a real
 * step's, and nothing kept in the outbox.
 */
public final class SampleNotifications {
    /** How the sample fared with one target; {@code problem} holds no secret. */
    public record Result(NotifyTarget target, boolean delivered, int sends, String problem) {
    }

    private final Delivery delivery;
    private final NotifySettings settings;
    private final Clock clock;
    private final String logs;

    public SampleNotifications(Function<String, String> env, NotifySettings settings, Clock clock) {
        this.delivery = new Delivery(new Notifiers(env, settings.timeout()), settings);
        this.settings = settings;
        this.clock = clock;
        this.logs = CiLogs.url(env);
    }

    /** Sends one sample, about {@code app} in {@code env} by {@code user}, to each target; results in their order. */
    public List<Result> send(List<NotifyTarget> targets, String app, String env, String user) {
        Message sample = Message.sample(UUID.randomUUID().toString(), app, env, user, clock.instant()).withLogs(logs);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, targets.size()), r -> {
            Thread t = new Thread(r, "paycli-notify-test");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Delivery.Outcome>> sends = new ArrayList<>();
            for (NotifyTarget target : targets) {
                sends.add(CompletableFuture.supplyAsync(() -> delivery.send(target, sample, settings.attempts()),
                        pool));
            }
            List<Result> results = new ArrayList<>();
            for (CompletableFuture<Delivery.Outcome> send : sends) {
                Delivery.Outcome o = send.join();
                results.add(new Result(o.target(), o.delivered(), o.sends(), o.problem()));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
