package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.model.Colour;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.render.BlueGreenLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The replica counts of a blue-green app's Deployments. paycli's apply never carries the count of a colour; it is
 * written here alone, by a server-side apply of spec.replicas under field manager {@value #MANAGER}, so that no
 * apply of the render resets a colour to 1, and the HPA controller can take the field over through the scale
 * subresource on the colour it scales. The only count set below a pre-scale is 0.
 */
final class ColourScale {
    static final String MANAGER = "paycli-scale";

    private final ClusterGateway cluster;
    private final String namespace;
    private final String app;
    private final Runnable checkpoint;

    ColourScale(ClusterGateway cluster, String namespace, String app, Runnable checkpoint) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.app = app;
        this.checkpoint = checkpoint;
    }

    ObjectRef ref(Colour colour) {
        return deployment(BlueGreenLayout.deployment(app, colour));
    }

    ObjectRef deployment(String name) {
        return new ObjectRef("apps/v1", "Deployment", namespace, name);
    }

    Optional<Map<String, Object>> live(Colour colour) {
        return cluster.get(ref(colour));
    }

    /** Ready replicas of a Deployment now; 0 when it does not exist. */
    int ready(String deployment) {
        return cluster.get(deployment(deployment)).map(d -> number(d, "status", "readyReplicas")).orElse(0);
    }

    /** spec.replicas of a Deployment now; 0 when it does not exist. */
    int replicas(String deployment) {
        return cluster.get(deployment(deployment)).map(d -> number(d, "spec", "replicas")).orElse(0);
    }

    /** The HPA's currentReplicas, 0 when there is none or it has not reported yet. */
    int autoscalerCount(Optional<Manifest> hpa) {
        return hpa.flatMap(h -> cluster.get(ObjectRef.of(h))).map(h -> number(h, "status", "currentReplicas"))
                .orElse(0);
    }

    void set(Colour colour, int replicas) {
        setDeployment(BlueGreenLayout.deployment(app, colour), replicas);
    }

    /** Sets the count of any Deployment of the app under {@value #MANAGER}. */
    void setDeployment(String name, int replicas) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", "apps/v1");
        body.put("kind", "Deployment");
        body.put("metadata", metadata);
        body.put("spec", Map.of("replicas", replicas));
        checkpoint.run();
        cluster.applyAs(new Manifest("apps/v1", "Deployment", namespace, (String) metadata.get("name"), body,
                "blue-green"), MANAGER);
    }

    static int number(Map<String, Object> object, String... path) {
        Object node = object;
        for (String key : path) {
            node = node instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return node instanceof Number n ? n.intValue() : 0;
    }
}
