package io.paycli.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A new temporary directory of the demo or the class-cache training, deleted with all it holds when closed. A copy
 * left behind in the temporary directory harms nothing, so a failure to delete is not one of the command's.
 */
final class TemporaryDirectory implements AutoCloseable {
    private final Path path;

    TemporaryDirectory(String prefix) throws IOException {
        path = Files.createTempDirectory(prefix);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // See above: nothing is harmed by what is left.
        }
    }
}
