package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.Colour;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import io.paycli.core.render.BlueGreenLayout;
import io.paycli.core.render.ManifestYaml;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the release records and the live objects of the current revision. */
final class StatusQuery {
    private StatusQuery() {
    }

    static Status of(ClusterGateway cluster, Target target) {
        List<Release> history = cluster.releases(target.namespace()).list(target.app(), target.env());
        Release latest = history.isEmpty() ? null : history.get(0);
        Release current = history.stream().filter(r -> r.result() == Result.SUCCEEDED).findFirst().orElse(null);
        List<Status.ObjectState> objects = new ArrayList<>();
        if (current != null) {
            for (Manifest m : ManifestYaml.readManifests(current.manifests(), "revision " + current.revision())) {
                ObjectRef ref = ObjectRef.of(m);
                Optional<Map<String, Object>> live = cluster.get(ref);
                objects.add(live.map(o -> describe(ref, o))
                        .orElse(new Status.ObjectState(ref, false, false, "missing")));
            }
        }
        String holder = cluster.lockHolder(target.namespace(), target.app()).orElse(null);
        return new Status(target, current, latest, objects, holder, colours(cluster, target, current));
    }

    /** Both colours of a blue-green revision in place, as they are live; which one serves is read off the Service. */
    private static List<Status.ColourState> colours(ClusterGateway cluster, Target target, Release current) {
        if (current == null || current.blueGreen() == null) {
            return List.of();
        }
        BlueGreenState state = current.blueGreen();
        ColourScale scale = new ColourScale(cluster, target.namespace(), target.app(), () -> { });
        Object selected = cluster.get(new ObjectRef("v1", "Service", target.namespace(), target.app()))
                .map(s -> s.get("spec") instanceof Map<?, ?> spec && spec.get("selector") instanceof Map<?, ?> sel
                        ? sel.get(BlueGreenLayout.COLOUR) : null).orElse(null);
        List<Status.ColourState> colours = new ArrayList<>();
        for (Colour colour : Colour.values()) {
            Optional<Map<String, Object>> live = scale.live(colour);
            int replicas = live.map(d -> ColourScale.number(d, "spec", "replicas")).orElse(0);
            int revision = live.map(ColourRecords::revision).orElse(0);
            Instant scaleDownAt = colour == state.idle() && replicas > 0 ? state.idleWindowEnd() : null;
            colours.add(new Status.ColourState(colour, BlueGreenLayout.deployment(target.app(), colour),
                    colour.id().equals(selected), live.map(ColourRecords::tag).orElse(null),
                    revision == 0 ? null : revision, live.isPresent(),
                    live.map(d -> ColourScale.number(d, "status", "readyReplicas")).orElse(0), replicas, scaleDownAt));
        }
        return colours;
    }

    static Status.ObjectState describe(ObjectRef ref, Map<String, Object> live) {
        Map<?, ?> spec = map(live.get("spec"));
        Map<?, ?> status = map(live.get("status"));
        switch (ref.kind()) {
            case "Deployment", "StatefulSet": {
                int want = number(spec.get("replicas"), 1);
                int ready = number(status.get("readyReplicas"), 0);
                int updated = number(status.get("updatedReplicas"), 0);
                // Old pods next to updated ones: a rollout is under way or stuck (a failure left in place), and
                // the ready pods may all be old ones.
                int old = Math.max(0, number(status.get("replicas"), 0) - updated);
                return new Status.ObjectState(ref, true, ready >= want && updated >= want && old == 0,
                        ready + "/" + want + " ready, " + updated + " up to date"
                                + (old > 0 ? ", " + old + " old" : ""));
            }
            case "Job": {
                boolean done = number(status.get("succeeded"), 0) > 0;
                return new Status.ObjectState(ref, true, done, done ? "complete" : "running");
            }
            case "HorizontalPodAutoscaler": {
                Object current = status.get("currentReplicas");
                return new Status.ObjectState(ref, true, current != null, (current == null ? "no" : current)
                        + " replicas (min " + spec.get("minReplicas") + ", max " + spec.get("maxReplicas") + ")");
            }
            default:
                return new Status.ObjectState(ref, true, true, "present");
        }
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static int number(Object o, int fallback) {
        return o instanceof Number n ? n.intValue() : fallback;
    }
}
