package io.paycli.agent.store;

/** What a job does: deploy an uploaded bundle, or rerun the last successful deploy (disaster recovery). */
public enum JobKind {
    DEPLOY,
    RESTORE
}
