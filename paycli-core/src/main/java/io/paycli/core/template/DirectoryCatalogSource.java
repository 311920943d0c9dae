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

    /** Only "type/file" paths matter to the package format, so deeper trees are never read. */
    private static Map<String, String> readPackageFiles(Path root) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root, 2)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                Path relative = root.relativize(path);
                if (relative.getNameCount() == 2 && !isHidden(relative)) {
                    String name = relative.getName(0) + "/" + relative.getName(1);
                    files.put(name, Files.readString(path, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException("cannot read template catalog directory " + root + ": " + e.getMessage(), e);
        }
        return files;
    }

    private static boolean isHidden(Path relative) {
        return relative.getName(0).toString().startsWith(".") || relative.getName(1).toString().startsWith(".");
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
