package io.paycli.core.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.paycli.core.error.ClusterException;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The cluster gateway on the fabric8 client: server-side apply, label inventory, watches, Lease lock, release Secrets. */
public final class Fabric8ClusterGateway implements ClusterGateway {

    private final ClusterClient cluster;
    private final Inventory inventory;
    private final Applier applier;
    private final HealthWait health;
    private final AccessReview access;

    /**
     * @param config the client configuration of the context (from the kubeconfig); its timeouts and retry
     *        settings are set here, the same for every cluster
     * @param context the context's name, for messages
     * @param clock this machine's clock: deadlines and retries only; the lock judges time by the server's clock
     */
    public Fabric8ClusterGateway(Config config, String context, Clock clock) {
        this(ClusterClient.open(config, context, RetryPolicy.standard(), Map.of(), clock));
    }

    Fabric8ClusterGateway(ClusterClient cluster) {
        this.cluster = cluster;
        this.inventory = new Inventory(cluster);
        this.applier = new Applier(cluster, inventory);
        this.health = new HealthWait(cluster);
        this.access = new AccessReview(cluster);
    }

    /** A gateway whose requests also pass the given interceptors, so a test can see them. */
    static Fabric8ClusterGateway observed(Config config, String context, Map<String, Interceptor> interceptors,
            Clock clock) {
        return new Fabric8ClusterGateway(ClusterClient.open(config, context, RetryPolicy.standard(), interceptors,
                clock));
    }

    @Override
    public String context() {
        return cluster.context();
    }

    @Override
    public String server() {
        return cluster.server();
    }

    @Override
    public Map<String, Object> apply(Manifest manifest, boolean dryRun) {
        return applier.apply(manifest, dryRun, true);
    }

    /** Apply without force, so that fields another manager owns conflict (409) instead of being taken. */
    Map<String, Object> applyWithoutForce(Manifest manifest) {
        return applier.apply(manifest, false, false);
    }

    @Override
    public Map<String, Object> apply(Manifest manifest, boolean dryRun, Consumer<DeployEvent> events) {
        return applier.applyRendered(manifest, dryRun, true, events);
    }

    @Override
    public Map<String, Object> applyAs(Manifest manifest, String fieldManager) {
        return applier.applyAs(manifest, fieldManager);
    }

    @Override
    public List<Map<String, Object>> list(String apiVersion, String kind, String namespace,
            Map<String, String> labels) {
        return inventory.list(apiVersion, kind, namespace, labels);
    }

    @Override
    public OptionalInt handOverReplicas(Manifest workload, boolean dryRun) {
        return applier.handOverReplicas(workload, dryRun);
    }

    @Override
    public void create(Manifest manifest) {
        applier.create(manifest);
    }

    @Override
    public Optional<Map<String, Object>> get(ObjectRef ref) {
        return inventory.get(ref);
    }

    @Override
    public Access resourceOf(String apiVersion, String kind) {
        var where = cluster.definition(apiVersion, kind);
        return new Access(null, where.getGroup() == null ? "" : where.getGroup(), where.getPlural(), null);
    }

    @Override
    public List<Access> denied(List<Access> asks) {
        return access.denied(asks);
    }

    @Override
    public void delete(ObjectRef ref) {
        inventory.delete(ref);
    }

    @Override
    public boolean deleteUnchanged(ObjectRef ref, String resourceVersion) {
        return inventory.deleteUnchanged(ref, resourceVersion);
    }

    @Override
    public Health awaitHealthy(List<ObjectRef> objects, Instant deadline, WaitRules rules,
            Consumer<DeployEvent> events, Runnable checkpoint) {
        return health.await(objects, deadline, rules, events, checkpoint);
    }

    @Override
    public HealthWatch watchHealth(List<ObjectRef> objects, Map<ObjectRef, Map<String, Object>> applied) {
        return health.watch(objects, applied);
    }

    @Override
    public Health awaitHealthy(HealthWatch started, Instant deadline, WaitRules rules, Consumer<DeployEvent> events,
            Runnable checkpoint) {
        return health.await(started, deadline, rules, events, checkpoint);
    }

    @Override
    public void awaitDeleted(ObjectRef ref, Instant deadline, Runnable checkpoint) {
        new DeletionWait(cluster).await(ref, deadline, checkpoint);
    }

    @Override
    public DeployLock lock(String namespace, String app, String holder, Duration ttl) {
        return LeaseLock.acquire(cluster, namespace, app, holder, ttl);
    }

    @Override
    public Optional<String> lockHolder(String namespace, String app) {
        return LeaseLock.holder(cluster, namespace, app);
    }

    @Override
    public void retryUntil(Instant deadline) {
        cluster.calls().retryUntil(deadline);
    }

    @Override
    public <T> List<T> concurrently(List<? extends Supplier<? extends T>> work) {
        return cluster.threads().all(work);
    }

    @Override
    public ReleaseStore releases(String namespace) {
        return new SecretReleaseStore(cluster, applier, inventory, namespace);
    }

    /** Asks the server for its version: one cheap request that proves it can be reached. */
    void checkReachable() {
        Call call = new Call("get", null, "the server version", null, null);
        try {
            cluster.calls().idempotent(call, () -> cluster.client().getKubernetesVersion());
        } catch (ClusterException e) {
            if (Transient.isConnectionFailure(e.getCause())) {
                throw new ClusterException(cluster.calls().errors().unreachable(e.getCause()), e.getCause());
            }
            throw e;
        }
    }

    @Override
    public void close() {
        health.close();
        cluster.close();
    }
}
