package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import io.paycli.core.render.BlueGreenLayout;
import io.paycli.core.render.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reconcile: scales to 0 the colour that served before a switch once its switch-back window has ended, and records
 * it in the app's history. Found from the colours' Deployments, then confirmed from the app's release record.
 */
final class IdleColours implements ReconcileAction {
    @Override
    public List<ReconcileItem> due(ClusterGateway cluster, String namespace, Instant now) {
        Set<String> apps = new LinkedHashSet<>();
        for (Map<String, Object> d : cluster.list("apps/v1", "Deployment", namespace,
                Map.of(Labels.MANAGED_BY, "paycli"))) {
            Map<?, ?> meta = (Map<?, ?>) d.get("metadata");
            if (meta.get("labels") instanceof Map<?, ?> labels && labels.get(BlueGreenLayout.COLOUR) != null
                    && labels.get(Labels.INSTANCE) instanceof String app && labels.get(Labels.ENV) instanceof String env) {
                apps.add(meta.get("namespace") + "\n" + app + "\n" + env);
            }
        }
        List<ReconcileItem> due = new ArrayList<>();
        for (String key : apps) {
            String[] parts = key.split("\n");
            dueFor(cluster, parts[0], parts[1], parts[2], now).ifPresent(due::add);
        }
        return due;
    }

    private static Optional<ReconcileItem> dueFor(ClusterGateway cluster, String namespace, String app, String env,
                                                  Instant now) {
        Optional<Release> current = current(cluster, namespace, app, env);
        BlueGreenState state = current.map(Release::blueGreen).orElse(null);
        if (state == null || state.idleWindowEnd() == null || now.isBefore(state.idleWindowEnd())) {
            return Optional.empty();
        }
        ColourScale scale = new ColourScale(cluster, namespace, app, () -> { });
        String name = BlueGreenLayout.deployment(app, state.idle());
        if (scale.replicas(name) == 0) {
            return Optional.empty();
        }
        return Optional.of(new ReconcileItem(namespace, app, env, scale.ref(state.idle()), "scale " + name + " ("
                + state.idleTag() + ") to 0: its switch-back window ended at " + state.idleWindowEnd()));
    }

    @Override
    public String perform(ClusterGateway cluster, ReconcileItem item, Runnable checkpoint, String user, Instant now) {
        if (dueFor(cluster, item.namespace(), item.app(), item.env(), now).isEmpty()) {
            return null;
        }
        return scaleDown(cluster, item.namespace(), item.app(), item.env(), checkpoint, user, now, "paycli reconcile");
    }

    /** Scales the idle colour to 0 and records it; the caller holds the lock and has checked the window ended. */
    static String scaleDown(ClusterGateway cluster, String namespace, String app, String env, Runnable checkpoint,
                            String user, Instant now, String by) {
        List<Release> history = cluster.releases(namespace).list(app, env);
        Release current = history.stream().filter(r -> r.result() == Result.SUCCEEDED).findFirst().orElseThrow();
        BlueGreenState state = current.blueGreen();
        new ColourScale(cluster, namespace, app, checkpoint).set(state.idle(), 0);
        String message = "scaled " + ColourRecords.describe(state.idle(), state.idleTag(), state.idleRevision())
                + " to 0: its switch-back window ended at " + state.idleWindowEnd() + " (" + by + ")";
        checkpoint.run();
        Release entry = ColourRecords.entry(current, history.get(0).revision() + 1, user, now, 0, message,
                current.manifests(), new BlueGreenState(state.live(), state.idle(), state.idleTag(),
                        state.idleRevision(), null, state.phase()));
        cluster.releases(namespace).save(entry);
        cluster.releases(namespace).prune(app, env, ReleasePipeline.KEEP_REVISIONS);
        return message;
    }

    private static Optional<Release> current(ClusterGateway cluster, String namespace, String app, String env) {
        return cluster.releases(namespace).list(app, env).stream().filter(r -> r.result() == Result.SUCCEEDED)
                .findFirst();
    }

}
