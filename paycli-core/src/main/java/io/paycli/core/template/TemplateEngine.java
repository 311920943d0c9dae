package io.paycli.core.template;

import io.paycli.core.error.Suggestion;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.paycli.core.error.InvalidInputException;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.AttributeNotFoundException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.error.RootAttributeNotFoundException;
import io.pebbletemplates.pebble.template.PebbleTemplate;

/**
 * Renders the Pebble files of template packages. Variables are strict (an undefined name is an
 * error, not an empty string) and output is not HTML-escaped, since it is YAML. Compiled
 * templates are kept per (package, catalog commit, file), so a warm engine renders an
 * application in microseconds.
 *
 * <p>Newlines after tags are kept: Pebble's newline trimming would also join every line that
 * ends in a print tag to the next one. Templates drop the line of a control tag by opening it
 * with the whitespace-trimming form {@code {%-} instead.
 */
public final class TemplateEngine {

    /** A bound on runaway loops; real manifests are far smaller. */
    private static final int MAX_RENDERED_CHARS = 4 * 1024 * 1024;

    private record PackageKey(String name, String catalogCommit) {
    }

    private record FileKey(String name, String catalogCommit, String file) {
    }

    private final ConcurrentMap<PackageKey, PebbleEngine> engines = new ConcurrentHashMap<>();
    private final ConcurrentMap<FileKey, PebbleTemplate> templates = new ConcurrentHashMap<>();

    /**
     * Renders one file of {@code pkg}.
     *
     * @throws InvalidInputException naming the package, file and line of a template error
     */
    public String render(TemplatePackage pkg, String file, Map<String, Object> context) {
        if (!pkg.sources().containsKey(file)) {
            throw new InvalidInputException("template " + pkg.name() + " has no file '" + file + "'"
                    + Suggestion.hint(file, pkg.sources().keySet()));
        }
        try {
            PebbleTemplate template = templates.computeIfAbsent(
                    new FileKey(pkg.name(), pkg.catalogCommit(), file), key -> engineFor(pkg).getTemplate(file));
            StringWriter out = new StringWriter(2048);
            template.evaluate(out, context);
            return out.toString();
        } catch (PebbleException e) {
            throw new InvalidInputException(describe(pkg, file, e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PebbleEngine engineFor(TemplatePackage pkg) {
        return engines.computeIfAbsent(new PackageKey(pkg.name(), pkg.catalogCommit()), key ->
                new PebbleEngine.Builder()
                        .loader(new PackageSourceLoader(pkg))
                        .extension(new TemplateExtension())
                        .strictVariables(true)
                        .autoEscaping(false)
                        .newLineTrimming(false)
                        .maxRenderedSize(MAX_RENDERED_CHARS)
                        .build());
    }

    /** "template web/deployment.yaml.peb line 12: variable 'foo' is not defined" */
    private static String describe(TemplatePackage pkg, String file, PebbleException e) {
        String where = "template " + pkg.name() + "/" + (e.getFileName() == null ? file : e.getFileName())
                + (e.getLineNumber() == null ? "" : " line " + e.getLineNumber());
        String problem;
        if (e instanceof RootAttributeNotFoundException missing) {
            problem = "variable '" + missing.getAttributeName() + "' is not defined";
        } else if (e instanceof AttributeNotFoundException missing) {
            problem = "attribute '" + missing.getAttributeName() + "' is not defined";
        } else {
            String message = e.getPebbleMessage() == null ? e.getClass().getSimpleName() : e.getPebbleMessage();
            problem = message.strip().replaceAll("\\s*\\R\\s*", " ");
        }
        return where + ": " + problem;
    }
}
