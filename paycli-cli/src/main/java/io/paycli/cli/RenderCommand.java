package io.paycli.cli;

import io.paycli.core.deploy.Rendered;
import io.paycli.core.model.Manifest;
import io.paycli.core.render.ManifestYaml;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "render",
        header = "Print the manifests of one environment and tag.",
        description = {"Print the manifests for one environment and tag as multi-document YAML (or, with -o json, a"
                + " v1 List), in apply order. The output is deterministic: the same input gives the same bytes."
                + " Config, values and templates are checked; 'paycli validate' also checks the manifests"
                + " themselves. Rendering needs no cluster.",
            "",
            "With --output-dir, each resource goes to a file of its own, in YAML or, with -o json, in JSON"
                + " (NN-kind-name.yaml or .json), and stdout lists the files written."},
        mixinStandardHelpOptions = true)
final class RenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOptions project;
    @Mixin
    TagOption tag;
    @Mixin
    SetOptions values;
    @Mixin
    CatalogOptions catalog;
    @Mixin
    ManifestOutputOptions output;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Write one file per resource into DIR instead of printing. DIR must be new, empty, or the"
                    + " directory of an earlier render, whose files are removed first; a directory with other files"
                    + " is refused (exit 3).")
    Path outputDir;

    @Override
    public Integer call() {
        Rendered rendered = catalog.deployService().render(project.request(tag, values, null));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        rendered.warnings().forEach(w -> err.println("warning: " + w));
        List<Manifest> manifests = rendered.manifests().manifests();
        if (outputDir != null) {
            writeFiles(manifests, out);
        } else if (output.json()) {
            out.print(ManifestOutputOptions.json(list(manifests)));
        } else {
            out.print(ManifestYaml.write(manifests));
        }
        return 0;
    }

    private static Map<String, Object> list(List<Manifest> manifests) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("apiVersion", "v1");
        list.put("kind", "List");
        List<Object> items = new ArrayList<>();
        manifests.forEach(m -> items.add(m.body()));
        list.put("items", items);
        return list;
    }

    private void writeFiles(List<Manifest> manifests, PrintWriter out) {
        List<String> names = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        int i = 0;
        for (Manifest m : manifests) {
            String name = String.format("%02d-%s-%s", ++i, m.kind().toLowerCase(), m.name());
            names.add(name + (output.json() ? ".json" : ".yaml"));
            contents.add(output.json() ? ManifestOutputOptions.json(m.body()) : ManifestYaml.write(List.of(m)));
        }
        new RenderDirectory("--output-dir", outputDir).replace(names, contents);
        names.forEach(name -> out.println(outputDir.resolve(name)));
    }
}
