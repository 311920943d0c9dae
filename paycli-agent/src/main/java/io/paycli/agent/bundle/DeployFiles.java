package io.paycli.agent.bundle;

import io.paycli.core.config.ConfigLoader;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.AppConfig;
import io.paycli.core.model.ConfigSpec;
import io.paycli.core.model.EnvConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files a deploy reads from an app directory, for every environment: paycli.yaml, and each path under
 * {@code config.files} and {@code environments.*.config.files}: a file itself, or a directory's regular files that
 * do not start with '.', not recursive. This mirrors {@code ConfigFiles} in paycli-core; values live inside
 * paycli.yaml and the template catalog is not part of the app, so nothing else is read.
 *
 * <p>Links are refused rather than followed: the agent unpacks no links, so a bundle must hold the bytes.
 *
 * @param files   entry name ('/'-separated, relative to the app directory) to the file, in name order
 * @param missing config paths that do not exist: a deploy of an environment that lists one fails the same way on
 *                the agent as it would locally, so they are reported, not refused
 */
record DeployFiles(SortedMap<String, Path> files, List<String> missing) {

    static DeployFiles of(Path appDir) {
        Path root = appDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException(appDir + " is not a directory: give the app directory that holds "
                    + ConfigLoader.FILE_NAME);
        }
        AppConfig app = new ConfigLoader().load(root);
        SortedMap<String, Path> files = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        Path config = root.resolve(ConfigLoader.FILE_NAME);
        checkNoLink(root, config);
        files.put(ConfigLoader.FILE_NAME, config);
        List<ConfigSpec> specs = new ArrayList<>();
        specs.add(app.config());
        app.environments().values().stream().map(EnvConfig::config).forEach(specs::add);
        for (ConfigSpec spec : specs) {
            for (String given : spec.files()) {
                add(root, given, files, missing);
            }
        }
        return new DeployFiles(files, List.copyOf(missing));
    }

    private static void add(Path root, String given, SortedMap<String, Path> files, List<String> missing) {
        Path path = root.resolve(given).normalize();
        if (!path.startsWith(root)) {
            throw new InvalidInputException("config path " + given + " is outside the app directory " + root
                    + ": a bundle carries only files under it; move the file into the app directory");
        }
        checkNoLink(root, path);
        BasicFileAttributes attributes = attributes(path);
        if (attributes == null) {
            if (!missing.contains(given)) {
                missing.add(given);
            }
        } else if (attributes.isDirectory()) {
            for (Path file : listed(root, path)) {
                files.put(name(root, file), file);
            }
        } else if (attributes.isRegularFile()) {
            files.put(name(root, path), path);
        } else {
            throw special(root, path);
        }
    }

    /** The directory's regular files a deploy reads; subdirectories are skipped as ConfigFiles skips them. */
    private static List<Path> listed(Path root, Path dir) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path child : list.sorted().toList()) {
                if (child.getFileName().toString().startsWith(".")) {
                    continue;
                }
                BasicFileAttributes attributes = attributes(child);
                if (attributes == null || attributes.isDirectory()) {
                    continue;
                }
                if (attributes.isSymbolicLink()) {
                    throw link(root, child);
                }
                if (!attributes.isRegularFile()) {
                    throw special(root, child);
                }
                out.add(child);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Refuses a symbolic link at {@code path} or at any directory between the app directory and it. */
    private static void checkNoLink(Path root, Path path) {
        Path at = root;
        for (Path segment : root.relativize(path)) {
            at = at.resolve(segment);
            BasicFileAttributes attributes = attributes(at);
            if (attributes != null && attributes.isSymbolicLink()) {
                throw link(root, at);
            }
        }
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static InvalidInputException link(Path root, Path path) {
        return new InvalidInputException(path + " is a symbolic link: a bundle carries only regular files"
                + " and directories; copy the file into " + root + " instead");
    }

    private static InvalidInputException special(Path root, Path path) {
        return new InvalidInputException(path + " is not a regular file (a device, FIFO or socket): a bundle"
                + " carries only regular files and directories under " + root);
    }

    /** The entry name: the path relative to the app directory, '/'-separated on every platform. */
    static String name(Path root, Path file) {
        List<String> segments = new ArrayList<>();
        root.relativize(file).forEach(p -> segments.add(p.toString()));
        return String.join("/", segments);
    }
}
