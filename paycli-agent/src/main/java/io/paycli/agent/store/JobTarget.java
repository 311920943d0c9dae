package io.paycli.agent.store;

/**
 * Where a deploy job deploys, as its bundle's paycli.yaml says for its environment; any part may be null when the
 * file does not say (the job then fails when it runs, with the reason in its log).
 *
 * @param namespace the app's namespace in that environment
 * @param context   the kube context deployed to
 * @param cluster   the archive's name for that cluster: clusterName, else the context
 */
public record JobTarget(String namespace, String context, String cluster) {
    public static final JobTarget UNKNOWN = new JobTarget(null, null, null);
}
