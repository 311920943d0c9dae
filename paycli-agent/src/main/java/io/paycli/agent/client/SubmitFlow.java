package io.paycli.agent.client;

import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.PaycliException;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@code paycli agent submit}: submits the bundle once, follows the job's log to its end, and returns the job's exit
 * code. The submit carries an idempotency key made once per run, so a submit whose answer was lost is sent again
 * and names the same job; a log stream that is cut is reattached after the last line seen, so no line is shown
 * twice and no job is submitted twice.
 */
public final class SubmitFlow {
    /** Waits between reattempts; a test passes one that does not sleep. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final AgentClient client;
    private final Consumer<String> log;
    private final Consumer<String> notes;
    private final Pause pause;
    private final int attempts;
    private volatile String jobId;
    private volatile boolean cancelling;

    /**
     * @param log      the job's log lines (stdout)
     * @param notes    what the client itself says (stderr): accepted, reattaching, the end
     * @param attempts how many times in a row a request may fail on the connection before the run gives up
     */
    public SubmitFlow(AgentClient client, Consumer<String> log, Consumer<String> notes, Pause pause, int attempts) {
        this.client = client;
        this.log = log;
        this.notes = notes;
        this.pause = pause;
        this.attempts = attempts;
    }

    public int run(byte[] bundle, String env, String tag, boolean dryRun) throws InterruptedException {
        String key = UUID.randomUUID().toString();
        JobView job = retrying("submit the deployment", () -> client.submit(bundle, env, tag, dryRun, key));
        notes.accept("job " + job.id() + " accepted: " + job.app() + " " + tag + " to " + env
                + (dryRun ? " (dry run)" : ""));
        return follow(job);
    }

    /**
     * {@code paycli agent restore}: asks for a restore of what the agent deployed (in {@code env}, or everywhere when
     * null), follows its log to the end, and returns its exit code.
     */
    public int restore(String env, boolean dryRun) throws InterruptedException {
        String key = UUID.randomUUID().toString();
        JobView job = retrying("ask for the restore", () -> client.restore(env, dryRun, key));
        notes.accept("job " + job.id() + " accepted: restore of " + (env == null ? "every environment" : env)
                + (dryRun ? " (dry run)" : ""));
        return follow(job);
    }

    private int follow(JobView job) throws InterruptedException {
        jobId = job.id();
        if (cancelling) {
            requestCancel(job.id());
        }
        long[] seen = {0};
        retrying("follow job " + job.id(), () -> {
            client.follow(job.id(), seen[0], (number, text) -> {
                if (number > seen[0]) {
                    log.accept(text);
                    seen[0] = number;
                }
            });
            return null;
        });
        JobView end = retrying("read job " + job.id(), () -> client.status(job.id()));
        // The log's last line already says what the job did; this line says how it ended.
        notes.accept("job " + end.id() + " " + end.state().toLowerCase(java.util.Locale.ROOT) + " (exit "
                + end.exitCode() + ")");
        return end.exitCode() == null ? ExitCodes.INTERNAL : end.exitCode();
    }

    /**
     * Asks the agent to cancel the job (CI cancelled, Ctrl-C): at once when the agent has accepted it, else as soon as
     * it does. The log goes on to the job's end, so the rollback is shown and the exit code is the job's.
     */
    public void cancel() {
        cancelling = true;
        String id = jobId;
        if (id != null) {
            requestCancel(id);
        }
    }

    private void requestCancel(String id) {
        try {
            client.cancel(id);
            notes.accept("asked the agent to cancel job " + id + "; following it to its end");
        } catch (IOException e) {
            notes.accept("could not ask the agent to cancel job " + id + " (" + AgentClient.describe(e) + "); it goes on");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T call() throws IOException, InterruptedException;
    }

    /** Repeats a call that failed on the connection; what the agent answered (a refusal) is not repeated. */
    private <T> T retrying(String what, Call<T> call) throws InterruptedException {
        Duration wait = Duration.ofMillis(500);
        for (int failed = 1; ; failed++) {
            try {
                return call.call();
            } catch (IOException e) {
                if (failed >= attempts) {
                    throw new PaycliException(ExitCodes.CLUSTER, "could not " + what + " after " + failed
                            + " attempts: " + AgentClient.describe(e) + (what.startsWith("submit") || what.startsWith("ask") ? ""
                            : "; the job goes on in the agent: paycli agent submit does not submit it again"));
                }
                notes.accept("connection to the agent lost (" + AgentClient.describe(e) + "); trying to " + what + " again in "
                        + wait.toMillis() + " ms");
                pause.pause(wait);
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(8)) > 0 ? Duration.ofSeconds(8)
                        : wait.multipliedBy(2);
            }
        }
    }
}
