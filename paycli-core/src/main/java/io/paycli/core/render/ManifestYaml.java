package io.paycli.core.render;

import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** Reads and writes multi-document manifest YAML in the block style kubectl prints. */
public final class ManifestYaml {
    private static final DumpSettings DUMP = DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setExplicitStart(true)
            .setIndent(2)
            .setWidth(Integer.MAX_VALUE)
            .setSchema(new QuotingSchema())
            .build();
    private static final LoadSettings LOAD = LoadSettings.builder()
            .setSchema(new CoreSchema())
            .setAllowDuplicateKeys(false)
            .build();

    private ManifestYaml() {
    }

    public static String write(List<Manifest> manifests) {
        List<Object> bodies = new ArrayList<>(manifests.size());
        manifests.forEach(m -> bodies.add(m.body()));
        return new Dump(DUMP).dumpAllToString(bodies.iterator());
    }

    /** One document: a manifest, or any tree of maps, lists and scalars. */
    public static String writeDocument(Object document) {
        return new Dump(DUMP).dumpToString(document);
    }

    /** Parses manifests, e.g. a file given to validate or the manifests of a recorded release. */
    public static List<Manifest> readManifests(String text, String source) {
        List<Manifest> manifests = new ArrayList<>();
        for (Map<String, Object> doc : read(text, source)) {
            Map<?, ?> meta = doc.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
            manifests.add(new Manifest(str(doc.get("apiVersion")), str(doc.get("kind")),
                    str(meta.get("namespace")), str(meta.get("name")), doc, source));
        }
        return manifests;
    }

    private static String str(Object o) {
        return o instanceof String s ? s : null;
    }

    /** Parses every non-empty document; {@code source} names the text in errors. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> read(String text, String source) {
        List<Map<String, Object>> docs = new ArrayList<>();
        try {
            int index = 0;
            for (Object doc : new Load(LOAD).loadAllFromString(text)) {
                index++;
                if (doc == null) {
                    continue;
                }
                if (!(doc instanceof Map)) {
                    throw new InvalidInputException(source + ": document " + index + " is not a mapping");
                }
                docs.add((Map<String, Object>) doc);
            }
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new InvalidInputException(source + ":" + line + ": invalid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new InvalidInputException(source + ": invalid YAML: " + e.getMessage());
        }
        return docs;
    }
}
