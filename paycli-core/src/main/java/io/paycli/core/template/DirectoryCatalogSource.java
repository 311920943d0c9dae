package io.paycli.core.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.paycli.core.error.InvalidInputException;

/**
 * A catalog in a local folder with one sub-folder per type. It is read once when opened; its
 * commit is a hash of that content, so the same files always give the same commit.
 */
public final class DirectoryCatalogSource implements CatalogSource {

    private final CatalogSnapshot snapshot;

    private DirectoryCatalogSource(CatalogSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    public static DirectoryCatalogSource open(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException("template catalog directory " + root + " does not exist");
        }
        Map<String, String> files = readPackageFiles(root);
        return new DirectoryCatalogSource(new CatalogSnapshot(root.toString(), hash(files), files));
    }

    @Override
    public String describe() {
        return snapshot.describe();
    }

    /** "sha256:" and the first 12 hex digits of a hash over the sorted (path, content) pairs. */
    @Override
    public String commit() {
        return snapshot.commit();
    }

    @Override
    public Optional<TemplatePackage> find(String name) {
        return snapshot.find(name);
    }

    @Override
    public List<String> names() {
        return snapshot.names();
    }

    /**
     * Only "type/file" paths matter to the package format, so deeper trees are never read. Only the files of a
     * folder with a template.yaml are read: a folder without one is an error when its type is asked for, and its
     * files may be anything.
     */
    private static Map<String, String> readPackageFiles(Path root) {
        Map<String, String> files = new TreeMap<>();
        boolean anyPackage = false;
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).filter(f -> !hidden(f)).sorted().toList()) {
                boolean isPackage = Files.isRegularFile(folder.resolve(DescriptorReader.FILE));
                anyPackage |= isPackage;
                if (isPackage) {
                    for (Path file : regularFiles(folder)) {
                        files.put(folder.getFileName() + "/" + file.getFileName(),
                                CatalogText.decode(Files.readAllBytes(file), file.toString()));
                    }
                } else {
                    // Names only, so that asking for this type says what the folder lacks.
                    namesOnly(folder).forEach(name -> files.put(folder.getFileName() + "/" + name, ""));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException("cannot read template catalog directory " + root + ": " + e.getMessage(),
                    e);
        }
        if (!anyPackage) {
            throw new InvalidInputException(root + " is not a template catalog: it has no folder with a "
                    + DescriptorReader.FILE + " (a catalog holds one folder per project type, each with template.yaml,"
                    + " values.yaml, values.schema.json and its templates)");
        }
        return files;
    }

    private static List<Path> regularFiles(Path folder) throws IOException {
        try (Stream<Path> inside = Files.list(folder)) {
            return inside.filter(Files::isRegularFile).filter(f -> !hidden(f)).sorted().toList();
        }
    }

    /** The file names of a folder that is no package; one that cannot be read is left out like any other. */
    private static List<String> namesOnly(Path folder) {
        try {
            return regularFiles(folder).stream().map(f -> f.getFileName().toString()).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    static String hash(Map<String, String> sortedFiles) {
        MessageDigest digest = sha256();
        sortedFiles.forEach((path, text) -> {
            byte[] content = text.getBytes(StandardCharsets.UTF_8);
            digest.update((path + "\0" + content.length + "\0").getBytes(StandardCharsets.UTF_8));
            digest.update(content);
        });
        return "sha256:" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
