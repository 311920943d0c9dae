package io.paycli.core.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class ModelKindsTest {
    @Test
    void theTableAgreesWithFabric8sRegistry() {
        KubernetesSerialization registry = new KubernetesSerialization();
        ModelKinds.common().forEach((key, type) -> {
            @SuppressWarnings("unchecked")
            Class<? extends HasMetadata> typed = (Class<? extends HasMetadata>) type;
            assertThat(HasMetadata.getApiVersion(typed) + "/" + HasMetadata.getKind(typed)).isEqualTo(key);
            int slash = key.lastIndexOf('/');
            assertThat(registry.getRegisteredKubernetesResource(key.substring(0, slash), key.substring(slash + 1)))
                    .as(key).isEqualTo(type);
        });
    }

    @Test
    void kindsOutsideTheTableComeFromTheRegistryAndUnknownOnesAreNull() {
        assertThat(ModelKinds.of("storage.k8s.io/v1", "StorageClass")).isEqualTo(StorageClass.class);
        assertThat(ModelKinds.of("apps/v1", "Deployment").getSimpleName()).isEqualTo("Deployment");
        assertThat(ModelKinds.of("example.com/v1", "Widget")).isNull();
    }
}
