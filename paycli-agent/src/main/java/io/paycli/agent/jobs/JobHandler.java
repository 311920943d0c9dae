package io.paycli.agent.jobs;

import io.paycli.agent.store.Job;
import io.paycli.agent.store.JobStore;
import io.paycli.core.deploy.Cancellation;
import io.paycli.core.model.Release;

/**
 * What the workers run a claimed job with: a deploy through {@link JobRunner}, whose release is recorded on the job
 * before it is finished (what {@code GET /api/v1/releases} shows and a restore puts back), or a {@link RestoreJob}.
 * Every line goes to the job's log in the store.
 */
public final class JobHandler implements Workers.Handler {
    private final JobStore store;
    private final JobRunner deploys;
    private final RestoreJob restores;

    public JobHandler(JobStore store, JobRunner deploys, RestoreJob restores) {
        this.store = store;
        this.deploys = deploys;
        this.restores = restores;
    }

    @Override
    public JobOutcome run(Job job, Cancellation cancellation) {
        try (BufferedLog log = new BufferedLog(store, job.id())) {
            return switch (job.kind()) {
                case DEPLOY -> {
                    JobOutcome outcome = deploys.deploy(DeployJob.of(job), cancellation, log);
                    Release release = outcome.release();
                    if (outcome.succeeded() && release != null && !job.dryRun()) {
                        store.recordRelease(job.id(), release.namespace(), release.revision());
                    }
                    yield outcome;
                }
                case RESTORE -> restores.run(job, cancellation, log);
            };
        }
    }
}
