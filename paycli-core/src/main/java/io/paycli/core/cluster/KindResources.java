package io.paycli.core.cluster;

import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.paycli.core.kinds.ModelKinds;
import java.util.Locale;

/**
 * The resource that serves a kind, without a cluster: built-in kinds from the client's model, any other kind by
 * the usual plural of its name (what most CustomResourceDefinitions use). A gateway asks the server instead.
 */
public final class KindResources {
    private KindResources() {
    }

    /** The group and plural of a kind, as an {@link Access} without verb and namespace. */
    public static Access of(String apiVersion, String kind) {
        Class<? extends KubernetesResource> type = ModelKinds.of(apiVersion, kind);
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        if (type != null && HasMetadata.class.isAssignableFrom(type)) {
            @SuppressWarnings("unchecked")
            Class<? extends HasMetadata> typed = (Class<? extends HasMetadata>) type;
            return new Access(null, group, HasMetadata.getPlural(typed), null);
        }
        return new Access(null, group, Pluralize.toPlural(kind.toLowerCase(Locale.ROOT)), null);
    }
}
