package io.paycli.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestYamlTest {
    @Test
    void quotesEveryStringThatAYaml11ReaderWouldTakeForSomethingElse() {
        List<String> risky = List.of("yes", "on", "Off", "NO", "y", "n", "~", "null", "", "true", "0755", "1e3",
                "1:20", ".5", "0x1f", "+1", "-2", "3.0", ".inf", ".NaN", "0b101", "1_000");
        for (String value : risky) {
            String yaml = ManifestYaml.writeDocument(Map.of("v", value));
            assertThat(yaml).as(value).isIn("---\nv: \"" + value + "\"\n", "---\nv: '" + value + "'\n");
            assertThat(ManifestYaml.read(yaml, "t").get(0)).containsEntry("v", value);
        }
    }

    @Test
    void leavesOrdinaryStringsAndRealScalarsPlain() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "year-end-points");
        doc.put("version", "1.4.2");
        doc.put("host", "campaign.example.com");
        doc.put("nothing", "nope");
        doc.put("port", 8080);
        doc.put("ratio", 0.5);
        doc.put("on", true);
        doc.put("unset", null);
        assertThat(ManifestYaml.writeDocument(doc)).isEqualTo("""
                ---
                name: year-end-points
                version: 1.4.2
                host: campaign.example.com
                nothing: nope
                port: 8080
                ratio: 0.5
                'on': true
                unset: null
                """);
    }
}
