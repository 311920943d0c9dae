package io.paycli.core.cluster;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.kinds.ModelKinds;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a kind lives on the server (its plural and scope). Built-in kinds are known to the client's model, so
 * they cost no request; any other kind (a custom resource) is looked up in the discovery document of its group
 * version, once per client when found. A kind that was not found is asked for again next time, so a long-running
 * process (the agent) sees a CustomResourceDefinition created after it started.
 */
final class Kinds {

    /** A kind by apiVersion and kind name. */
    record Kind(String apiVersion, String kind) {
    }

    private final KubernetesClient client;
    private final ApiCalls calls;
    private final String context;
    private final Map<Kind, ResourceDefinitionContext> discovered = new ConcurrentHashMap<>();

    Kinds(KubernetesClient client, ApiCalls calls, String context) {
        this.client = client;
        this.calls = calls;
        this.context = context;
    }

    ResourceDefinitionContext of(String apiVersion, String kind) {
        Class<? extends KubernetesResource> type = ModelKinds.of(apiVersion, kind);
        if (type != null) {
            return ResourceDefinitionContext.fromResourceType(type);
        }
        Kind key = new Kind(apiVersion, kind);
        ResourceDefinitionContext known = discovered.get(key);
        if (known != null) {
            return known;
        }
        Optional<ResourceDefinitionContext> found = discover(key);
        found.ifPresent(where -> discovered.put(key, where));
        return found.orElseThrow(() -> new InvalidInputException(kind + " (" + apiVersion
                + ") is not served by the API server of context " + context
                + ": install its CustomResourceDefinition first, or correct apiVersion and kind"));
    }

    private Optional<ResourceDefinitionContext> discover(Kind key) {
        Call call = new Call("discover", key.apiVersion(), key.kind(), null, null);
        APIResourceList resources = calls.idempotent(call, () -> {
            try {
                return client.getApiResources(key.apiVersion());
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return null; // the whole group version is not served
                }
                throw e;
            }
        });
        if (resources == null || resources.getResources() == null) {
            return Optional.empty();
        }
        int slash = key.apiVersion().indexOf('/');
        String group = slash < 0 ? "" : key.apiVersion().substring(0, slash);
        String version = key.apiVersion().substring(slash + 1);
        for (APIResource resource : resources.getResources()) {
            if (key.kind().equals(resource.getKind()) && !resource.getName().contains("/")) {
                return Optional.of(new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version)
                        .withKind(key.kind()).withPlural(resource.getName())
                        .withNamespaced(Boolean.TRUE.equals(resource.getNamespaced())).build());
            }
        }
        return Optional.empty();
    }
}
