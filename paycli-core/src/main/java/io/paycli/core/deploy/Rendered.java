package io.paycli.core.deploy;

import io.paycli.core.model.AppConfig;
import io.paycli.core.model.EnvConfig;
import io.paycli.core.model.ManifestSet;
import java.util.List;

/** A render and how it came to be: the config, the environment, the kube context, and warnings to show. */
public record Rendered(AppConfig app, EnvConfig env, String context, ManifestSet manifests, List<String> warnings) {
}
