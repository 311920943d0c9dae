package io.paycli.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.model.Manifest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDataTest {

    private static final int MIB = 1024 * 1024;

    private final ManifestValidator validator = new ManifestValidator();

    private static Manifest configMap(Map<String, Object> data, Map<String, Object> binaryData) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", "v1");
        body.put("kind", "ConfigMap");
        body.put("metadata", Map.of("name", "campaign-web-config"));
        if (data != null) {
            body.put("data", data);
        }
        if (binaryData != null) {
            body.put("binaryData", binaryData);
        }
        return new Manifest("v1", "ConfigMap", null, "campaign-web-config", body, "configmap.yaml");
    }

    private List<Finding> errors(Manifest m) {
        return validator.validate(List.of(m), false).errors();
    }

    @Test
    void configMapOver1MiBIsAnErrorWithItsExactSizeAndTheLimit() {
        String value = "x".repeat(1_048_600);

        assertThat(errors(configMap(Map.of("big.txt", value), null))).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("configmap-size");
            assertThat(f.ref()).isEqualTo("ConfigMap/campaign-web-config");
            assertThat(f.describe()).isEqualTo("ConfigMap/campaign-web-config: data is 1,048,600 bytes,"
                    + " over the limit of 1,048,576 bytes (1 MiB)");
        });
    }

    @Test
    void exactly1MiBOfValuesIsAllowedAndOneByteMoreIsNot() {
        // The API server counts the values only, not the keys.
        String fits = "y".repeat(MIB);

        assertThat(errors(configMap(Map.of("app.txt", fits), null))).isEmpty();
        assertThat(errors(configMap(Map.of("app.txt", fits + "y"), null)))
                .extracting(Finding::rule).containsExactly("configmap-size");
    }

    @Test
    void sizeCountsUtf8BytesNotCharacters() {
        String key = "k";
        String threeBytesEach = "€".repeat(MIB / 3 + 1);
        assertThat(threeBytesEach.length()).isLessThan(MIB);

        assertThat(errors(configMap(Map.of(key, threeBytesEach), null)))
                .extracting(Finding::rule).containsExactly("configmap-size");
    }

    @Test
    void binaryDataCountsItsDecodedBytesNotItsBase64Text() {
        String fits = Base64.getEncoder().encodeToString(new byte[900_000]);
        String tooBig = Base64.getEncoder().encodeToString(new byte[1_100_000]);

        assertThat(errors(configMap(null, Map.of("b.bin", fits)))).isEmpty();
        assertThat(errors(configMap(null, Map.of("b.bin", tooBig)))).extracting(Finding::describe)
                .containsExactly("ConfigMap/campaign-web-config: data is 1,100,000 bytes,"
                        + " over the limit of 1,048,576 bytes (1 MiB)");
    }

    @Test
    void binaryDataAndDataCountTogether() {
        String binary = Base64.getEncoder().encodeToString(new byte[600 * 1024]);

        assertThat(errors(configMap(Map.of("a.txt", "t".repeat(300 * 1024)), Map.of("b.bin", binary)))).isEmpty();
        assertThat(errors(configMap(Map.of("a.txt", "t".repeat(500 * 1024)), Map.of("b.bin", binary))))
                .extracting(Finding::rule).containsExactly("configmap-size");
    }

    @Test
    void binaryDataThatIsNotBase64IsAnError() {
        assertThat(errors(configMap(null, Map.of("b.bin", "not base64!")))).extracting(Finding::describe)
                .containsExactly("ConfigMap/campaign-web-config: binaryData[\"b.bin\"]: not valid base64");
    }

    @Test
    void keysMustBeFileNames() {
        List<Finding> errors = errors(configMap(
                Map.of("conf/app.yaml", "x", "..data", "y", "ok-key_1.txt", "z"), null));

        assertThat(errors).extracting(Finding::rule).containsOnly("configmap-key");
        assertThat(errors).extracting(Finding::path)
                .containsExactlyInAnyOrder("data[\"conf/app.yaml\"]", "data[\"..data\"]");
    }

    @Test
    void aKeyInBothDataAndBinaryDataIsAnError() {
        assertThat(errors(configMap(Map.of("logo", "x"), Map.of("logo", "eA==")))).extracting(Finding::describe)
                .containsExactly("ConfigMap/campaign-web-config: binaryData.logo: key \"logo\" is also in data");
    }

    @Test
    void dataValuesMustBeStrings() {
        assertThat(errors(configMap(Map.of("PORT", 8080), null))).extracting(Finding::describe)
                .containsExactly("ConfigMap/campaign-web-config: data.PORT: expected a string, got 8080; quote it");
    }

    @Test
    void secretKeysFollowTheSameRules() {
        assertThat(validator.validate(YamlManifests.parse("""
                apiVersion: v1
                kind: Secret
                metadata: {name: db}
                stringData: {"db password": x, DB_USER: app}
                """), false).errors()).extracting(Finding::path).containsExactly("stringData[\"db password\"]");
    }
}
