package io.paycli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads and lists answered from the store's index, in the real server's order. */
class ObjectIndexTest {

    private Sandbox sandbox;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0);
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(sandbox.url()).withOauthToken("sandbox").build()).build();
        for (String namespace : List.of("zeta", "alpha")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                    .build()).create();
        }
    }

    @AfterEach
    void stop() {
        client.close();
        sandbox.close();
    }

    private void configMap(String namespace, String name, String value) {
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .addToLabels("set", "index").endMetadata().addToData("value", value).build()).createOr(
                        c -> c.update());
    }

    private static List<String> names(List<ConfigMap> items) {
        return items.stream().map(c -> c.getMetadata().getNamespace() + "/" + c.getMetadata().getName()).toList();
    }

    @Test
    void listsComeInNamespaceThenNameOrderWhateverTheOrderOfWrites() {
        configMap("zeta", "b", "1");
        configMap("alpha", "c", "1");
        configMap("zeta", "a", "1");
        configMap("alpha", "a", "1");
        configMap("zeta", "b", "2"); // an update keeps the object's place

        assertThat(names(client.configMaps().inAnyNamespace().withLabel("set", "index").list().getItems()))
                .containsExactly("alpha/a", "alpha/c", "zeta/a", "zeta/b");
        assertThat(names(client.configMaps().inNamespace("zeta").withLabel("set", "index").list().getItems()))
                .containsExactly("zeta/a", "zeta/b");
        assertThat(client.configMaps().inNamespace("zeta").withName("b").get().getData()).containsEntry("value", "2");
        assertThat(client.configMaps().inNamespace("alpha").withName("b").get()).isNull();
    }

    @Test
    void aDeletedObjectIsGoneFromGetAndList() {
        configMap("alpha", "a", "1");
        configMap("alpha", "b", "1");
        client.configMaps().inNamespace("alpha").withName("a").delete();

        assertThat(client.configMaps().inNamespace("alpha").withName("a").get()).isNull();
        assertThat(names(client.configMaps().inNamespace("alpha").withLabel("set", "index").list().getItems()))
                .containsExactly("alpha/b");
    }

    @Test
    void aReplacementUnderTheSameKeyKeepsTheObjectAndAMovedOneLeavesNoCopy() {
        ObjectIndex index = new ObjectIndex();
        AttributeSet key = key("alpha", "a", "v1");
        index.replace(null, key, "{1}");
        index.replace(key, key("alpha", "a", "v1"), "{2}"); // an equal key, as an update without label change makes

        assertThat(index.find(query("alpha", "a"))).extracting(Map.Entry::getValue).containsExactly("{2}");

        index.replace(key("alpha", "a", "v1"), key("alpha", "a", "v2"), "{3}"); // a label changed
        assertThat(index.find(query("alpha", null))).extracting(Map.Entry::getValue).containsExactly("{3}");

        index.replace(key("alpha", "a", "v2"), null, null);
        assertThat(index.find(query("alpha", null))).isEmpty();
    }

    private static AttributeSet key(String namespace, String name, String label) {
        return new AttributeSet(new Attribute("plural", "configmaps"), new Attribute("namespace", namespace),
                new Attribute("name", name), new Attribute("labels:v", label));
    }

    private static AttributeSet query(String namespace, String name) {
        AttributeSet query = new AttributeSet(new Attribute("plural", "configmaps"),
                new Attribute("namespace", namespace));
        return name == null ? query : query.add(new Attribute("name", name));
    }
}
