package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.Health;
import io.paycli.core.cluster.WaitRules;
import io.paycli.core.error.DeployFailedException;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.BlueGreenState;
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
import java.util.Set;
import java.util.function.Consumer;

/**
 * The first rolling release of an app that was blue-green: before the Service leaves the live colour, the rolling
 * Deployment is made with the live colour's capacity and waited for, and the idle colour goes to 0. The rolling
 * pipeline then applies the Service (both serve for a moment, as in a rolling update) and prunes the colours.
 */
final class LeavingBlueGreen {
    private final ClusterGateway cluster;
    private final Consumer<DeployEvent> events;
    private final Runnable checkpoint;
    private final Duration failFastGrace;

    LeavingBlueGreen(ClusterGateway cluster, Consumer<DeployEvent> events, Runnable checkpoint,
                     Duration failFastGrace) {
        this.cluster = cluster;
        this.events = events;
        this.checkpoint = checkpoint;
        this.failFastGrace = failFastGrace;
    }

    /** Readies the rolling Deployment of {@code manifests} next to the live colour of {@code state}. */
    void prepare(String app, String namespace, BlueGreenState state, List<Manifest> manifests, Instant deadline) {
        Optional<Manifest> rolling = manifests.stream()
                .filter(m -> m.kind().equals("Deployment") && m.name().equals(app)).findFirst();
        if (rolling.isEmpty()) {
            return;
        }
        String serving = BlueGreenLayout.deployment(app, state.live());
        events.accept(DeployEvent.step(Step.APPLY, Kind.WARNING, "leaving blue-green: " + app + " is made with the"
                + " capacity of " + serving + " before the Service " + app + " moves to it"));
        ColourSwitch colours = new ColourSwitch(cluster, namespace, app, events, checkpoint, failFastGrace);
        Integer rendered = Autoscaling.replicas(rolling.get());
        int count = colours.capacity(serving, PreScale.hpaOf(manifests), rendered);
        Set<String> used = MountedConfigMaps.referencedBy(rolling.get().body().get("spec") instanceof Map<?, ?> s
                && s.get("template") instanceof Map<?, ?> t ? t.get("spec") : null);
        for (Manifest m : manifests) {
            if (m.kind().equals("ConfigMap") && used.contains(m.name())) {
                checkpoint.run();
                cluster.apply(m, false, events);
            }
        }
        checkpoint.run();
        Manifest deployment = rendered == null ? rolling.get() : Autoscaling.withReplicas(rolling.get(),
                Math.max(rendered, count));
        Map<String, Object> applied = cluster.apply(deployment, false, events);
        ColourScale scale = colours.scale();
        if (rendered == null) {
            scale.setDeployment(app, count);
        }
        events.accept(DeployEvent.resource(Step.APPLY, ObjectRef.of(deployment), "made with " + count + " replicas"));
        ObjectRef ref = ObjectRef.of(deployment);
        Instant written = WaitRules.writtenAt(applied);
        Health health = cluster.awaitHealthy(List.of(ref), deadline, new WaitRules(written == null ? Map.of()
                : Map.of(ref, written), failFastGrace), events, checkpoint);
        if (!health.healthy()) {
            String outcome;
            try {
                scale.setDeployment(app, 0);
                outcome = app + " scaled to 0";
            } catch (PaycliException e) {
                outcome = "scaling " + app + " to 0 failed: " + e.getMessage();
            }
            throw new DeployFailedException("leaving blue-green: " + app + " did not become ready: " + health.reason()
                    + "; traffic stays on " + serving + "; " + outcome);
        }
        if (scale.replicas(BlueGreenLayout.deployment(app, state.idle())) > 0) {
            scale.set(state.idle(), 0);
            events.accept(DeployEvent.resource(Step.APPLY, scale.ref(state.idle()), "scaled to 0 before the"
                    + " Service leaves the colours"));
        }
    }
}
