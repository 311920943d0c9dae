package io.paycli.cli;

import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.error.PaycliException;
import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import io.paycli.sandbox.SandboxUsers;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sandbox",
        header = "Run an in-memory API server for trying paycli.",
        description = {"Run an in-memory Kubernetes API server on 127.0.0.1 in the foreground, for trying paycli"
                + " and for tests. It is NOT a cluster: nothing runs, and its state is gone when it stops. It writes a"
                + " kubeconfig with the context paycli-sandbox (or --context); kubectl works against it.",
            "",
            "Deployments roll out one rollout delay after each change: the new pods start next to the old ones,"
                + " which go once the new are ready. A paused Deployment does not roll out. A rollout without"
                + " progress for the progress deadline reports ProgressDeadlineExceeded.",
            "",
            "The image tag chooses what the pods do. A tag containing 'fail-pull' gives ErrImagePull, then"
                + " ImagePullBackOff, never ready; 'fail' or 'fail-crash' gives CrashLoopBackOff, restarting again"
                + " and again, never ready; 'slow-restart' or 'flaky' restarts once during a slow start, then is"
                + " ready; any other tag is ready after one rollout delay."},
        mixinStandardHelpOptions = true)
final class SandboxCommand implements Callable<Integer> {
    static final String CONTEXT = Sandbox.DEFAULT_CONTEXT;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "16443",
            description = "The port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--rollout-delay", paramLabel = "DURATION", defaultValue = "200ms",
            converter = DurationConverter.class,
            description = "How long each step of a simulated rollout takes (default: ${DEFAULT-VALUE}).")
    Duration rolloutDelay;

    @Option(names = "--progress-deadline", paramLabel = "DURATION", defaultValue = "3s",
            converter = DurationConverter.class,
            description = "How long a rollout may make no progress before it reports ProgressDeadlineExceeded "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration progressDeadline;

    @Option(names = "--finalizer-delay", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Simulate controllers that hold deleted Ingresses, LoadBalancer Services and"
                    + " PersistentVolumeClaims with a finalizer for this long (default: none; deletion is immediate).")
    Duration finalizerDelay;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Where to write the kubeconfig (default: ~/.paycli/sandbox.kubeconfig). Its directory "
                    + "must exist.")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", defaultValue = CONTEXT,
            description = "The kubeconfig's context name (default: ${DEFAULT-VALUE}); a second sandbox with another"
                    + " name, e.g. dr, stands in for a second cluster for restore and cluster compare.")
    String context;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Users as in kube-apiserver's --token-auth-file: lines of token,user,uid,\"group1,group2\"."
                    + " Requests must then carry one of these bearer tokens and are authorised by the Roles,"
                    + " ClusterRoles and bindings stored in the sandbox (built-in: cluster-admin, admin, edit, view)."
                    + " The sandbox then serves https, and the kubeconfig uses the first user in system:masters.")
    Path tokenFile;

    @Override
    public Integer call() throws Exception {
        if (!context.matches("[A-Za-z0-9][A-Za-z0-9._@:-]*")) {
            throw new InvalidInputException("--context " + context + ": use letters, digits, '.', '_', '-', '@' and"
                    + " ':', starting with a letter or digit");
        }
        Path file = kubeconfig != null ? kubeconfig
                : Home.dir().resolve(".paycli").resolve("sandbox.kubeconfig");
        if (kubeconfig != null) {
            TargetDirectory.checkParentOf("--kubeconfig", kubeconfig);
        } else {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        // The timeline is read through the Java API by tests; a sandbox process that runs for days would only
        // fill its memory with it.
        SandboxSettings settings = SandboxSettings.defaults().withRolloutDelay(rolloutDelay)
                .withProgressDeadline(progressDeadline).withFinalizerDelay(finalizerDelay).withTimelineLimit(0);
        SandboxUsers users = null;
        if (tokenFile != null) {
            if (!Files.isRegularFile(tokenFile)) {
                throw new InvalidInputException("--token-file " + tokenFile + ": no such file");
            }
            try {
                users = SandboxUsers.read(tokenFile);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--token-file " + e.getMessage());
            }
            if (users.firstMaster().isEmpty()) {
                throw new InvalidInputException("--token-file " + tokenFile
                        + ": no user in group system:masters, whom the kubeconfig could use");
            }
        }
        try (Sandbox sandbox = start(settings, users)) {
            sandbox.writeKubeconfig(file, context);
            Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
            var out = spec.commandLine().getOut();
            out.println("sandbox API server on " + sandbox.url() + " (in memory; not a real cluster)");
            out.println("kubeconfig: " + file + " (context " + context + ")");
            out.println("try: export KUBECONFIG=" + file + "; kubectl get ns");
            out.println("stop with Ctrl-C, or with kill " + ProcessHandle.current().pid()
                    + " when it runs in the background");
            out.flush();
            sandbox.awaitShutdown();
        }
        return 0;
    }

    private Sandbox start(SandboxSettings settings, SandboxUsers users) {
        try {
            return Sandbox.start(port, settings, users);
        } catch (IllegalStateException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new PaycliException(ExitCodes.USAGE, "port " + port + " on 127.0.0.1 is in use; stop what uses it, or choose"
                            + " another --port (0 picks a free one)", e);
                }
            }
            throw e;
        }
    }
}
