package io.paycli.core.validate;

import io.paycli.core.model.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Turns YAML text into manifests the way a render would hand them over. */
final class YamlManifests {

    private YamlManifests() {
    }

    @SuppressWarnings("unchecked")
    static List<Manifest> parse(String yaml) {
        List<Manifest> manifests = new ArrayList<>();
        for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(yaml)) {
            if (doc == null) {
                continue;
            }
            Map<String, Object> body = (Map<String, Object>) doc;
            Map<String, Object> metadata = body.get("metadata") instanceof Map<?, ?> m
                    ? (Map<String, Object>) m : Map.of();
            manifests.add(new Manifest(str(body.get("apiVersion")), str(body.get("kind")),
                    str(metadata.get("namespace")), str(metadata.get("name")), body, "test.yaml"));
        }
        return manifests;
    }

    static List<Manifest> resource(String name) {
        try (InputStream in = YamlManifests.class.getResourceAsStream("/validate/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource validate/" + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Manifest one(String yaml) {
        List<Manifest> all = parse(yaml);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one document, got " + all.size());
        }
        return all.get(0);
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
