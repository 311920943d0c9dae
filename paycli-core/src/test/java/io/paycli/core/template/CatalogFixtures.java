package io.paycli.core.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes template packages into folders, as a platform team would lay out its catalog. */
final class CatalogFixtures {

    private CatalogFixtures() {
    }

    /** Copies a built-in package, file by file, into {@code catalog/<type>/}. */
    static Path copyBuiltin(String type, Path catalog) {
        try {
            Path folder = Files.createDirectories(catalog.resolve(type));
            for (String line : resource("index.txt").split("\\R")) {
                if (line.startsWith(type + "/")) {
                    Files.write(folder.resolve(line.substring(type.length() + 1)), resource(line).getBytes());
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small valid package whose single file renders {@code marker}. */
    static Path writePackage(Path catalog, String type, String version, String marker) {
        try {
            Path folder = Files.createDirectories(catalog.resolve(type));
            Files.writeString(folder.resolve("template.yaml"), "name: " + type + "\nversion: " + version
                    + "\ndescription: Test package.\nfiles: [config.yaml.peb]\n");
            Files.writeString(folder.resolve("values.yaml"), "marker: " + marker + "\n");
            Files.writeString(folder.resolve("values.schema.json"), "{\"type\": \"object\"}\n");
            Files.writeString(folder.resolve("config.yaml.peb"), "kind: ConfigMap\nmarker: {{ values.marker | json }}\n");
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = CatalogFixtures.class.getResourceAsStream("/catalog/" + path)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
