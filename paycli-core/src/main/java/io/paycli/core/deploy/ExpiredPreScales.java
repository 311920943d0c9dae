package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import io.paycli.core.render.Labels;
import io.paycli.core.render.ManifestYaml;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reconcile: reverts pre-scale overrides whose {@code until} has passed, to the bounds of the HPA in the revision
 * in place, and records each revert in the app's history.
 */
final class ExpiredPreScales implements ReconcileAction {
    @Override
    public List<ReconcileItem> due(ClusterGateway cluster, String namespace, Instant now) {
        List<ReconcileItem> due = new ArrayList<>();
        for (Map<String, Object> hpa : cluster.list("autoscaling/v2", PreScale.KIND, namespace,
                Map.of(Labels.MANAGED_BY, "paycli"))) {
            ObjectRef ref = ref(hpa);
            Optional<PreScaleOverride> o = PreScaleOverride.of(ref, hpa);
            Map<?, ?> labels = hpa.get("metadata") instanceof Map<?, ?> m && m.get("labels") instanceof Map<?, ?> l
                    ? l : Map.of();
            if (o.isPresent() && !o.get().activeAt(now) && labels.get(Labels.INSTANCE) instanceof String app
                    && labels.get(Labels.ENV) instanceof String env) {
                due.add(new ReconcileItem(ref.namespace(), app, env, ref, "revert the expired pre-scale of HPA "
                        + ref.namespace() + "/" + ref.name() + " (" + o.get().describe() + ")"));
            }
        }
        return due;
    }

    @Override
    public String perform(ClusterGateway cluster, ReconcileItem item, Runnable checkpoint, String user,
                          Instant now) {
        PreScale preScale = new PreScale(cluster, e -> { }, checkpoint);
        Optional<PreScaleOverride> o = preScale.live(item.object()).filter(live -> !live.activeAt(now));
        if (o.isEmpty()) {
            return null;
        }
        Optional<Release> current = cluster.releases(item.namespace()).list(item.app(), item.env()).stream()
                .filter(r -> r.result() == Result.SUCCEEDED).findFirst();
        Optional<Manifest> template = current.flatMap(r -> ManifestYaml.readManifests(r.manifests(), "revision "
                + r.revision()).stream().filter(m -> ObjectRef.of(m).equals(item.object())).findFirst());
        if (template.isEmpty()) {
            return "left HPA " + item.object().name() + " as it is: the revision in place of " + item.app() + " ("
                    + item.env() + ") has no such HPA to take the template's values from; paycli scale --revert"
                    + " after a deploy, or remove the paycli.io/prescale-* annotations by hand";
        }
        preScale.revert(template.get());
        String message = PreScaleRecords.reverted(o.get(), PreScale.bounds(template.get()),
                " as it had expired, by paycli reconcile");
        checkpoint.run();
        PreScaleRecords.record(cluster.releases(item.namespace()), item.app(), item.env(), user, now, message);
        return message;
    }

    private static ObjectRef ref(Map<String, Object> hpa) {
        Map<?, ?> metadata = (Map<?, ?>) hpa.get("metadata");
        return new ObjectRef("autoscaling/v2", PreScale.KIND, (String) metadata.get("namespace"),
                (String) metadata.get("name"));
    }
}
