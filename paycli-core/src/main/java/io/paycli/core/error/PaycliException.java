package io.paycli.core.error;

/**
 * A failure paycli can explain in one sentence. It carries the process exit code so that every
 * front end (CLI, agent) maps failures the same way.
 */
public class PaycliException extends RuntimeException {
    private final int exitCode;

    public PaycliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public PaycliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
