package io.paycli.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.model.ConfigEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigMapGeneratorTest {
    private static ConfigEntry text(String key, String value) {
        return new ConfigEntry(key, value.getBytes(StandardCharsets.UTF_8), "test");
    }

    @Test
    void sameContentSameNameInAnyOrder() {
        var a = ConfigMapGenerator.generate("app-config", "ns", List.of(text("a", "1"), text("b", "2")), true);
        var b = ConfigMapGenerator.generate("app-config", "ns", List.of(text("b", "2"), text("a", "1")), true);
        assertThat(a.name()).isEqualTo(b.name()).matches("app-config-[0-9a-f]{10}");
        assertThat(ManifestYaml.writeDocument(a.body())).isEqualTo(ManifestYaml.writeDocument(b.body()));
    }

    @Test
    void anyChangeGivesANewName() {
        String base = ConfigMapGenerator.generate("c", null, List.of(text("a", "1")), true).name();
        assertThat(ConfigMapGenerator.generate("c", null, List.of(text("a", "2")), true).name()).isNotEqualTo(base);
        assertThat(ConfigMapGenerator.generate("c", null, List.of(text("b", "1")), true).name()).isNotEqualTo(base);
        // Length-prefixing keeps "ab"+"c" apart from "a"+"bc".
        assertThat(ConfigMapGenerator.generate("c", null, List.of(text("ab", "c")), true).name())
                .isNotEqualTo(ConfigMapGenerator.generate("c", null, List.of(text("a", "bc")), true).name());
    }

    @Test
    void nonUtf8GoesToBinaryData() {
        byte[] der = {0x30, (byte) 0x82, (byte) 0xff, 0x00};
        var cm = ConfigMapGenerator.generate("c", null, List.of(new ConfigEntry("ca.der", der, "t"), text("x", "é")), false);
        assertThat(cm.name()).isEqualTo("c");
        assertThat(cm.body()).containsEntry("binaryData", Map.of("ca.der", "MIL/AA=="));
        assertThat(cm.body()).containsEntry("data", Map.of("x", "é"));
        assertThat(cm.body()).doesNotContainKey("namespace");
    }

    @Test
    void multiLineTextIsWrittenAsALiteralBlock() {
        var cm = ConfigMapGenerator.generate("c", "ns", List.of(text("app.yaml", "a: 1\nb: 2\n")), false);
        assertThat(ManifestYaml.writeDocument(cm.body())).isEqualTo("""
                ---
                apiVersion: v1
                data:
                  app.yaml: |
                    a: 1
                    b: 2
                kind: ConfigMap
                metadata:
                  name: c
                  namespace: ns
                """);
    }
}
