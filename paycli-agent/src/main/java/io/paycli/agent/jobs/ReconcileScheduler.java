package io.paycli.agent.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.deploy.ReconcileOutcome;
import io.paycli.core.error.PaycliException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs the deploy engine's reconcile every so often in each namespace the agent deploys to: old blue-green colours
 * whose switch-back window ended are scaled down, expired pre-scale overrides reverted, each under its app's lock,
 * so no cron job outside the zone is needed. A namespace that fails is reported and counted, and the round goes on
 * with the next; rounds never overlap.
 */
public final class ReconcileScheduler implements AutoCloseable {
    /** Who the releases and history entries of the agent's reconciles name. */
    public static final String USER = "paycli-agent";
    static final String RUNS = "paycli.agent.reconcile.runs";

    private final DeployService deploys;
    private final Supplier<Set<Scope>> scopes;
    private final Duration every;
    private final String user;
    private final MeterRegistry meters;
    /** Held for a whole round: a round asked for by hand waits for a scheduled one, and the other way round. */
    private final ReentrantLock round = new ReentrantLock();
    private ScheduledExecutorService executor;
    private volatile boolean stopping;
    private volatile Round last;
    private long rounds;

    /**
     * A namespace of a cluster the agent deployed to, by the kube context its apps' paycli.yaml named (null: the
     * kubeconfig's current one).
     */
    public record Scope(String context, String namespace) implements Comparable<Scope> {
        private static final Comparator<Scope> ORDER = Comparator.comparing(Scope::namespace)
                .thenComparing(Scope::context, Comparator.nullsFirst(Comparator.naturalOrder()));

        @Override
        public int compareTo(Scope other) {
            return ORDER.compare(this, other);
        }

        @Override
        public String toString() {
            return context == null ? namespace : namespace + " (context " + context + ")";
        }
    }

    /** How one namespace went in a round: what was done and skipped, or why it failed (null when it did not). */
    public record Result(Scope scope, int done, int skipped, String failure) {
        public boolean failed() {
            return failure != null;
        }

        public String namespace() {
            return scope.namespace();
        }

        @Override
        public String toString() {
            return scope + ": " + (failed() ? "failed: " + failure : done + " done, " + skipped + " skipped");
        }
    }

    /**
     * One round: a result per namespace, in name order; {@code failure} is set (and there are no results) when the
     * namespaces could not be listed.
     */
    public record Round(long number, List<Result> results, String failure) {
        public Round {
            results = List.copyOf(results);
        }

        public List<Result> failures() {
            return results.stream().filter(Result::failed).toList();
        }
    }

    /**
     * @param scopes     the namespaces to reconcile, asked again at each round (those the agent has deployed to)
     * @param every      the pause between the end of a round and the start of the next; zero turns rounds off
     * @param user       who the records of what a round does name, e.g. {@link #USER}
     * @param meters     where {@code paycli.agent.reconcile.runs} counts each namespace's run by outcome
     */
    public ReconcileScheduler(DeployService deploys, Supplier<Set<Scope>> scopes, Duration every, String user,
                              MeterRegistry meters) {
        if (every.isNegative()) {
            throw new IllegalArgumentException("reconcile every " + every + ": not a pause");
        }
        this.deploys = deploys;
        this.scopes = scopes;
        this.every = every;
        this.user = user;
        this.meters = meters;
    }

    /** Starts the rounds, the first one {@code every} from now; does nothing when rounds are off. */
    public synchronized ReconcileScheduler start() {
        if (executor != null) {
            throw new IllegalStateException("the reconcile scheduler was started already");
        }
        if (every.isZero()) {
            return this;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "paycli-agent-reconcile");
            t.setDaemon(true);
            return t;
        });
        // Fixed delay, not rate: a slow round pushes the next one back instead of queueing rounds behind it.
        executor.scheduleWithFixedDelay(this::runScheduled, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Whether rounds run by themselves (reconcileEvery is not 0s). */
    public boolean enabled() {
        return !every.isZero();
    }

    private void runScheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // runOnce reports every failure it knows of; a bug must still not end the schedule.
            last = new Round(-1, List.of(), "internal error: " + e);
        }
    }

    /** Runs one round now on the calling thread, after the one running (if any) has ended; returns its report. */
    public Round runOnce() {
        round.lock();
        try {
            long number = ++rounds;
            Set<Scope> names;
            try {
                names = new TreeSet<>(scopes.get());
            } catch (RuntimeException e) {
                meters.counter(RUNS, "outcome", "failed").increment();
                return remember(new Round(number, List.of(), "cannot list the namespaces: " + message(e)));
            }
            List<Result> results = new ArrayList<>();
            for (Scope scope : names) {
                if (stopping) {
                    break;
                }
                Result result = reconcile(scope);
                meters.counter(RUNS, "outcome", result.failed() ? "failed" : "succeeded").increment();
                results.add(result);
            }
            return remember(new Round(number, results, null));
        } finally {
            round.unlock();
        }
    }

    private Result reconcile(Scope scope) {
        try {
            List<ReconcileOutcome> outcomes = deploys.reconcile(scope.context(), scope.namespace(), false, user,
                    event -> { });
            int skipped = (int) outcomes.stream().filter(ReconcileOutcome::skipped).count();
            int done = (int) outcomes.stream().filter(ReconcileOutcome::done).count();
            return new Result(scope, done, skipped, null);
        } catch (RuntimeException e) {
            return new Result(scope, 0, 0, message(e));
        }
    }

    private Round remember(Round r) {
        last = r;
        return r;
    }

    private static String message(RuntimeException e) {
        // The engine's failures carry one sentence for people; anything else is a bug, named by its class.
        return e instanceof PaycliException ? e.getMessage() : e.toString();
    }

    /** The report of the last round that ended, if one has. */
    public Optional<Round> lastRound() {
        return Optional.ofNullable(last);
    }

    /**
     * Stops the rounds: none starts after this, and a round running now stops after its current namespace, or is
     * interrupted once {@code grace} is over. Call it before the agent's database closes.
     */
    public synchronized void stop(Duration grace) {
        stopping = true;
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
