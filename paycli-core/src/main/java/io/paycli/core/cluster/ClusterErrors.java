package io.paycli.core.cluster;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paycli.core.error.ClusterException;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.error.MissingNamespaceException;
import io.paycli.core.error.PaycliException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns the client's exceptions into one sentence that names the verb, the resource, the context and the server's
 * reason verbatim, with the exit code of PRODUCT.md: 4 for what is wrong between us and the cluster (unreachable,
 * unauthorised, forbidden), 3 for what is wrong with the object (policy denial, invalid or immutable field,
 * missing namespace, field conflict).
 */
final class ClusterErrors {

    private final String context;
    private final String server;

    ClusterErrors(String context, String server) {
        this.context = context;
        this.server = server;
    }

    PaycliException translate(Call call, KubernetesClientException e, int attempts) {
        int code = e.getCode();
        String message = serverMessage(e);
        String where = call.describe() + " in context " + context;
        if (Transient.isConnectionFailure(e)) {
            return new ClusterException(unreachable(e) + " (" + call.describe() + ")", e);
        }
        if (message.contains("does not support dry run")) {
            return new ClusterException(dryRunUnsupported(message) + ", so the API server of context " + context
                    + " cannot preview " + call.describe() + "; deploy without --dry-run, or ask the webhook's"
                    + " owners to declare sideEffects: None", e);
        }
        if (isPolicyDenial(code, message)) {
            return new InvalidInputException("denied by policy: " + where + ": " + message, e);
        }
        if ((code == 403 || code == 409) && message.contains("being terminated")) {
            return new ClusterException("namespace " + call.namespace() + " is being deleted in context " + context
                    + ": " + call.describe() + " refused; wait until it is gone, then deploy again (" + message + ")",
                    e);
        }
        switch (code) {
            case 401:
                return new ClusterException("unauthorised: " + where + ": " + message
                        + "; log in again or check the credentials of the context", e);
            case 403:
                return new ClusterException("forbidden: " + where + ": " + message, e);
            case 404:
                if (isMissingNamespace(e, call)) {
                    return new MissingNamespaceException(call.namespace(), "namespace " + call.namespace()
                            + " does not exist in context " + context
                            + ": create it (or deploy with --create-namespace)", e);
                }
                return new InvalidInputException("not found: " + where + ": " + message, e);
            case 409:
                return conflict(call, where, e, message);
            case 400:
            case 422:
                return invalid(call, where, e, message);
            default:
                break;
        }
        if (Transient.isRetryable(e)) {
            String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
            return new ClusterException("the API server of context " + context + " kept failing" + tries + ": "
                    + call.describe() + ": " + code + " " + message, e);
        }
        return new ClusterException(where + ": " + code + " " + message, e);
    }

    /** "cannot reach the API server https://... of context 'beta-cluster': connection refused". */
    String unreachable(Throwable e) {
        return "cannot reach the API server " + server + " of context '" + context + "': " + Transient.why(e);
    }

    /** "the admission webhook "x" does not support dry run", from the server's words. */
    private static String dryRunUnsupported(String message) {
        int at = message.indexOf("admission webhook");
        return at < 0 ? "an admission webhook does not support dry run" : "the " + message.substring(at);
    }

    private PaycliException conflict(Call call, String where, KubernetesClientException e, String message) {
        List<StatusCause> owned = causes(e).stream()
                .filter(c -> "FieldManagerConflict".equals(c.getReason())).toList();
        if (owned.isEmpty()) {
            return new ClusterException("conflict: " + where + ": " + message, e);
        }
        String fields = owned.stream().map(c -> c.getField() + " (" + c.getMessage() + ")")
                .collect(Collectors.joining(", "));
        return new InvalidInputException("conflict: " + where + ": another field manager owns " + fields
                + "; remove the fields from the manifest or apply with force", e);
    }

    private PaycliException invalid(Call call, String where, KubernetesClientException e, String message) {
        for (StatusCause cause : causes(e)) {
            String text = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (cause.getField() != null && text.contains("immutable")) {
                String field = cause.getField().startsWith(".") ? cause.getField().substring(1) : cause.getField();
                return new InvalidInputException(field + " of " + call.resource() + " is immutable: "
                        + ImmutableFields.advice(call.kind(), field) + " (" + call.verb() + " in context " + context
                        + ": " + message + ")", e);
            }
        }
        return new InvalidInputException("invalid: " + where + ": " + message, e);
    }

    private static boolean isPolicyDenial(int code, String message) {
        boolean policyCode = code == 400 || code == 403 || code == 422;
        return policyCode && (message.contains("admission webhook") || message.contains("denied the request")
                || (message.contains("ValidatingAdmissionPolicy") && message.contains("denied request")));
    }

    private static boolean isMissingNamespace(KubernetesClientException e, Call call) {
        Status status = e.getStatus();
        if (status == null || status.getDetails() == null || call.namespace() == null) {
            return false;
        }
        return "namespaces".equals(status.getDetails().getKind())
                && call.namespace().equals(status.getDetails().getName());
    }

    /** A 409 that names fields another manager owns, as an apply without force gets it. */
    static boolean isFieldConflict(KubernetesClientException e) {
        return e.getCode() == 409 && causes(e).stream().anyMatch(c -> "FieldManagerConflict".equals(c.getReason()));
    }

    private static List<StatusCause> causes(KubernetesClientException e) {
        Status status = e.getStatus();
        if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
            return List.of();
        }
        return status.getDetails().getCauses();
    }

    /** The server's own words when it sent a Status, else the client's. */
    static String serverMessage(KubernetesClientException e) {
        Status status = e.getStatus();
        if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
            return status.getMessage();
        }
        return String.valueOf(e.getMessage());
    }
}
