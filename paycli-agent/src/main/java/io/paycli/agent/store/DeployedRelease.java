package io.paycli.agent.store;

import java.time.Instant;

/**
 * What one app runs in one environment by the agent's record: its last successful deploy that was not a dry run.
 *
 * @param namespace  null for a deploy recorded before the agent kept it
 * @param revision   the release revision the deploy recorded (or found in place); null as for namespace
 * @param jobId      the job that deployed it
 * @param deployedAt when that job ended
 * @param client     who asked for it
 * @param context    the kube context it went to; null as for namespace
 * @param cluster    the archive's name for that cluster; null as for namespace
 */
public record DeployedRelease(String app, String env, String namespace, String tag, Integer revision, String jobId,
                              Instant deployedAt, String client, String context, String cluster) {
}
