package io.paycli.agent.jobs;

import io.paycli.agent.store.Job;
import io.paycli.agent.store.JobKind;
import java.nio.file.Path;
import java.util.List;

/**
 * What a deploy job asks for, as the agent took it: the app's unpacked bundle, the environment and version, and who
 * asked (recorded in the release, the lock and the archive as the deploying user).
 *
 * @param id     the job's id, named in the log's first line
 * @param bundle the directory the bundle was unpacked into (paycli.yaml at its root)
 * @param sets   {@code --set} values, as the CLI takes them
 * @param dryRun ask the server what would change, change nothing
 */
public record DeployJob(String id, Path bundle, String env, String tag, List<String> sets, String user,
                        boolean dryRun) {
    public DeployJob {
        sets = List.copyOf(sets);
    }

    /** The deploy a claimed job asks for: its bundle, environment and version, its client as the deploying user. */
    public static DeployJob of(Job job) {
        if (job.kind() != JobKind.DEPLOY) {
            throw new IllegalArgumentException("job " + job.id() + " is a " + job.kind() + " job");
        }
        return new DeployJob(job.id(), Path.of(job.bundleDir()), job.env(), job.tag(), List.of(), job.client(),
                job.dryRun());
    }
}
