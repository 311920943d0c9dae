package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.Health;
import io.paycli.core.cluster.WaitRules;
import io.paycli.core.model.Colour;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.render.BlueGreenLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The steps every path of a blue-green app shares: raising a colour to the capacity that serves before traffic
 * moves to it, the switch itself (one apply of the Service {@code <app>}'s selector, then the autoscaler follows),
 * and settling a colour without an autoscaler on the count the render asked for once it serves.
 */
final class ColourSwitch {
    private final ClusterGateway cluster;
    private final String app;
    private final ColourScale scale;
    private final Consumer<DeployEvent> events;
    private final Runnable checkpoint;
    private final Duration failFastGrace;

    ColourSwitch(ClusterGateway cluster, String namespace, String app, Consumer<DeployEvent> events,
                 Runnable checkpoint, Duration failFastGrace) {
        this.cluster = cluster;
        this.app = app;
        this.scale = new ColourScale(cluster, namespace, app, checkpoint);
        this.events = events;
        this.checkpoint = checkpoint;
        this.failFastGrace = failFastGrace;
    }

    ColourScale scale() {
        return scale;
    }

    /**
     * The count a colour needs before traffic moves to it: the ready replicas of the Deployment that serves now
     * ({@code serving}, null when none does), the HPA's current count, and the render's own count (or the HPA's
     * minimum), whichever is largest; at least 1.
     */
    int capacity(String serving, Optional<Manifest> hpa, Integer rendered) {
        int ready = serving == null ? 0 : scale.ready(serving);
        int autoscaled = scale.autoscalerCount(hpa);
        int floor = rendered != null ? rendered : hpa.map(h -> PreScale.bounds(h)[0]).orElse(1);
        return Math.max(1, Math.max(floor, Math.max(ready, autoscaled)));
    }

    /** Sets the colour's count under paycli-scale and says why. */
    void raise(Colour colour, int count, String serving) {
        scale.set(colour, count);
        events.accept(DeployEvent.resource(Step.APPLY, scale.ref(colour), "scaled to " + count + " replicas"
                + (serving == null ? "" : " before traffic moves (" + serving + " has " + scale.ready(serving)
                + " ready)")));
    }

    /** Raises a colour that has fewer replicas than {@code count} and waits until they are ready. */
    Health raiseAndWait(Colour colour, int count, String serving, Instant deadline) {
        if (scale.replicas(BlueGreenLayout.deployment(app, colour)) < count) {
            raise(colour, count, serving);
        }
        ObjectRef ref = scale.ref(colour);
        events.accept(DeployEvent.step(Step.WAIT, Kind.STARTED, ref.name() + " to have " + count + " ready"));
        Health health = cluster.awaitHealthy(List.of(ref), deadline, new WaitRules(Map.of(), failFastGrace), events,
                checkpoint);
        events.accept(DeployEvent.step(Step.WAIT, health.healthy() ? Kind.DONE : Kind.FAILED, health.reason()));
        return health;
    }

    /**
     * Moves traffic: applies the Service {@code <app>} of {@code set} laid out on {@code colour} (its selector is
     * the only field that changes), then the autoscaler retargeted to the colour. Returns the switched set.
     */
    List<Manifest> switchTo(List<Manifest> set, Colour colour) {
        List<Manifest> switched = BlueGreenLayout.switchedTo(set, app, colour);
        for (Manifest m : switched) {
            if (m.kind().equals("Service") && m.name().equals(app)) {
                checkpoint.run();
                cluster.apply(m, false, events);
                events.accept(DeployEvent.resource(Step.APPLY, ObjectRef.of(m), "now selects " + colour.id()
                        + ": traffic switched to " + BlueGreenLayout.deployment(app, colour)));
            }
        }
        for (Manifest m : switched) {
            if (m.kind().equals(PreScale.KIND)) {
                checkpoint.run();
                cluster.apply(m, false, events);
                events.accept(DeployEvent.resource(Step.APPLY, ObjectRef.of(m), "now scales "
                        + BlueGreenLayout.deployment(app, colour)));
            }
        }
        return switched;
    }

    /**
     * A colour without an autoscaler goes to the count its render asked for once it serves (it was raised to the
     * serving count before); with an autoscaler, the HPA decides from now on.
     */
    void settle(Colour colour, List<Manifest> set) {
        if (PreScale.hpaOf(set).isPresent()) {
            return;
        }
        Optional<Map<String, Object>> live = scale.live(colour);
        String wanted = live.map(d -> d.get("metadata") instanceof Map<?, ?> meta
                && meta.get("annotations") instanceof Map<?, ?> a ? a.get(BlueGreenLayout.REPLICAS) : null)
                .map(String::valueOf).orElse(null);
        if (wanted == null || Integer.parseInt(wanted) == ColourScale.number(live.get(), "spec", "replicas")) {
            return;
        }
        scale.set(colour, Integer.parseInt(wanted));
        events.accept(DeployEvent.resource(Step.APPLY, scale.ref(colour), "set to the " + wanted
                + " replicas the render asks for, now that it serves"));
    }
}
