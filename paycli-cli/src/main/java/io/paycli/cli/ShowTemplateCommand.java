package io.paycli.cli;

import io.paycli.core.config.SchemaReference;
import io.paycli.core.render.ManifestYaml;
import io.paycli.core.template.TemplatePackage;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show",
        header = "Show a project type: its files, default values and the values it understands.",
        mixinStandardHelpOptions = true)
final class ShowTemplateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CatalogOptions catalogOptions;
    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "TYPE", description = "The project type, e.g. web.")
    String type;

    @Override
    public Integer call() {
        TemplatePackage p = catalogOptions.open().get(type);
        PrintWriter out = spec.commandLine().getOut();
        if (output.structured()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", p.name());
            json.put("version", p.version());
            json.put("description", p.description());
            json.put("catalog", p.catalog());
            json.put("commit", p.catalogCommit());
            json.put("files", p.files());
            json.put("defaults", p.defaults());
            json.put("values", SchemaReference.rows(p.schema()));
            out.print(output.write(json));
            return 0;
        }
        out.println(p.name() + " " + p.version() + " — " + p.description());
        out.println("catalog: " + p.catalog() + " (" + p.catalogCommit() + ")");
        out.println("files:   " + String.join(", ", p.files()));
        out.println();
        out.println("values:");
        for (SchemaReference.Row row : SchemaReference.rows(p.schema())) {
            out.printf("  %-32s %-16s %s%n", row.path(), row.type(), row.description());
        }
        out.println();
        out.println("defaults:");
        ManifestYaml.writeDocument(p.defaults()).lines().skip(1).forEach(l -> out.println("  " + l));
        return 0;
    }
}
