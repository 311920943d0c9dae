package io.paycli.sandbox;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The fields each built-in kind declares, read from the fabric8 model classes (the same schema the real server
 * decodes into). Those classes keep any other field in {@code additionalProperties}, so the declared ones are the
 * fields with a {@code @JsonProperty}.
 */
final class DeclaredFields {

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/Pod", Pod.class),
            Map.entry("v1/Event", Event.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("v1/ResourceQuota", ResourceQuota.class),
            Map.entry("v1/LimitRange", LimitRange.class),
            Map.entry("v1/Node", Node.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("apps/v1/DaemonSet", DaemonSet.class),
            Map.entry("apps/v1/ReplicaSet", ReplicaSet.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("batch/v1/CronJob", CronJob.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", ClusterRole.class),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", ClusterRoleBinding.class),
            Map.entry("coordination.k8s.io/v1/Lease", Lease.class),
            Map.entry("storage.k8s.io/v1/StorageClass", io.fabric8.kubernetes.api.model.storage.StorageClass.class),
            Map.entry("networking.k8s.io/v1/IngressClass",
                    io.fabric8.kubernetes.api.model.networking.v1.IngressClass.class),
            Map.entry("scheduling.k8s.io/v1/PriorityClass",
                    io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass.class),
            Map.entry("apiextensions.k8s.io/v1/CustomResourceDefinition", CustomResourceDefinition.class),
            Map.entry("events.k8s.io/v1/Event", io.fabric8.kubernetes.api.model.events.v1.Event.class));

    /** Each class's declared fields by JSON name; empty for a value the model keeps opaque. */
    private static final ClassValue<Map<String, Type>> FIELDS = new ClassValue<>() {
        @Override
        protected Map<String, Type> computeValue(Class<?> type) {
            return inspect(type);
        }
    };

    /** One field a kind does not declare: its path as a list of steps (a name, or an index into a list). */
    record Unknown(List<Object> path) {
    }

    private DeclaredFields() {
    }

    /** True when the sandbox knows the kind's schema; custom resources are not checked. */
    static boolean known(ResourceType type) {
        return MODELS.containsKey(type.groupVersion() + "/" + type.kind());
    }

    /** Finds the fields the kind does not declare and removes them from the object, as the typed decode drops them. */
    static List<Unknown> removeUnknown(ResourceType type, Map<String, Object> object) {
        List<Unknown> found = new ArrayList<>();
        Class<?> model = MODELS.get(type.groupVersion() + "/" + type.kind());
        if (model != null) {
            walk(object, model, new ArrayList<>(), found);
        }
        return found;
    }

    private static void walk(Object value, Type declared, List<Object> path, List<Unknown> found) {
        Class<?> raw = raw(declared);
        if (value instanceof List<?> list && raw != null && List.class.isAssignableFrom(raw)) {
            Type element = argument(declared, 0);
            for (int i = 0; i < list.size(); i++) {
                path.add(i);
                walk(list.get(i), element, path, found);
                path.remove(path.size() - 1);
            }
            return;
        }
        if (!(value instanceof Map<?, ?> map) || raw == null) {
            return;
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type values = argument(declared, 1);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                path.add(String.valueOf(e.getKey()));
                walk(e.getValue(), values, path, found);
                path.remove(path.size() - 1);
            }
            return;
        }
        Map<String, Type> fields = FIELDS.get(raw);
        if (fields.isEmpty()) {
            return;
        }
        for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext();) {
            Map.Entry<?, ?> e = it.next();
            String name = String.valueOf(e.getKey());
            path.add(name);
            Type field = fields.get(name);
            if (field == null) {
                found.add(new Unknown(List.copyOf(path)));
                it.remove();
            } else {
                walk(e.getValue(), field, path, found);
            }
            path.remove(path.size() - 1);
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    private static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    /** A class outside the model, or one with its own deserializer (IntOrString, schema-or-array), is opaque. */
    private static Map<String, Type> inspect(Class<?> type) {
        if (!type.getName().startsWith("io.fabric8.kubernetes.api.model.")) {
            return Map.of();
        }
        JsonDeserialize custom = type.getAnnotation(JsonDeserialize.class);
        if (custom != null && custom.using() != tools.jackson.databind.ValueDeserializer.None.class) {
            return Map.of();
        }
        Map<String, Type> fields = new LinkedHashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                JsonProperty json = f.getAnnotation(JsonProperty.class);
                if (json != null && !Modifier.isStatic(f.getModifiers())) {
                    fields.put(json.value().isEmpty() ? f.getName() : json.value(), f.getGenericType());
                }
            }
        }
        return fields;
    }
}
