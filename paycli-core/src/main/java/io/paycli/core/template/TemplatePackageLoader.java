package io.paycli.core.template;

import io.paycli.core.error.Suggestion;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.paycli.core.error.InvalidInputException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the files of one template package folder into a {@link TemplatePackage}. The catalog
 * sources read the folder (from disk, the classpath or a git tree) into memory; this class only
 * checks and parses, so every source reports the same errors.
 */
public final class TemplatePackageLoader {

    static final String VALUES = "values.yaml";
    static final String SCHEMA = "values.schema.json";
    private static final JsonMapper JSON = JsonMapper.shared();

    private TemplatePackageLoader() {
    }

    /**
     * @param folder  the folder name, which is the template name
     * @param files   file name to text, for the files directly inside the folder
     * @param catalog a human description of the catalog, used in errors and in the package
     * @param commit  the catalog commit the files come from
     */
    public static TemplatePackage load(String folder, Map<String, String> files, String catalog, String commit) {
        String where = "template '" + folder + "' in catalog " + catalog + ": ";
        try {
            return parse(folder, files, catalog, commit);
        } catch (PackageProblem e) {
            throw new InvalidInputException(where + e.getMessage());
        }
    }

    private static TemplatePackage parse(String folder, Map<String, String> files, String catalog, String commit) {
        DescriptorReader.Descriptor descriptor = DescriptorReader.read(require(files, DescriptorReader.FILE));
        if (!descriptor.name().equals(folder)) {
            throw new PackageProblem(DescriptorReader.FILE + ": name '" + descriptor.name()
                    + "' does not match its folder '" + folder + "'");
        }
        Map<String, String> sources = new TreeMap<>();
        files.forEach((name, text) -> {
            if (name.endsWith(".peb")) {
                sources.put(name, text);
            }
        });
        for (String file : descriptor.files()) {
            if (!sources.containsKey(file)) {
                throw new PackageProblem(DescriptorReader.FILE + ": file '" + file
                        + "' is listed but missing" + Suggestion.hint(file, sources.keySet()));
            }
        }
        return new TemplatePackage(descriptor.name(), descriptor.version(), descriptor.description(),
                descriptor.files(), defaults(require(files, VALUES)), schema(require(files, SCHEMA)),
                sources, catalog, commit);
    }

    private static String require(Map<String, String> files, String name) {
        String text = files.get(name);
        if (text == null) {
            throw new PackageProblem("missing " + name);
        }
        return text;
    }

    private static Map<String, Object> defaults(String text) {
        LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).setLabel(VALUES).build();
        Object loaded;
        try {
            loaded = new Load(settings).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            throw new PackageProblem(YamlErrors.describe(VALUES, e));
        } catch (YamlEngineException e) {
            throw new PackageProblem(VALUES + ": " + YamlErrors.oneLine(e.getMessage()));
        }
        if (loaded == null) {
            return Map.of();
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new PackageProblem(VALUES + " must be a mapping of value names to defaults");
        }
        return readOnlyMap(map);
    }

    private static String schema(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            String line = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
            throw new PackageProblem(SCHEMA + line + ": " + YamlErrors.oneLine(e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new PackageProblem(SCHEMA + " must be a JSON object (a JSON Schema)");
        }
        return text;
    }

    /** The package is cached and shared, so its defaults must not be changed by a caller. */
    private static Map<String, Object> readOnlyMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), readOnly(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object readOnly(Object value) {
        if (value instanceof Map<?, ?> map) {
            return readOnlyMap(map);
        }
        if (value instanceof List<?> list) {
            return Collections.unmodifiableList(list.stream().map(TemplatePackageLoader::readOnly).toList());
        }
        return value;
    }
}
