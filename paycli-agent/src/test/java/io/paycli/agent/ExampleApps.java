package io.paycli.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of the repository's example apps (examples/), to deploy and to change. */
public final class ExampleApps {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    private ExampleApps() {
    }

    public static Path copy(String type, Path target) {
        Path source = EXAMPLES.resolve(type);
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
}
