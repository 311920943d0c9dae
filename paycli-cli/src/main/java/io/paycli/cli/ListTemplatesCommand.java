package io.paycli.cli;

import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplatePackage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list",
        header = "List the project types of the catalog.", mixinStandardHelpOptions = true)
final class ListTemplatesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    CatalogOptions catalogOptions;
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        Catalog catalog = catalogOptions.open();
        PrintWriter out = spec.commandLine().getOut();
        catalog.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        List<TemplatePackage> packages = catalog.list();
        if (output.structured()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (TemplatePackage p : packages) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", p.name());
                row.put("version", p.version());
                row.put("description", p.description());
                row.put("catalog", p.catalog());
                row.put("commit", p.catalogCommit());
                rows.add(row);
            }
            out.print(output.write(rows));
            return 0;
        }
        out.printf("%-18s %-9s %-22s %s%n", "TYPE", "VERSION", "CATALOG", "DESCRIPTION");
        for (TemplatePackage p : packages) {
            out.printf("%-18s %-9s %-22s %s%n", p.name(), p.version(), shorten(p.catalog()), p.description());
        }
        return 0;
    }

    private static String shorten(String s) {
        return s.length() <= 22 ? s : "…" + s.substring(s.length() - 21);
    }
}
