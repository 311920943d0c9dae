package io.paycli.core.archive;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.model.ObjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Puts a captured installation on a cluster, in the capture's dependency order, by server-side apply under
 * paycli's field manager. An object already as captured is not written: a server-side dry-run apply shows what
 * the server would store, and when that equals what it stores (server-managed fields aside) nothing is sent, so
 * a second run makes no write. Before the first custom resource, every captured CustomResourceDefinition must be
 * Established. A failed object is reported and the rest go on.
 */
final class InstallApply {
    static final Duration DEFAULT_ESTABLISH_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 100;

    private final ClusterGateway target;
    private final NamespaceMap namespaces;
    private final boolean dryRun;
    private final Consumer<DeployEvent> events;
    private final Duration establishTimeout;

    private final List<ObjectRef> applied = new ArrayList<>();
    private final List<ObjectRef> unchanged = new ArrayList<>();
    private final List<InstallResult.Failure> failed = new ArrayList<>();

    InstallApply(ClusterGateway target, NamespaceMap namespaces, boolean dryRun, Consumer<DeployEvent> events,
            Duration establishTimeout) {
        this.target = target;
        this.namespaces = namespaces;
        this.dryRun = dryRun;
        this.events = events;
        this.establishTimeout = establishTimeout;
    }

    InstallResult apply(List<InstallObject> objects, List<SecretEntry> secrets) {
        List<ObjectRef> definitions = new ArrayList<>();
        boolean waited = false;
        for (InstallObject captured : objects) {
            InstallObject object = namespaces.apply(captured);
            boolean custom = InstallKinds.rank(object.apiVersion(), object.kind()) == InstallKinds.ALL.size();
            if (custom && !waited) {
                awaitEstablished(definitions);
                waited = true;
            }
            if (put(object) && object.kind().equals("CustomResourceDefinition")) {
                definitions.add(object.ref());
            }
        }
        List<SecretEntry> missing = new ArrayList<>();
        for (SecretEntry secret : secrets) {
            String namespace = namespaces.target(secret.namespace());
            try {
                if (target.get(new ObjectRef("v1", "Secret", namespace, secret.name())).isEmpty()) {
                    missing.add(new SecretEntry(namespace, secret.name(), secret.type()));
                }
            } catch (PaycliException e) {
                missing.add(new SecretEntry(namespace, secret.name(), secret.type()));
            }
        }
        return new InstallResult(applied, unchanged, failed, missing);
    }

    /** Applies one object unless it is already as captured; false when it failed. */
    private boolean put(InstallObject object) {
        ObjectRef ref = object.ref();
        try {
            Optional<Map<String, Object>> live = target.get(ref);
            if (live.isPresent()) {
                Map<String, Object> preview = target.apply(object.manifest(), true);
                if (ServerFields.strip(preview).equals(ServerFields.strip(live.get()))) {
                    unchanged.add(ref);
                    events.accept(DeployEvent.resource(Step.APPLY, ref, "unchanged"));
                    return true;
                }
            }
            if (!dryRun) {
                target.apply(object.manifest(), false);
            }
            applied.add(ref);
            events.accept(DeployEvent.resource(Step.APPLY, ref, dryRun ? "would apply" : "applied"));
            return true;
        } catch (PaycliException e) {
            if (dryRun && live(ref).isEmpty()) {
                // A dry run cannot check an object whose namespace or definition a real run would create first.
                applied.add(ref);
                events.accept(DeployEvent.resource(Step.APPLY, ref, "would apply"));
                return true;
            }
            failed.add(new InstallResult.Failure(ref, e.getMessage()));
            events.accept(new DeployEvent(Step.APPLY, DeployEvent.Kind.FAILED, ref, e.getMessage()));
            return false;
        }
    }

    private Optional<Map<String, Object>> live(ObjectRef ref) {
        try {
            return target.get(ref);
        } catch (PaycliException e) {
            return Optional.empty();
        }
    }

    /**
     * Waits until each definition reports Established=True; one that does not by the timeout is said, and its
     * custom resources then fail on their own. A few objects and one condition: a short poll is enough here.
     */
    private void awaitEstablished(List<ObjectRef> definitions) {
        if (dryRun) {
            return;
        }
        Instant deadline = Instant.now().plus(establishTimeout);
        for (ObjectRef crd : definitions) {
            while (!established(crd)) {
                if (Instant.now().isAfter(deadline)) {
                    events.accept(new DeployEvent(Step.APPLY, DeployEvent.Kind.WARNING, crd,
                            "not Established after " + establishTimeout.toSeconds() + "s"));
                    break;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private boolean established(ObjectRef crd) {
        Map<String, Object> status = InstallReader.map(live(crd).map(c -> c.get("status")).orElse(null));
        for (Object c : status.get("conditions") instanceof List<?> l ? l : List.of()) {
            Map<String, Object> condition = InstallReader.map(c);
            if ("Established".equals(condition.get("type")) && "True".equals(condition.get("status"))) {
                return true;
            }
        }
        return false;
    }
}
