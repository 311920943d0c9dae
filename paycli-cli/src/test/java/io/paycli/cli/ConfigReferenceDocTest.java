package io.paycli.cli;

import static org.assertj.core.api.Assertions.fail;

import io.paycli.agent.config.AgentConfigLoader;
import io.paycli.core.config.SchemaReference;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplatePackage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/config-reference.md is generated from the JSON Schemas of paycli.yaml, of the built-in
 * types and of agent.yaml; this test fails when the two drift apart. Refresh with -Dgolden.update=true.
 */
class ConfigReferenceDocTest {
    private static final Path DOC = Path.of("..", "docs", "config-reference.md");

    @Test
    void referenceMatchesTheSchemas() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n")
                .append("Generated from the JSON Schemas that paycli checks against; a test keeps this page\n")
                .append("and the schemas in step. Key paths are dotted; `<name>` stands for a key you choose.\n\n")
                .append("## paycli.yaml\n\n");
        table(md, schema());
        md.append("\nValues are layered: template defaults, then `values`, then `environments.<name>.values`,\n")
                .append("then `--set key.path=value`. Maps merge deeply; lists and scalars replace.\n");
        for (TemplatePackage p : Catalog.open(null, Path.of("unused")).list()) {
            md.append("\n## values of `").append(p.name()).append("` (").append(p.version()).append(")\n\n")
                    .append(p.description()).append("\n\n");
            table(md, p.schema());
        }
        md.append("\n## agent.yaml\n\n")
                .append("The config of `paycli agent serve --config agent.yaml`. Keys are never written in it:\n")
                .append("a client names the environment variable or the file that holds its HMAC key.\n\n");
        table(md, AgentConfigLoader.schema());
        String generated = md.toString();
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(DOC, generated);
            return;
        }
        String current = Files.exists(DOC) ? Files.readString(DOC) : "";
        if (!current.equals(generated)) {
            fail(DOC + " is out of date with the schemas (refresh with -Dgolden.update=true):\n"
                    + LineDiff.unified(current, generated));
        }
    }

    private static void table(StringBuilder md, String schema) {
        md.append("| key | type | description |\n|---|---|---|\n");
        for (SchemaReference.Row row : SchemaReference.rows(schema)) {
            md.append("| `").append(row.path()).append("` | ").append(row.type().replace("|", "\\|"))
                    .append(" | ").append(row.description().replace("|", "\\|")).append(" |\n");
        }
    }

    private static String schema() throws IOException {
        try (InputStream in = ConfigReferenceDocTest.class.getResourceAsStream("/schema/paycli.schema.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
