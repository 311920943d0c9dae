package io.paycli.cli;

import java.nio.file.Path;

/** The user's home directory: $HOME, as the shell has it, which Java's user.home (from the password file) may not be. */
final class Home {
    private Home() {
    }

    static Path dir() {
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
    }
}
