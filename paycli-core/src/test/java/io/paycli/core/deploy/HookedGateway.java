package io.paycli.core.deploy;

import io.paycli.core.cluster.Access;
import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.DeployLock;
import io.paycli.core.cluster.Health;
import io.paycli.core.cluster.HealthWatch;
import io.paycli.core.cluster.ReleaseStore;
import io.paycli.core.cluster.WaitRules;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A real gateway whose applies of rendered objects pass a hook before they are sent and after their answer (or
 * failure), on the thread that sends them, and whose permission reviews and listings of release records pass one as
 * they start: a test can hold one request while it looks at the others.
 */
final class HookedGateway implements ClusterGateway {
    private final ClusterGateway real;
    volatile Consumer<Manifest> before = m -> { };
    volatile Consumer<Manifest> after = m -> { };
    /** Runs as the permission review ("denied") and the listing of release records ("list records") start. */
    volatile Consumer<String> call = c -> { };

    HookedGateway(ClusterGateway real) {
        this.real = real;
    }

    @Override
    public Map<String, Object> apply(Manifest manifest, boolean dryRun, Consumer<DeployEvent> events) {
        before.accept(manifest);
        try {
            return real.apply(manifest, dryRun, events);
        } finally {
            after.accept(manifest);
        }
    }

    @Override
    public String context() {
        return real.context();
    }

    @Override
    public String server() {
        return real.server();
    }

    @Override
    public Map<String, Object> apply(Manifest manifest, boolean dryRun) {
        return real.apply(manifest, dryRun);
    }

    @Override
    public OptionalInt handOverReplicas(Manifest workload, boolean dryRun) {
        return real.handOverReplicas(workload, dryRun);
    }

    @Override
    public Map<String, Object> applyAs(Manifest manifest, String fieldManager) {
        return real.applyAs(manifest, fieldManager);
    }

    @Override
    public List<Map<String, Object>> list(String apiVersion, String kind, String namespace,
            Map<String, String> labels) {
        return real.list(apiVersion, kind, namespace, labels);
    }

    @Override
    public Optional<Map<String, Object>> get(ObjectRef ref) {
        return real.get(ref);
    }

    @Override
    public void create(Manifest manifest) {
        real.create(manifest);
    }

    @Override
    public Access resourceOf(String apiVersion, String kind) {
        return real.resourceOf(apiVersion, kind);
    }

    @Override
    public List<Access> denied(List<Access> asks) {
        call.accept("denied");
        return real.denied(asks);
    }

    @Override
    public void delete(ObjectRef ref) {
        real.delete(ref);
    }

    @Override
    public boolean deleteUnchanged(ObjectRef ref, String resourceVersion) {
        return real.deleteUnchanged(ref, resourceVersion);
    }

    @Override
    public Health awaitHealthy(List<ObjectRef> objects, Instant deadline, WaitRules rules,
            Consumer<DeployEvent> events, Runnable checkpoint) {
        return real.awaitHealthy(objects, deadline, rules, events, checkpoint);
    }

    @Override
    public HealthWatch watchHealth(List<ObjectRef> objects, Map<ObjectRef, Map<String, Object>> applied) {
        return real.watchHealth(objects, applied);
    }

    @Override
    public Health awaitHealthy(HealthWatch started, Instant deadline, WaitRules rules, Consumer<DeployEvent> events,
            Runnable checkpoint) {
        return real.awaitHealthy(started, deadline, rules, events, checkpoint);
    }

    @Override
    public void awaitDeleted(ObjectRef ref, Instant deadline, Runnable checkpoint) {
        real.awaitDeleted(ref, deadline, checkpoint);
    }

    @Override
    public DeployLock lock(String namespace, String app, String holder, Duration ttl) {
        return real.lock(namespace, app, holder, ttl);
    }

    @Override
    public void retryUntil(Instant deadline) {
        real.retryUntil(deadline);
    }

    @Override
    public Optional<String> lockHolder(String namespace, String app) {
        return real.lockHolder(namespace, app);
    }

    @Override
    public <T> List<T> concurrently(List<? extends Supplier<? extends T>> work) {
        return real.concurrently(work);
    }

    @Override
    public ReleaseStore releases(String namespace) {
        ReleaseStore store = real.releases(namespace);
        return new ReleaseStore() {
            @Override
            public List<Release> list(String app, String env) {
                call.accept("list records");
                return store.list(app, env);
            }

            @Override
            public Optional<Release> get(String app, String env, int revision) {
                return store.get(app, env, revision);
            }

            @Override
            public void save(Release release) {
                store.save(release);
            }

            @Override
            public void requireFits(Release release) {
                store.requireFits(release);
            }

            @Override
            public void prune(String app, String env, int keep) {
                store.prune(app, env, keep);
            }

            @Override
            public void record(Release release, int keep) {
                store.record(release, keep);
            }
        };
    }

    @Override
    public void close() {
        real.close();
    }
}
