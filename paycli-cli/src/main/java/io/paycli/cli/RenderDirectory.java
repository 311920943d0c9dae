package io.paycli.cli;

import io.paycli.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The directory of render --output-dir. It holds one render at a time, so that {@code kubectl apply -f DIR} never
 * applies a mix of environments or config versions: an empty or new directory is used, a directory of an earlier
 * render is emptied of that render's files first, and a directory with any other file is refused. The files of a
 * render are listed in {@value #LIST}, which kubectl ignores (it reads only .yaml, .yml and .json).
 */
final class RenderDirectory {
    static final String LIST = ".paycli-render";

    private final Path dir;
    private final String option;

    RenderDirectory(String option, Path dir) {
        this.option = option;
        this.dir = dir;
    }

    /** Replaces whatever an earlier render wrote with these files (names and contents in the same order), or refuses. */
    void replace(List<String> names, List<String> contents) {
        Path absolute = TargetDirectory.check(option, dir);
        try {
            Set<String> earlier = earlierRender(absolute);
            Set<String> foreign = new TreeSet<>(contents(absolute));
            foreign.removeAll(earlier);
            foreign.remove(LIST);
            if (!foreign.isEmpty()) {
                throw new InvalidInputException(option + " " + dir + " holds files paycli did not write ("
                        + String.join(", ", foreign) + "); choose an empty or new directory");
            }
            Files.createDirectories(absolute);
            for (String name : earlier) {
                Files.deleteIfExists(absolute.resolve(name));
            }
            // The list goes first, so that a render cut short is still recognised as paycli's next time.
            Files.write(absolute.resolve(LIST), names, StandardCharsets.UTF_8);
            for (int i = 0; i < names.size(); i++) {
                Files.writeString(absolute.resolve(names.get(i)), contents.get(i), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> earlierRender(Path dir) throws IOException {
        Path list = dir.resolve(LIST);
        if (!Files.isRegularFile(list)) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            // Only plain names: the list never sends a delete outside the directory.
            if (!line.isBlank() && !line.contains("/") && !line.contains("\\") && !line.startsWith(".")) {
                names.add(line.strip());
            }
        }
        return names;
    }

    private static List<String> contents(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return new ArrayList<>(entries.map(p -> p.getFileName().toString()).toList());
        }
    }
}
