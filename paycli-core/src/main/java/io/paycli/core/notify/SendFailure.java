package io.paycli.core.notify;

/**
 * A message that did not reach its target. The message is safe to show: it holds no secret (see {@link Secrets}).
 * A retryable failure may pass (a timeout, a refused connection, HTTP 5xx, 429); another will not by itself (the
 * receiver rejected the message).
 */
final class SendFailure extends Exception {
    private final boolean retryable;

    SendFailure(String message, boolean retryable) {
        super(message, null, false, false);
        this.retryable = retryable;
    }

    boolean retryable() {
        return retryable;
    }
}
