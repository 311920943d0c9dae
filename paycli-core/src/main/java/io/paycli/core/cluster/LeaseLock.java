package io.paycli.core.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.paycli.core.error.ClusterException;
import io.paycli.core.error.LockHeldException;
import io.paycli.core.error.PaycliException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The deploy lock of an app in a namespace: a Lease named {@code paycli-lock-<app>}. It is taken by creating the
 * Lease, or by taking over an expired one (or one of our own holder) with a compare-and-swap on its
 * resourceVersion; it is renewed in the background every third of its TTL, and released by deleting it with a
 * precondition on the version we wrote, so another holder's Lease is never deleted. A create is never resent
 * blindly: after a failure the Lease is read to learn what happened.
 */
final class LeaseLock implements io.paycli.core.cluster.DeployLock {

    private static final String API_VERSION = "coordination.k8s.io/v1";
    private static final int ROUNDS = 10;

    private final ClusterClient cluster;
    private final String namespace;
    private final String app;
    private final String name;
    private final String holder;
    private final int ttlSeconds;
    private final ScheduledExecutorService renewer;
    private volatile String currentHolder;
    private LeaseRecord held;
    private boolean closed;

    private LeaseLock(ClusterClient cluster, String namespace, String app, String holder, Duration ttl) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.app = app;
        this.name = "paycli-lock-" + app;
        this.holder = holder;
        this.ttlSeconds = LeaseRecord.seconds(ttl);
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
        long period = Math.max(100, ttl.toMillis() / 3);
        lock.renewer.scheduleWithFixedDelay(lock::renew, period, period, TimeUnit.MILLISECONDS);
        return lock;
    }

    /** Our holder while we hold the lock; the holder that took it over if renewal found we lost it. */
    @Override
    public String holder() {
        return currentHolder;
    }

    private synchronized void take() {
        for (int round = 1; round <= ROUNDS; round++) {
            Instant now = cluster.clock().instant();
            LeaseRecord fresh = new LeaseRecord(holder, now, now, ttlSeconds, 0, null, null);
            if (tryCreate(fresh)) {
                return;
            }
            LeaseRecord current = read();
            if (current == null) {
                continue;
            }
            if (current.heldAt(now) && !holder.equals(current.holder())) {
                throw held(current, now);
            }
            if (tryUpdate(current.takenBy(holder, now, ttlSeconds))) {
                return;
            }
            pause(round);
        }
        throw new ClusterException("cannot take the deploy lock " + name + " in namespace " + namespace
                + " in context " + cluster.context() + ": the Lease kept changing under us; try again");
    }

    private synchronized void renew() {
        if (closed || !holder.equals(currentHolder)) {
            return;
        }
        try {
            if (tryUpdate(held.renewedAt(cluster.clock().instant()))) {
                return;
            }
            LeaseRecord current = read();
            Instant now = cluster.clock().instant();
            if (current == null) {
                tryCreate(new LeaseRecord(holder, now, now, ttlSeconds, 0, null, null));
            } else if (holder.equals(current.holder())) {
                tryUpdate(current.renewedAt(now));
            } else {
                currentHolder = current.holder(); // lost: the deploy learns it through holder()
            }
        } catch (PaycliException | KubernetesClientException e) {
            // The API server may come back before the lease runs out; the next round tries again.
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        renewer.shutdown();
        if (!holder.equals(currentHolder) || held == null) {
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
            if (e.getCode() == 409 || e.getCode() == 404 || Transient.isRetryable(e)) {
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

    private LockHeldException held(LeaseRecord current, Instant now) {
        long left = Math.max(1, Duration.between(now, current.expires()).toSeconds());
        return new LockHeldException("another deploy of " + app + " in " + namespace + " holds the lock: "
                + current.holder() + ", since " + seconds(current.acquired()) + " (expires in " + left
                + " s); wait for it or, if that deploy is dead, the lock expires at " + seconds(current.expires()));
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
