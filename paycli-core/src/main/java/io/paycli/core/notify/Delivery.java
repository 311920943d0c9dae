package io.paycli.core.notify;

import io.paycli.core.model.NotifyTarget;

/** Sends one message to one target: again after a backoff while the failure may pass, up to a number of sends. */
final class Delivery {
    /** How a message fared with a target; {@code problem} holds no secret. */
    record Outcome(NotifyTarget target, boolean delivered, int sends, String problem, boolean retryable) {
    }

    private final Notifiers notifiers;
    private final NotifySettings settings;

    Delivery(Notifiers notifiers, NotifySettings settings) {
        this.notifiers = notifiers;
        this.settings = settings;
    }

    Outcome send(NotifyTarget target, Message message, int attempts) {
        Secrets secrets = notifiers.secrets(target);
        SendFailure last = null;
        for (int sends = 1; sends <= attempts; sends++) {
            try {
                notifiers.of(target, secrets).send(message);
                return new Outcome(target, true, sends, null, false);
            } catch (SendFailure e) {
                last = e;
            } catch (RuntimeException e) {
                // A library's surprise is a failure of this send, never of the step; its words may hold a secret.
                last = new SendFailure(e.getClass().getSimpleName() + ": " + secrets.redact(e.getMessage()), true);
            }
            if (!last.retryable() || sends == attempts || !pause(sends)) {
                return new Outcome(target, false, sends, last.getMessage(), last.retryable());
            }
        }
        throw new IllegalStateException("attempts must be at least 1");
    }

    /** Waits before send {@code sends + 1}; false when interrupted. */
    private boolean pause(int sends) {
        try {
            Thread.sleep(settings.backoff().multipliedBy(1L << (sends - 1)).toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
