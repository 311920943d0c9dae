package io.paycli.cli;

import io.paycli.core.deploy.DeployService;
import io.paycli.core.deploy.Rendered;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.Manifest;
import io.paycli.core.render.ManifestYaml;
import io.paycli.core.validate.Finding;
import io.paycli.core.validate.ManifestValidator;
import io.paycli.core.validate.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

@Command(name = "validate",
        header = "Check the manifests: model, names, sizes, policies.",
        description = "Check the rendered manifests: values schema, Kubernetes model (unknown fields are errors),"
                + " DNS-1123 names, ConfigMap size, removed API versions, and policies: requests and limits,"
                + " readiness probe, no :latest or missing tag, no privileged containers, runAsNonRoot. Policies are"
                + " warnings unless --strict. Exits 3 when there are errors. Validation needs no cluster.",
        mixinStandardHelpOptions = true)
final class ValidateCommand implements Callable<Integer> {
    /** The options that choose what to render, which a --manifests file does not need. */
    private static final List<String> RENDER_OPTIONS = List.of("--file", "--env", "--namespace", "--tag", "--set",
            "--catalog");

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
    OutputOptions output;

    @Option(names = "--strict", description = "Treat policy findings as errors.")
    boolean strict;

    @Option(names = "--manifests", paramLabel = "FILE",
            description = "Validate this multi-document YAML file ('-' for stdin) as it is, instead of rendering"
                    + " paycli.yaml.")
    String manifests;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ValidationReport report;
        int documents;
        if (manifests != null) {
            OptionConflicts.refuse(spec, "--manifests validates the file as it is", RENDER_OPTIONS);
            List<Manifest> parsed = readManifests(manifests);
            documents = parsed.size();
            report = new ManifestValidator().validate(parsed, strict);
        } else {
            DeployService service = catalog.deployService();
            Rendered rendered = service.render(project.request(tag, values, null));
            rendered.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
            documents = rendered.manifests().manifests().size();
            report = service.validate(rendered, strict);
        }
        if (output.structured()) {
            out.print(output.write(json(report, documents)));
        } else {
            report.findings().forEach(f -> out.println(f.severity().name().toLowerCase() + ": " + f.describe()));
            out.println(documents + " documents: " + count(report.errors().size(), "error") + ", "
                    + count(report.warnings().size(), "warning"));
        }
        if (!report.isValid()) {
            // The findings are on stdout already; the one line on stderr says only that they failed validation.
            out.flush();
            throw new InvalidInputException("validation found " + count(report.errors().size(), "error")
                    + (output.structured() ? " (listed in the output)" : " (listed above)"));
        }
        return 0;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static Map<String, Object> json(ValidationReport report, int documents) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("valid", report.isValid());
        result.put("documents", documents);
        result.put("errors", findings(report.errors()));
        result.put("warnings", findings(report.warnings()));
        return result;
    }

    private static List<Map<String, Object>> findings(List<Finding> findings) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", f.rule());
            m.put("object", f.ref());
            m.put("path", f.path());
            m.put("message", f.message());
            list.add(m);
        }
        return list;
    }

    static List<Manifest> readManifests(String file) {
        try {
            String text = file.equals("-")
                    ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
            return ManifestYaml.readManifests(text, file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
