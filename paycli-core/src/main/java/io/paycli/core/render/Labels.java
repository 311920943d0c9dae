package io.paycli.core.render;

import io.paycli.core.template.TemplatePackage;
import io.paycli.core.validate.Names;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels and annotations paycli puts on everything it renders. The instance and env labels
 * are the inventory that pruning selects on; the selector labels never change, because a
 * Deployment's selector is immutable.
 */
public final class Labels {
    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String VERSION = "app.kubernetes.io/version";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String ENV = "paycli.io/env";
    public static final String TEAM = "paycli.io/team";
    public static final String TEMPLATE = "paycli.io/template";
    public static final String TEMPLATE_VERSION = "paycli.io/template-version";
    public static final String CATALOG_ANNOTATION = "paycli.io/catalog-commit";
    public static final String TEMPLATE_ANNOTATION = "paycli.io/template";

    private Labels() {
    }

    /** The labels that find every object of one app in one environment, for pruning. */
    public static Map<String, String> inventory(String app, String env) {
        return Map.of(INSTANCE, app, ENV, env, MANAGED_BY, "paycli");
    }

    static Map<String, Object> selector(String app) {
        Map<String, Object> labels = new TreeMap<>();
        labels.put(NAME, app);
        labels.put(INSTANCE, app);
        return labels;
    }

    static Map<String, Object> common(RenderInput in, TemplatePackage pkg) {
        Map<String, Object> labels = selector(in.app());
        labels.put(MANAGED_BY, "paycli");
        labels.put(ENV, in.env());
        labels.put(TEMPLATE, pkg.name());
        putIfValid(labels, TEMPLATE_VERSION, pkg.version());
        putIfValid(labels, VERSION, in.tag());
        if (in.team() != null) {
            labels.put(TEAM, in.team());
        }
        return labels;
    }

    static Map<String, Object> annotations(TemplatePackage pkg) {
        Map<String, Object> annotations = new TreeMap<>();
        annotations.put(CATALOG_ANNOTATION, pkg.catalogCommit());
        annotations.put(TEMPLATE_ANNOTATION, pkg.name() + "@" + pkg.version());
        return annotations;
    }

    /** A tag or version that is not a valid label value (too long, '+') stays in the annotations only. */
    private static void putIfValid(Map<String, Object> labels, String key, String value) {
        if (Names.isLabelValue(value)) {
            labels.put(key, value);
        }
    }
}
