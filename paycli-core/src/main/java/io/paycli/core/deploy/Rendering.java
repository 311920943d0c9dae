package io.paycli.core.deploy;

import io.paycli.core.config.ConfigFiles;
import io.paycli.core.config.ConfigLoader;
import io.paycli.core.config.KeyPath;
import io.paycli.core.config.Origin;
import io.paycli.core.config.SchemaCheck;
import io.paycli.core.config.ValueRules;
import io.paycli.core.config.Values;
import io.paycli.core.config.ValuesLayering;
import io.paycli.core.error.InputErrors;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.error.Suggestion;
import io.paycli.core.model.AppConfig;
import io.paycli.core.model.DeployRequest;
import io.paycli.core.model.EnvConfig;
import io.paycli.core.model.Location;
import io.paycli.core.model.ManifestSet;
import io.paycli.core.model.Strategy;
import io.paycli.core.render.BlueGreenLayout;
import io.paycli.core.render.RenderInput;
import io.paycli.core.render.Renderer;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import io.paycli.core.template.TemplatePackage;
import io.paycli.core.validate.ManifestValidator;
import io.paycli.core.validate.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Step 1 of the pipeline: load paycli.yaml, layer and check values, render. Touches no cluster. */
final class Rendering {
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private final Supplier<Catalog> catalogSource;
    private Catalog catalog;
    private final Renderer renderer;
    /** Made on first use: it builds the typed model's registry of every kind, which status and history never need. */
    private ManifestValidator validator;
    private final ConfigLoader loader = new ConfigLoader();
    private final Map<String, SchemaCheck> schemas = new ConcurrentHashMap<>();

    Rendering(Supplier<Catalog> catalog, TemplateEngine engine) {
        this.catalogSource = catalog;
        this.renderer = new Renderer(engine);
    }

    /** Opened on first use: status, history and rollback render nothing, and a git catalog costs a fetch. */
    private synchronized Catalog catalog() {
        if (catalog == null) {
            catalog = catalogSource.get();
        }
        return catalog;
    }

    Rendered render(DeployRequest request) {
        AppConfig app = loader.load(request.path());
        EnvConfig env = environment(app, request.env());
        String tag = checkTag(request.tag());
        TemplatePackage pkg = template(app);
        Values values = ValuesLayering.layer(pkg.defaults(), "template " + pkg.name() + " values.yaml",
                app, env, request.sets());
        checkValues(app, pkg, values);
        String namespace = request.namespace() != null ? request.namespace() : env.namespace();
        String context = request.context() != null ? request.context() : env.context();
        RenderInput input = new RenderInput(app.app(), app.team(), env.name(), namespace,
                app.image() + ":" + tag, tag, values.merged(), ConfigFiles.read(app, env));
        ManifestSet manifests = renderer.render(input, pkg);
        if (env.strategy() == Strategy.BLUE_GREEN) {
            try {
                BlueGreenLayout.check(app.app(), pkg.name(), manifests.manifests());
            } catch (InvalidInputException e) {
                String key = KeyPath.child("environments", env.name()) + ".strategy";
                throw new InvalidInputException(app.locate(key) + ": " + key + ": " + e.getMessage(), e);
            }
        }
        return new Rendered(app, env, context, manifests, catalog().warnings());
    }

    ValidationReport validate(Rendered rendered, boolean strict) {
        return validator().validate(rendered.manifests().manifests(), strict);
    }

    private synchronized ManifestValidator validator() {
        if (validator == null) {
            validator = new ManifestValidator();
        }
        return validator;
    }

    /** The app, environment, namespace and context of a request, from paycli.yaml and the overrides. */
    Target target(DeployRequest request) {
        AppConfig app = loader.load(request.path());
        EnvConfig env = environment(app, request.env());
        return new Target(app.app(), env.name(),
                request.namespace() != null ? request.namespace() : env.namespace(),
                request.context() != null ? request.context() : env.context());
    }

    /** The paycli.yaml a request names. */
    AppConfig app(DeployRequest request) {
        return loader.load(request.path());
    }

    /** The environment a request names, as its paycli.yaml sets it. */
    EnvConfig environment(AppConfig app, DeployRequest request) {
        return environment(app, request.env());
    }

    private static EnvConfig environment(AppConfig app, String name) {
        return chosen(app, name);
    }

    private static EnvConfig chosen(AppConfig app, String name) {
        if (name == null) {
            if (app.environments().size() == 1) {
                return app.environments().values().iterator().next();
            }
            throw new InvalidInputException("choose an environment with -e: "
                    + String.join(", ", app.environments().keySet()));
        }
        return app.environment(name).orElseThrow(() -> new InvalidInputException(
                "unknown environment '" + name + "'" + Suggestion.hint(name, app.environments().keySet())
                        + "; " + app.file() + " defines: " + String.join(", ", app.environments().keySet())));
    }

    private static String checkTag(String tag) {
        if (tag == null || tag.isEmpty()) {
            throw new InvalidInputException("no image tag: pass --tag TAG (the tag is the release version)");
        }
        if (!TAG.matcher(tag).matches()) {
            throw new InvalidInputException("invalid tag '" + tag + "': use letters, digits, '_', '.' and '-',"
                    + " not starting with '.' or '-', at most 128 characters");
        }
        return tag;
    }

    private TemplatePackage template(AppConfig app) {
        try {
            return catalog().get(app.template());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(app.locate("template") + ": template: " + e.getMessage(), e);
        }
    }

    /** Every schema violation and broken rule of the merged values, each at the line or --set that caused it. */
    private void checkValues(AppConfig app, TemplatePackage pkg, Values values) {
        SchemaCheck schema = schemas.computeIfAbsent(pkg.name() + "@" + pkg.catalogCommit(),
                k -> SchemaCheck.of(pkg.schema(), "template " + pkg.name() + " values.schema.json"));
        List<String> lines = new ArrayList<>();
        Origin fallback = new Origin(Location.of(app.file().toString()), "values");
        for (SchemaCheck.Problem p : schema.check(values.merged())) {
            Origin origin = values.originOf(p.cause() != null ? p.cause() : p.path(), fallback);
            lines.add(origin.location() + ": " + writtenAs(origin, p.path()) + ": " + p.message());
        }
        lines.addAll(ValueRules.problems(values));
        if (!lines.isEmpty()) {
            throw InputErrors.of(lines);
        }
    }

    /** The values key {@code path} as the user would write it where {@code origin} is: in the file or in --set. */
    private static String writtenAs(Origin origin, String path) {
        String written = origin.writtenAs();
        if (path.isEmpty()) {
            return written;
        }
        if (origin.location().source().startsWith("--set ")) {
            return path;
        }
        if (written.startsWith("values.")) {
            return "values." + path;
        }
        int values = written.indexOf(".values.");
        return written.startsWith("environments.") && values > 0 ? written.substring(0, values + 8) + path : path;
    }
}
