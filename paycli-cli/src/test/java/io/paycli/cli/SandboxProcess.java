package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/paycli sandbox} started in the background as the README says, with its kubeconfig under $HOME, and
 * kubectl pointed at it: the judge of what reached the in-memory API server.
 */
final class SandboxProcess implements AutoCloseable {
    private final Processes processes;
    private final Process process;
    private final Path kubeconfig;
    private String name = "sandbox";

    private SandboxProcess(Processes processes, Process process, Path kubeconfig) {
        this.processes = processes;
        this.process = process;
        this.kubeconfig = kubeconfig;
    }

    /** Starts it with these extra options and returns once it has written its kubeconfig and said so. */
    static SandboxProcess start(Processes processes, Path home, String... options) throws Exception {
        return start(processes, "sandbox", home.resolve(".paycli").resolve("sandbox.kubeconfig"), options);
    }

    /**
     * A second sandbox beside the first: its output goes to {@code name}.out and .err, its kubeconfig (context
     * paycli-sandbox) to {@code kubeconfig}.
     */
    static SandboxProcess start(Processes processes, String name, Path kubeconfig, String... options)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("sandbox"));
        if (!name.equals("sandbox")) {
            args.addAll(List.of("--kubeconfig", kubeconfig.toString()));
        }
        args.addAll(List.of(options));
        Process process = processes.start(Processes.JAR, name, args.toArray(String[]::new));
        SandboxProcess sandbox = new SandboxProcess(processes, process, kubeconfig);
        sandbox.name = name;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!processes.read(name, "out").contains("stop with Ctrl-C") && process.isAlive()
                && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(processes.read(name, "out")).as("bin/paycli sandbox did not report that it runs within 120 s;"
                + " stderr:\n" + processes.read(name, "err")).contains("stop with Ctrl-C");
        return sandbox;
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    /** What it printed on start. */
    String banner() throws IOException {
        return processes.read(name, "out");
    }

    /** kubectl against it, to its end. */
    Processes.Run kubectl(String... args) throws IOException, InterruptedException {
        return processes.kubectl(kubeconfig, args);
    }

    /** kubectl's stdout, which must come with exit 0. */
    String kubectlOut(String... args) throws IOException, InterruptedException {
        Processes.Run run = kubectl(args);
        assertThat(run.exit()).as("kubectl " + String.join(" ", args) + "\n" + run).isZero();
        return run.out();
    }

    /** The API server goes away at once, as a crashed or unplugged server does. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the sandbox stopped after SIGKILL").isTrue();
    }

    /** Stops the sandbox; an interrupt while waiting for that kills it instead and keeps the interrupt. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
