package io.paycli.core.render;

import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.Colour;
import io.paycli.core.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lays a rendered release out as blue-green, for any template: the app's Deployment becomes the Deployment of one
 * colour, the Service keeps selecting the colour that serves, a preview Service selects the release's colour, and
 * the autoscaler follows the colour that serves. Templates know nothing of colours; the input is left unchanged.
 */
public final class BlueGreenLayout {
    /** The label that tells the colours' pods apart; part of each colour's (immutable) selector. */
    public static final String COLOUR = "paycli.io/colour";
    /** On a colour's Deployment (not its pods, so that it rolls nothing out): the revision and tag it runs. */
    public static final String REVISION = "paycli.io/revision";
    public static final String TAG = "paycli.io/tag";
    /** On a colour's Deployment: the count the render asked for, which paycli sets apart from the apply. */
    public static final String REPLICAS = "paycli.io/replicas";

    private final String app;
    private final Colour target;
    private final Colour live;
    private final Colour autoscaled;
    private final int revision;
    private final String tag;

    private BlueGreenLayout(String app, Colour target, Colour live, Colour autoscaled, int revision, String tag) {
        this.app = app;
        this.target = target;
        this.live = live;
        this.autoscaled = autoscaled;
        this.revision = revision;
        this.tag = tag;
    }

    /**
     * @param target     the colour this release's Deployment goes to
     * @param live       the colour the Service selects now, or null to keep the template's selector (nothing has
     *                   switched to a colour yet: a new app, or one that is leaving the rolling strategy)
     * @param autoscaled the colour the autoscaler scales, or null for the template's own Deployment name
     */
    public static BlueGreenLayout of(String app, Colour target, Colour live, Colour autoscaled) {
        return new BlueGreenLayout(app, target, live, autoscaled, 0, null);
    }

    /** The same layout, with the target colour's Deployment saying which revision and tag it runs. */
    public BlueGreenLayout running(int releaseRevision, String releaseTag) {
        return new BlueGreenLayout(app, target, live, autoscaled, releaseRevision, releaseTag);
    }

    /**
     * A recorded blue-green set with the Service {@code <app>} on {@code colour} and the autoscaler following it:
     * what a switch applies. The Deployments are left as they are.
     */
    public static List<Manifest> switchedTo(List<Manifest> manifests, String app, Colour colour) {
        BlueGreenLayout layout = of(app, colour, colour, colour);
        List<Manifest> switched = new ArrayList<>();
        for (Manifest m : manifests) {
            if (m.kind().equals("Service") && m.name().equals(app)) {
                switched.add(withSelectorColour(m, app, colour));
            } else if (m.kind().equals("HorizontalPodAutoscaler") && layout.targetsColour(m)) {
                switched.add(layout.retarget(m));
            } else {
                switched.add(m);
            }
        }
        return switched;
    }

    /**
     * A recorded blue-green set as its template rendered it, for the release on {@code colour}: that colour's
     * Deployment named {@code <app>} again, without colours; the other colour's Deployment, the preview Service
     * and the ConfigMaps in {@code dropConfigMaps} (those only the other colour uses) left out.
     */
    public static List<Manifest> undo(List<Manifest> recorded, String app, Colour colour, Set<String> dropConfigMaps) {
        List<Manifest> template = new ArrayList<>();
        for (Manifest m : recorded) {
            Colour of = colourOf(app, m);
            if (of == colour.other() || (m.kind().equals("Service") && m.name().equals(preview(app)))
                    || (m.kind().equals("ConfigMap") && dropConfigMaps.contains(m.name()))) {
                continue;
            }
            Map<String, Object> body = Maps.deepCopy(m.body());
            String name = m.name();
            if (of == colour) {
                name = app;
                Maps.child(body, "metadata").put("name", app);
                Maps.child(body, "metadata", "labels").remove(COLOUR);
                Maps.child(body, "spec", "selector", "matchLabels").remove(COLOUR);
                Maps.child(body, "spec", "template", "metadata", "labels").remove(COLOUR);
                Map<String, Object> annotations = Maps.child(body, "metadata", "annotations");
                annotations.remove(REVISION);
                annotations.remove(TAG);
                Object replicas = annotations.remove(REPLICAS);
                if (replicas != null) {
                    Maps.child(body, "spec").put("replicas", Integer.parseInt(String.valueOf(replicas)));
                }
                if (annotations.isEmpty()) {
                    Maps.child(body, "metadata").remove("annotations");
                }
            } else if (m.kind().equals("Service") && m.name().equals(app)) {
                Maps.child(body, "spec", "selector").remove(COLOUR);
            } else if (m.kind().equals("HorizontalPodAutoscaler")
                    && Maps.at(body, "spec", "scaleTargetRef") instanceof Map<?, ?>) {
                Maps.child(body, "spec", "scaleTargetRef").put("name", app);
            }
            template.add(new Manifest(m.apiVersion(), m.kind(), m.namespace(), name, body, m.source()));
        }
        return template;
    }

    /** The colour a Deployment of this app is, or null when it is none of the colours' Deployments. */
    public static Colour colourOf(String app, Manifest m) {
        for (Colour c : Colour.values()) {
            if (m.kind().equals("Deployment") && m.name().equals(deployment(app, c))) {
                return c;
            }
        }
        return null;
    }

    /** The Deployment name of a colour. */
    public static String deployment(String app, Colour colour) {
        return app + "-" + colour.id();
    }

    /** The Service that selects the release's colour before traffic moves to it. */
    public static String preview(String app) {
        return app + "-preview";
    }

