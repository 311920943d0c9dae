package io.paycli.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * kube-apiserver's naming and establishing controllers, simplified: a moment after a CustomResourceDefinition is
 * stored, its names are accepted and it becomes Established (status.conditions, acceptedNames, storedVersions).
 * Only an established definition's kinds are served and discovered (see {@link ResourceCatalog}), so a custom
 * resource sent at once after its definition gets 404, as on a real server.
 */
final class CrdEstablishing implements ObjectStore.Listener {

    static final String CONTROLLER = "kube-apiserver";

    private final ObjectStore store;
    private final ScheduledExecutorService scheduler;
    private final long delayMillis;

    CrdEstablishing(ObjectStore store, ScheduledExecutorService scheduler, Duration delay) {
        this.store = store;
        this.scheduler = scheduler;
        this.delayMillis = Math.max(1, delay.toMillis());
    }

    @Override
    public void changed(ObjectStore.Change change) {
        Map<String, Object> object = change.object();
        if (change.type().equals("DELETED") || !"CustomResourceDefinition".equals(object.get("kind"))
                || !"apiextensions.k8s.io/v1".equals(object.get("apiVersion")) || established(object)) {
            return;
        }
        String name = Json.string(object, "metadata", "name");
        scheduler.schedule(() -> establish(name), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** True when the definition's status says Established=True. */
    @SuppressWarnings("unchecked")
    static boolean established(Map<String, Object> crd) {
        for (Object c : Json.list(crd, "status", "conditions")) {
            Map<String, Object> condition = (Map<String, Object>) c;
            if ("Established".equals(condition.get("type")) && "True".equals(condition.get("status"))) {
                return true;
            }
        }
        return false;
    }

    private void establish(String name) {
        String path = ResourceCatalog.CRDS.objectPath(null, name);
        synchronized (store) {
            Map<String, Object> crd = store.get(path);
            if (crd == null || established(crd)) {
                return;
            }
            Map<String, Object> status = new LinkedHashMap<>();
            String now = Pods.now();
            status.put("conditions", List.of(
                    condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
                    condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)));
            Map<String, Object> names = Json.map(crd, "spec", "names");
            status.put("acceptedNames", names == null ? Map.of() : names);
            status.put("storedVersions", storedVersions(crd));
            crd.put("status", status);
            Timeline.as(new Timeline.Actor(CONTROLLER, "update", "status"), () -> store.replaceStatus(path, crd));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> storedVersions(Map<String, Object> crd) {
        List<String> stored = new ArrayList<>();
        for (Object v : Json.list(crd, "spec", "versions")) {
            Map<String, Object> version = (Map<String, Object>) v;
            if (Boolean.TRUE.equals(version.get("storage"))) {
                stored.add(String.valueOf(version.get("name")));
            }
        }
        return stored;
    }

    private static Map<String, Object> condition(String type, String reason, String message, String now) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", type);
        condition.put("status", "True");
        condition.put("lastTransitionTime", now);
        condition.put("reason", reason);
        condition.put("message", message);
        return condition;
    }
}
