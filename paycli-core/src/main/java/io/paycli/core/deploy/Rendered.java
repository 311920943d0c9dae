package io.paycli.core.deploy;

import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.AppConfig;
import io.paycli.core.model.EnvConfig;
import io.paycli.core.model.ManifestSet;
import io.paycli.core.validate.ValidationReport;
import java.util.List;

/** A render and everything about how it came to be: the config, the environment and the checks. */
public record Rendered(AppConfig app, EnvConfig env, String context, ManifestSet manifests,
                       ValidationReport report, List<String> warnings) {

    /** Fails with the first error, so nothing invalid ever reaches a cluster. */
    public Rendered requireValid() {
        if (!report.isValid()) {
            int more = report.errors().size() - 1;
            throw new InvalidInputException("rendered manifests of " + app.app() + " (" + env.name()
                    + ") are invalid: " + report.errors().get(0).describe()
                    + (more > 0 ? " (and " + more + " more)" : ""));
        }
        return this;
    }
}