    /**
     * Refuses a render that blue-green cannot lay out: it needs the Deployment {@code <app>} to colour and the
     * Service {@code <app>} to switch (a worker, with no Service, has no traffic to move).
     */
    public static void check(String app, String template, List<Manifest> manifests) {
        for (String kind : List.of("Deployment", "Service")) {
            if (manifests.stream().noneMatch(m -> m.kind().equals(kind) && m.name().equals(app))) {
                throw new InvalidInputException("strategy blue-green needs a " + kind + " named " + app + " in the"
                        + " render, and template " + template + " renders none here: use strategy rolling");
            }
        }
    }

    public List<Manifest> apply(List<Manifest> manifests) {
        if (manifests.stream().noneMatch(this::isAppDeployment)) {
            throw new InvalidInputException("strategy blue-green needs a Deployment named " + app
                    + " in the render; this one has none");
        }
        List<Manifest> laid = new ArrayList<>();
        for (Manifest m : manifests) {
            if (isAppDeployment(m)) {
                laid.add(colourDeployment(m));
            } else if (m.kind().equals("Service") && m.name().equals(app)) {
                laid.add(live == null ? m : withSelectorColour(m, m.name(), live));
                laid.add(previewService(m));
            } else if (m.kind().equals("HorizontalPodAutoscaler") && targetsApp(m) && autoscaled != null) {
                laid.add(retarget(m));
            } else {
                laid.add(m);
            }
        }
        return laid;
    }

    private boolean isAppDeployment(Manifest m) {
        return m.kind().equals("Deployment") && m.name().equals(app);
    }

    private boolean targetsApp(Manifest m) {
        return Maps.at(m.body(), "spec", "scaleTargetRef") instanceof Map<?, ?> ref
                && "Deployment".equals(ref.get("kind")) && app.equals(ref.get("name"));
    }

    private boolean targetsColour(Manifest m) {
        return Maps.at(m.body(), "spec", "scaleTargetRef") instanceof Map<?, ?> ref
                && "Deployment".equals(ref.get("kind")) && ref.get("name") instanceof String name
                && (name.equals(app) || name.equals(deployment(app, Colour.BLUE))
                        || name.equals(deployment(app, Colour.GREEN)));
    }

    private Manifest colourDeployment(Manifest m) {
        Map<String, Object> body = Maps.deepCopy(m.body());
        String name = deployment(app, target);
        Maps.child(body, "metadata").put("name", name);
        Maps.child(body, "metadata", "labels").put(COLOUR, target.id());
        Maps.child(body, "spec", "selector", "matchLabels").put(COLOUR, target.id());
        Maps.child(body, "spec", "template", "metadata", "labels").put(COLOUR, target.id());
        // The count of a colour is not the render's to set: paycli sets it apart, so an apply never resets it.
        Object replicas = Maps.child(body, "spec").remove("replicas");
        if (replicas != null) {
            Maps.child(body, "metadata", "annotations").put(REPLICAS, String.valueOf(replicas));
        }
        if (tag != null) {
            Maps.child(body, "metadata", "annotations").put(REVISION, String.valueOf(revision));
            Maps.child(body, "metadata", "annotations").put(TAG, tag);
        }
        return new Manifest(m.apiVersion(), m.kind(), m.namespace(), name, body, m.source());
    }

    private Manifest previewService(Manifest service) {
        Manifest preview = withSelectorColour(service, preview(app), target);
        Map<String, Object> spec = Maps.child(preview.body(), "spec");
        // Its own address: the fields the API server assigns to the live Service must not be copied.
        spec.remove("clusterIP");
        spec.remove("clusterIPs");
        spec.remove("loadBalancerIP");
        spec.put("type", "ClusterIP");
        if (spec.get("ports") instanceof List<?> ports) {
            for (Object port : ports) {
                if (port instanceof Map<?, ?> p) {
                    p.remove("nodePort");
                }
            }
        }
        return preview;
    }

    private static Manifest withSelectorColour(Manifest service, String name, Colour colour) {
        Map<String, Object> body = Maps.deepCopy(service.body());
        Maps.child(body, "metadata").put("name", name);
        Maps.child(body, "spec", "selector").put(COLOUR, colour.id());
        return new Manifest(service.apiVersion(), service.kind(), service.namespace(), name, body, service.source());
    }

    private Manifest retarget(Manifest hpa) {
        Map<String, Object> body = Maps.deepCopy(hpa.body());
        Maps.child(body, "spec", "scaleTargetRef").put("name", deployment(app, autoscaled));
        return new Manifest(hpa.apiVersion(), hpa.kind(), hpa.namespace(), hpa.name(), body, hpa.source());
    }

    /** Copies and walks of the plain maps a manifest body is made of, keys kept sorted as rendered. */
    private static final class Maps {
        private Maps() {
        }

        static Object at(Map<String, Object> root, String... path) {
            Object node = root;
            for (String key : path) {
                if (!(node instanceof Map<?, ?> map)) {
                    return null;
                }
                node = map.get(key);
            }
            return node;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> child(Map<String, Object> root, String... path) {
            Map<String, Object> node = root;
            for (String key : path) {
                node = (Map<String, Object>) node.computeIfAbsent(key, k -> new TreeMap<String, Object>());
            }
            return node;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> deepCopy(Map<String, Object> map) {
            Map<String, Object> copy = new TreeMap<>();
            map.forEach((k, v) -> copy.put(k, copyValue(v)));
            return copy;
        }

        @SuppressWarnings("unchecked")
        private static Object copyValue(Object value) {
            if (value instanceof Map<?, ?> m) {
                return deepCopy((Map<String, Object>) m);
            }
            if (value instanceof List<?> list) {
                List<Object> copy = new ArrayList<>();
                list.forEach(v -> copy.add(copyValue(v)));
                return copy;
            }
            return value;
        }
    }
}
