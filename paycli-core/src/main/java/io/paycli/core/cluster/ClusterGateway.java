package io.paycli.core.cluster;

import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything paycli asks of one cluster. This is the only seam to the API server: failures come
 * out as {@link io.paycli.core.error.PaycliException}s that name the resource and the reason
 * (exit 4 for unreachable, unauthorised or forbidden; 3 for a policy or admission denial or an
 * invalid object), never as client exceptions.
 */
public interface ClusterGateway extends AutoCloseable {
    /** The kube context in use. */
    String context();

    /** The API server's URL, for messages. */
    String server();

    /**
     * Server-side apply of a rendered object, field manager {@code paycli}, forced because paycli
     * owns what it renders. With {@code dryRun} the server computes the result and stores
     * nothing. Returns the object as the server has it after the apply.
     */
    Map<String, Object> apply(Manifest manifest, boolean dryRun);

    /**
     * Before a workload is applied without {@code spec.replicas} (its HPA takes over), hands the
     * field to a separate field manager as the Kubernetes docs describe, so that the server
     * does not reset it to 1. Does nothing when the object does not exist or paycli does not
     * own the field.
     */
    void handOverReplicas(Manifest workload);

    Optional<Map<String, Object>> get(ObjectRef ref);

    /** Objects in {@code namespace} that carry all of {@code labels}, of every kind paycli renders. */
    List<ObjectRef> list(String namespace, Map<String, String> labels);

    /** Deletes with background propagation. A missing object is not an error. */
    void delete(ObjectRef ref);

    /**
     * Waits with watches until every object is healthy (Deployment rolled out with the
     * {@code kubectl rollout status} rules, Job complete, HPA reporting on its target) or the
     * deadline passes. Progress and the reasons pods are not ready go to {@code events}.
     */
    default Health awaitHealthy(List<ObjectRef> objects, Instant deadline, Consumer<DeployEvent> events) {
        return awaitHealthy(objects, deadline, WaitRules.defaults(), events);
    }

    /**
     * As above, counting only what this rollout did: conditions written and pods created since
     * each object's {@code rules.applied()} time (server time). New pods that cannot start end the wait after
     * {@code rules.failFastGrace()}, a crash loop after 3 restarts, and a paused Deployment at
     * once. Watching pods and events is best effort: without the rights, one warning, and the wait
     * goes on by the workloads' own status.
     */
    Health awaitHealthy(List<ObjectRef> objects, Instant deadline, WaitRules rules, Consumer<DeployEvent> events);

    /**
     * Takes the deploy lock of an app in a namespace: a Lease with a holder and a TTL, renewed
     * in the background until the lock is closed. An expired lease is taken over.
     *
     * @throws io.paycli.core.error.LockHeldException naming the holder when another deploy holds it
     */
    DeployLock lock(String namespace, String app, String holder, Duration ttl);

    /** The release records of a namespace. */
    ReleaseStore releases(String namespace);

    @Override
    void close();
}
