package io.paycli.agent.api;

/**
 * A request the API answers with an error: its status, a reason code (the audit log's word for it) and one sentence
 * for the caller. Thrown from handlers; one exception handler writes it as {@code {"error": …, "reason": …}}.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String reason;

    public ApiError(int status, String reason, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
