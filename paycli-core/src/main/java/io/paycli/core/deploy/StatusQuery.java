package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import io.paycli.core.render.ManifestYaml;
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
        return new Status(target, current, latest, objects, holder);
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
