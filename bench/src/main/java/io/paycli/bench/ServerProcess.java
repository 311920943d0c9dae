package io.paycli.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long-running {@code bin/paycli} command (sandbox, agent serve) in the background, its output in files of the
 * work directory, and its memory as the kernel counts it. bin/paycli exec's java for long-running commands, so the
 * process started is the JVM itself.
 */
final class ServerProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path out;
    private final Path err;

    private ServerProcess(String name, Process process, Path out, Path err) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code bin/paycli ARGS} with {@code env} added, HOME set to {@code home}, output to work/NAME.out|err. */
    static ServerProcess start(Path root, Path work, Path home, String name, Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(root.resolve("bin/paycli").toString()));
        command.addAll(List.of(args));
        Path out = work.resolve(name + ".out");
        Path err = work.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().putAll(env);
        pb.environment().put("HOME", home.toString());
        return new ServerProcess(name, pb.start(), out, err);
    }

    /** Waits until its stdout matches {@code line}, and returns the match; fails when it exits or takes 2 minutes. */
    Matcher await(Pattern line) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < end) {
            Matcher m = line.matcher(Files.readString(out));
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new IOException(name + " did not say " + line.pattern() + " (exit: "
                + (process.isAlive() ? "still running" : process.exitValue()) + "); stderr:\n" + Files.readString(err));
    }

    /** VmRSS and VmHWM (the peak resident set) from /proc/PID/status, in KiB. */
    Memory memory() throws IOException {
        long rss = -1;
        long peak = -1;
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (l.startsWith("VmRSS:")) {
                rss = kib(l);
            } else if (l.startsWith("VmHWM:")) {
                peak = kib(l);
            }
        }
        return new Memory(rss, peak);
    }

    record Memory(long rssKib, long peakKib) {
        String rssMib() {
            return String.format("%.0f", rssKib / 1024.0);
        }

        String peakMib() {
            return String.format("%.0f", peakKib / 1024.0);
        }
    }

    /**
     * CPU time used so far (user and system, in milliseconds): by the whole process, and by each of its live threads
     * whose name (as /proc shows it: the first 15 characters) starts with {@code threadPrefix}, by thread id.
     */
    Cpu cpu(String threadPrefix) throws IOException {
        Path proc = Path.of("/proc", Long.toString(process.pid()));
        Map<Long, Long> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith(threadPrefix)) {
                        threads.put(Long.parseLong(task.getFileName().toString()), ticksToMillis(stat));
                    }
                } catch (IOException e) {
                    // the thread ended while we looked (ENOENT or ESRCH)
                }
            }
        }
        return new Cpu(ticksToMillis(Files.readString(proc.resolve("stat"))), threads);
    }

    /** Process CPU, and CPU by thread id of some of its threads, in milliseconds. */
    record Cpu(long processMillis, Map<Long, Long> threadMillis) {
        /** The threads' CPU since {@code before} (threads started since then count from zero; ended ones are lost). */
        long threadsSince(Cpu before) {
            return threadMillis.entrySet().stream()
                    .mapToLong(t -> t.getValue() - before.threadMillis.getOrDefault(t.getKey(), 0L)).sum();
        }
    }

    /** utime + stime of a /proc stat line (fields 14 and 15, counted after the name), at USER_HZ = 100. */
    private static long ticksToMillis(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    String stderr() throws IOException {
        return Files.readString(err);
    }

    /** SIGTERM, the graceful stop, then a minute's wait; SIGKILL if that was not enough. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
