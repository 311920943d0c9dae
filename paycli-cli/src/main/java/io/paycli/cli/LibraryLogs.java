package io.paycli.cli;

import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Libraries that log through java.util.logging (Vert.x and Netty under fabric8's HTTP client) print to stderr by
 * default: a server that goes away mid-deploy added "SEVERE: Connection reset" and a stack trace to paycli's own
 * lines. paycli itself never logs there, so the whole of it is off unless --verbose asks for details.
 */
final class LibraryLogs {
    private LibraryLogs() {
    }

    static void quiet(String[] args) {
        if (!Arrays.asList(args).contains("--verbose")) {
            // The root logger is held by the LogManager, so the level stays for the life of the process.
            Logger.getLogger("").setLevel(Level.OFF);
        }
    }
}
