package io.paycli.core.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.paycli.core.error.ClusterException;
import io.paycli.core.error.LockHeldException;
import io.paycli.core.error.LockLostException;
import io.paycli.core.error.PaycliException;
import io.paycli.core.error.ServerLostException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The deploy lock of an app in a namespace: a Lease named {@code paycli-lock-<app>}, taken by creating it or by
 * taking over an expired one with a compare-and-swap on its resourceVersion, renewed in the background, and
 * released by deleting it with a precondition on the version we wrote, so another holder's Lease is never deleted.
 * <p>
 * Expiry is judged by the server's clock only: a Lease has expired when the server last wrote it (the newest time
 * in its managedFields) longer ago than its duration, by the Date of the server's answers. A clock that is minutes
 * off on either deployer's machine changes nothing. The holder renews often, each request with a short timeout,
 * and counts the lock as lost once it has gone a renew deadline (two thirds of the TTL, on its monotonic clock)
 * without a successful renewal: by then nobody else may have taken it yet, so every step that first asks
 * {@link #ensureHeld()} never runs under a lock someone else holds.
 */
final class LeaseLock implements DeployLock {

    private static final String API_VERSION = "coordination.k8s.io/v1";
    private static final int ROUNDS = 10;

    private final ClusterClient cluster;
    private final String namespace;
    private final String app;
    private final String name;
    private final String holder;
    private final int ttlSeconds;
    private final long periodMillis;
    private final long renewDeadlineNanos;
    private final ScheduledExecutorService renewer;
    private volatile String currentHolder;
    private volatile String lost;
    private volatile long renewedNanos;
    private volatile String renewError;
    /** The last renewal got no answer at all (refused, reset, timed out): the server, not the lock, is lost. */
    private volatile boolean unanswered;
    private LeaseRecord held;
    private boolean closed;

    private LeaseLock(ClusterClient cluster, String namespace, String app, String holder, Duration ttl) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.app = app;
        this.name = "paycli-lock-" + app;
        this.holder = holder;
        this.ttlSeconds = LeaseRecord.seconds(ttl);
        this.periodMillis = Math.max(100, ttl.toMillis() / 6);
        this.renewDeadlineNanos = ttl.toNanos() * 2 / 3;
        this.currentHolder = holder;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "paycli-lock-renewal-" + app);
            thread.setDaemon(true);
            return thread;
        });
    }

    static LeaseLock acquire(ClusterClient cluster, String namespace, String app, String holder, Duration ttl) {
        LeaseLock lock = new LeaseLock(cluster, namespace, app, holder, ttl);
        lock.take();
        lock.renewer.schedule(lock::renewRound, lock.periodMillis, TimeUnit.MILLISECONDS);
        return lock;
    }

    /** The holder of a live lock, judged as {@link #acquire} judges it; empty when there is none or it is unreadable. */
    static Optional<String> holder(ClusterClient cluster, String namespace, String app) {
        String name = "paycli-lock-" + app;
        Call call = new Call("get", API_VERSION, "Lease", namespace, name);
        try {
            GenericKubernetesResource lease = cluster.calls().idempotent(call,
                    () -> cluster.in(API_VERSION, "Lease", namespace).withName(name).get());
            LeaseRecord current = lease == null ? null : LeaseRecord.of(cluster.toMap(lease));
            if (current == null || !current.hasHolder()) {
                return Optional.empty();
            }
            Duration age = cluster.serverClock().since(current.lastWritten());
            return age != null && current.runOut(age) ? Optional.empty() : Optional.of(current.holder());
        } catch (PaycliException e) {
            return Optional.empty(); // forbidden or unreachable: the status says what it can without it
        }
    }

    /** Our holder while we hold the lock; the holder that took it over once renewal found we lost it. */
    @Override
    public String holder() {
        return currentHolder;
    }

    @Override
    public void ensureHeld() {
        String why = lost;
        if (why == null && System.nanoTime() - renewedNanos > renewDeadlineNanos) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(renewDeadlineNanos);
            if (unanswered) {
                lose("the API server stopped answering");
                throw new ServerLostException("lost the API server " + cluster.server() + " of context "
                        + cluster.context() + ": no answer for " + seconds + " s (" + renewError + "); whatever was"
                        + " applied may be rolling out; the deploy lock of " + app + " in " + namespace
                        + " expires by itself; run paycli status once the server answers");
            }
            why = lose("it could not be renewed for " + seconds + " s" + (renewError == null ? "" : " ("
                    + renewError + ")"));
        }
        if (why != null) {
            throw new LockLostException("lost the deploy lock of " + app + " in " + namespace + " in context "
                    + cluster.context() + ": " + why + "; stopped without a rollback, because another deploy may be"
                    + " running now");
        }
    }

    private synchronized void take() {
        for (int round = 1; round <= ROUNDS; round++) {
            long sent = System.nanoTime();
            if (tryCreate(LeaseRecord.fresh(holder, now(), ttlSeconds))) {
                renewedNanos = sent;
                return;
            }
            LeaseRecord current = read();
            if (current == null) {
                continue;
            }
            if (current.hasHolder() && !holder.equals(current.holder()) && !expired(current)) {
                throw held(current);
            }
            sent = System.nanoTime();
            if (tryUpdate(current.takenBy(holder, now(), ttlSeconds))) {
                renewedNanos = sent;
                return;
            }
            pause(round);
        }
        throw new ClusterException("cannot take the deploy lock " + name + " in namespace " + namespace
                + " in context " + cluster.context() + ": the Lease kept changing under us; try again");
    }

    /** Renews, then plans the next round: sooner after a failure, so a blip does not use up the deadline. */
    private void renewRound() {
        boolean renewed = renew();
        synchronized (this) {
            if (!closed && lost == null) {
                renewer.schedule(this::renewRound, renewed ? periodMillis : Math.min(periodMillis, 1000),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    private synchronized boolean renew() {
        if (closed || lost != null) {
            return false;
        }
        long sent = System.nanoTime();
        // unanswered keeps the last round's verdict until this round has one: ensureHeld reads it unlocked, and a
        // reset here would make a lost server look like a lost lock to a check that falls inside the round.
        try {
            if (tryUpdate(held.renewedAt(now()))) {
                renewedNanos = sent;
                renewError = null;
                unanswered = false;
                return true;
            }
            LeaseRecord current = readOnce();
            if (current == null) {
                lose("someone deleted the Lease " + name);
            } else if (!holder.equals(current.holder())) {
                currentHolder = current.holder();
                lose("it was taken over by " + current.holder());
            } else if (tryUpdate(current.renewedAt(now()))) {
                renewedNanos = sent;
                renewError = null;
                unanswered = false;
                return true;
            }
        } catch (PaycliException e) {
            renewError = e.getMessage();
            unanswered = Transient.isConnectionFailure(e.getCause());
        } catch (KubernetesClientException e) {
            renewError = ClusterErrors.serverMessage(e);
            unanswered = Transient.isConnectionFailure(e);
        }
        return false;
    }

    private synchronized String lose(String why) {
        if (lost == null) {
            lost = why;
        }
        return lost;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        renewer.shutdownNow();
        if (lost != null || held == null) {
            return;
        }
        try {
            if (!tryDelete(held.resourceVersion())) {
                LeaseRecord current = read();
                if (current != null && holder.equals(current.holder())) {
                    tryDelete(current.resourceVersion());
                }
            }
        } catch (PaycliException | KubernetesClientException e) {
            // Releasing is best effort: a lease that cannot be deleted runs out after its TTL.
        }
    }

    /**
     * Whether nobody has written the Lease for longer than its duration, by the server's clock. The times have
     * whole seconds, so a second more is waited, never less. A server that gives no write times is watched
     * instead: expired once its version stays the same for the whole duration on our monotonic clock.
     */
    private boolean expired(LeaseRecord current) {
        Duration age = cluster.serverClock().since(current.lastWritten());
        if (age != null) {
            return current.runOut(age);
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(current.durationSeconds() + 1L);
        while (System.nanoTime() < end) {
            pause(ROUNDS);
            LeaseRecord again = read();
            if (again == null || !again.resourceVersion().equals(current.resourceVersion())) {
                return again == null;
            }
        }
        return true;
    }

    private boolean tryCreate(LeaseRecord record) {
        Call call = new Call("create", API_VERSION, "Lease", namespace, name);
        try {
            Map<String, Object> created = cluster.toMap(leases().resource(resource(record)).create());
            held = LeaseRecord.of(created);
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409 || Transient.isRetryable(e)) {
                return false; // it exists, or we cannot know whether ours landed: read it
            }
            throw cluster.calls().errors().translate(call, e, 1);
        }
    }

    /** A compare-and-swap write; false when the Lease changed or went away since the version it carries. */
    private boolean tryUpdate(LeaseRecord record) {
        Call call = new Call("update", API_VERSION, "Lease", namespace, name);
        try {
            held = LeaseRecord.of(cluster.toMap(leases().resource(resource(record)).update()));
            return true;
        } catch (KubernetesClientException e) {
            if (Transient.isRetryable(e)) {
                renewError = Transient.isConnectionFailure(e) ? Transient.why(e) : ClusterErrors.serverMessage(e);
                unanswered = Transient.isConnectionFailure(e);
                return false;
            }
            if (e.getCode() == 409 || e.getCode() == 404) {
                return false;
            }
            throw cluster.calls().errors().translate(call, e, 1);
        }
    }

    private boolean tryDelete(String resourceVersion) {
        Call call = new Call("delete", API_VERSION, "Lease", namespace, name);
        try {
            cluster.calls().idempotent(call, () -> leases().withName(name).lockResourceVersion(resourceVersion)
                    .delete());
            return true;
        } catch (PaycliException e) {
            if (e.getCause() instanceof KubernetesClientException k && k.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    private LeaseRecord read() {
        Call call = new Call("get", API_VERSION, "Lease", namespace, name);
        GenericKubernetesResource lease = cluster.calls().idempotent(call, () -> leases().withName(name).get());
        return lease == null ? null : LeaseRecord.of(cluster.toMap(lease));
    }

    /** One try: a renewal must not spend its deadline on retries; the next round tries again. */
    private LeaseRecord readOnce() {
        Call call = new Call("get", API_VERSION, "Lease", namespace, name);
        GenericKubernetesResource lease = cluster.calls().once(call, () -> leases().withName(name).get());
        return lease == null ? null : LeaseRecord.of(cluster.toMap(lease));
    }

    /** The time to write into the Lease: the server's, when an answer has told it. */
    private Instant now() {
        Instant server = cluster.serverClock().now();
        return server != null ? server : cluster.clock().instant();
    }

    private LockHeldException held(LeaseRecord current) {
        Duration age = cluster.serverClock().since(current.lastWritten());
        Duration left = age == null ? Duration.ofSeconds(current.durationSeconds())
                : Duration.ofSeconds(current.durationSeconds() + 1L).minus(age);
        Instant expires = current.lastWritten() == null ? null
                : current.lastWritten().plusSeconds(current.durationSeconds() + 1L);
        return new LockHeldException("another deploy of " + app + " in " + namespace + " holds the lock: "
                + current.holder() + ", since " + seconds(current.acquired()) + " (expires in "
                + Math.max(1, left.toSeconds()) + " s unless renewed); wait for it or, if that deploy is dead, the"
                + " lock expires at " + seconds(expires) + " by the API server's clock", current.holder());
    }

    private NonNamespaceOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>> leases() {
        return cluster.in(API_VERSION, "Lease", namespace);
    }

    private GenericKubernetesResource resource(LeaseRecord record) {
        return cluster.toResource(record.toObject(namespace, name));
    }

    private static String seconds(Instant time) {
        return time == null ? "an unknown time" : time.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void pause(int round) {
        try {
            Thread.sleep(Math.min(1000, 50L * round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while taking the deploy lock", e);
        }
    }
}
