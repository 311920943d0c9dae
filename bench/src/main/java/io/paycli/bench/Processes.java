package io.paycli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs commands of the benchmark as separate processes, in the repository, with a HOME of the benchmark's own. */
final class Processes {
    private final Path dir;
    private final Path home;

    Processes(Path dir, Path home) {
        this.dir = dir;
        this.home = home;
    }

    record Result(int exit, String stdout) {
    }

    /** Runs a command to its end; a failure is reported on stderr with what the command said, and returned. */
    Result run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        Files.createDirectories(home);
        Path err = Files.createTempFile(home, "stderr", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            pb.environment().put("HOME", home.toString());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            int exit = p.waitFor();
            if (exit != 0) {
                System.err.println(String.join(" ", command) + " exited " + exit + ":\n" + Files.readString(err)
                        + out);
            }
            return new Result(exit, out);
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
