package io.paycli.cli;

import io.paycli.core.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory the user names for paycli to write into: it may be new, but its parent must exist, so that a typo
 * in a path is reported instead of growing a tree of directories somewhere unexpected.
 */
final class TargetDirectory {
    private TargetDirectory() {
    }

    /** The absolute directory, after checking it is one or can be made one; {@code option} names it in errors. */
    static Path check(String option, Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new InvalidInputException(option + " " + dir + " is a file, not a directory");
        }
        Path parent = absolute.getParent();
        if (!Files.exists(absolute) && parent != null && !Files.isDirectory(parent)) {
            throw new InvalidInputException(option + " " + dir + ": " + parent
                    + " does not exist; create it first or choose another directory");
        }
        return absolute;
    }

    /** Checks the directory a file named by {@code option} goes into. */
    static void checkParentOf(String option, Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new InvalidInputException(option + " " + file + ": " + parent
                    + " does not exist; create it first or choose another directory");
        }
    }
}
