package io.paycli.core.cluster;

import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
     * {@link #apply(Manifest, boolean)} of an object paycli renders: when the object was made or
     * changed by {@code kubectl apply} (client side), paycli adopts its fields, so that what the
     * render no longer has is removed; that is said once in {@code events}. The plain
     * {@code apply} adopts nothing (a namespace paycli creates is not paycli's to clean up).
     */
    default Map<String, Object> apply(Manifest manifest, boolean dryRun, Consumer<DeployEvent> events) {
        return apply(manifest, dryRun);
    }

    /**
     * Before a workload is applied without {@code spec.replicas} (its HPA takes over), hands the
     * field to a separate field manager, without force, as the Kubernetes docs describe, so that
     * the server does not reset it to 1. Does nothing when the object does not exist or paycli
     * does not own the field, and treats a conflict (the HPA controller has changed the count
     * already) as handed over. Returns the count handed over; with {@code dryRun} nothing is
     * written and the count a handover would keep is returned.
     */
    OptionalInt handOverReplicas(Manifest workload, boolean dryRun);

    /**
     * Server-side apply, forced, under a field manager of paycli's other than {@code paycli}, for fields another
     * owner than the render must hold (a pre-scale override). Applying an object that names no fields gives up
     * every field that manager owned; fields no one else owns are then removed.
     */
    Map<String, Object> applyAs(Manifest manifest, String fieldManager);

    /** The objects of a kind with all the given labels, in a namespace, or in every namespace when it is null. */
    List<Map<String, Object>> list(String apiVersion, String kind, String namespace, Map<String, String> labels);

    Optional<Map<String, Object>> get(ObjectRef ref);

    /**
     * Creates an object that does not exist (a plain create, which needs only the {@code create} verb). An object
     * that exists by now, made by someone else meanwhile, is fine.
     */
    void create(Manifest manifest);

    /** The resource (plural) and group that serve a kind, as RBAC names them; a custom kind is discovered. */
    Access resourceOf(String apiVersion, String kind);

    /**
     * Of the given permissions, those the user of this context does not have, asked of the server
     * (SelfSubjectRulesReview, then SelfSubjectAccessReview for what the rules do not show).
     */
    List<Access> denied(List<Access> asks);

    /** Deletes with background propagation. A missing object is not an error. */
    void delete(ObjectRef ref);

    /**
     * Deletes with background propagation only while the object is at {@code resourceVersion} (a delete
     * precondition); false when someone changed it since it was read. A missing object is not an error.
     */
    boolean deleteUnchanged(ObjectRef ref, String resourceVersion);

    /**
     * Waits with watches until every object is healthy (Deployment rolled out with the
     * {@code kubectl rollout status} rules, Job complete, HPA reporting on its target) or the
     * deadline passes. Progress and the reasons pods are not ready go to {@code events}.
     */
    default Health awaitHealthy(List<ObjectRef> objects, Instant deadline, Consumer<DeployEvent> events) {
        return awaitHealthy(objects, deadline, WaitRules.defaults(), events, () -> { });
    }

    /**
     * As above, counting only what this rollout did: conditions written and pods created since
     * each object's {@code rules.applied()} time (server time). New pods that cannot start end the wait after
     * {@code rules.failFastGrace()}, a crash loop after 3 restarts, and a paused Deployment at
     * once. Watching pods and events is best effort: without the rights, one warning, and the wait
     * goes on by the workloads' own status. {@code checkpoint} runs at least every half second; what it throws
     * ends the wait.
     */
    Health awaitHealthy(List<ObjectRef> objects, Instant deadline, WaitRules rules, Consumer<DeployEvent> events,
            Runnable checkpoint);

    /**
     * Starts now the watches that a wait for {@code objects} needs, so that their requests go out while the caller
     * still applies the objects that come after the workloads, and prunes. {@code applied} has the objects as their
     * apply returned them (a workload's selector names the pods to watch); it may lack some. Hand the result to
     * {@link #awaitHealthy(HealthWatch, Instant, WaitRules, Consumer, Runnable)}, or close it when there is no
     * wait after all. This default starts nothing, and the wait starts its own.
     */
    default HealthWatch watchHealth(List<ObjectRef> objects, Map<ObjectRef, Map<String, Object>> applied) {
        return HealthWatch.deferred(objects);
    }

    /** {@link #awaitHealthy(List, Instant, WaitRules, Consumer, Runnable)} with watches already started; closes them. */
    default Health awaitHealthy(HealthWatch started, Instant deadline, WaitRules rules, Consumer<DeployEvent> events,
            Runnable checkpoint) {
        try (started) {
            return awaitHealthy(started.objects(), deadline, rules, events, checkpoint);
        }
    }

    /**
     * Waits with a watch until an object that is being deleted is gone. {@code checkpoint} runs at least every
     * half second; what it throws ends the wait.
     *
     * @throws io.paycli.core.error.DeployFailedException when it is still there at the deadline, naming its
     *         finalizers
     */
    void awaitDeleted(ObjectRef ref, Instant deadline, Runnable checkpoint);

    /**
     * Takes the deploy lock of an app in a namespace: a Lease with a holder and a TTL, renewed
     * in the background until the lock is closed. An expired lease is taken over.
     *
     * @throws io.paycli.core.error.LockHeldException naming the holder when another deploy holds it
     */
    DeployLock lock(String namespace, String app, String holder, Duration ttl);

    /**
     * From now on, idempotent requests that fail for a reason that may pass (429, 5xx, a dropped connection) are
     * retried until this deadline, however many attempts that takes; null goes back to a short budget per request.
     */
    void retryUntil(Instant deadline);

    /**
     * Who holds the deploy lock of an app now, when a Lease that has not expired names a holder; empty when
     * there is none, or when this user may not read Leases (a status needs no such right).
     */
    Optional<String> lockHolder(String namespace, String app);

    /**
     * Runs pieces of work that send requests and do not depend on one another, at once, on a few threads of this
     * gateway's own (closed with it), and returns their results in the given order. It returns only when nothing
     * it started still runs; once a piece fails, those after it that have not started are skipped; and it throws
     * the failure of the first piece, in the given order, that failed. This default runs them one after another,
     * which keeps the same promises.
     */
    default <T> List<T> concurrently(List<? extends Supplier<? extends T>> work) {
        List<T> results = new ArrayList<>(work.size());
        work.forEach(w -> results.add(w.get()));
        return results;
    }

    /** The release records of a namespace. */
    ReleaseStore releases(String namespace);

    @Override
    void close();
}
