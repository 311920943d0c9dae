package io.paycli.core.error;

/** The cluster cannot be reached, or refuses who we are or what we ask: exit code 4. */
public class ClusterException extends PaycliException {
    public ClusterException(String message) {
        super(ExitCodes.CLUSTER, message);
    }

    public ClusterException(String message, Throwable cause) {
        super(ExitCodes.CLUSTER, message, cause);
    }
}
