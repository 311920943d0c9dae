package io.paycli.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The examples/ folder of the repository, and writable copies of it for tests that change files. */
final class Examples {
    static final Path ROOT = Path.of("..", "examples").toAbsolutePath().normalize();
    static final String[] TYPES = {"agent", "batch", "spring-boot-api", "web", "worker"};
    static final String[] ENVS = {"beta", "release"};

    private Examples() {
    }

    static Path dir(String type) {
        return ROOT.resolve(type);
    }

    static Path copy(String type, Path target) {
        Path source = dir(type);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void replaceIn(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            if (!text.contains(from)) {
                throw new IllegalArgumentException(file + " does not contain " + from);
            }
            Files.writeString(file, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
