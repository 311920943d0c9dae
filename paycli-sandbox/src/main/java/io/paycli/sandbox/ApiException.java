package io.paycli.sandbox;

import java.util.List;
import java.util.Map;

/** A request the server refuses: it becomes a Kubernetes Status body with the same code and reason. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;
    private final Map<String, Object> details;

    ApiException(int code, String reason, String message) {
        this(code, reason, message, null);
    }

    ApiException(int code, String reason, String message, Map<String, Object> details) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.details = details;
    }

    int code() {
        return code;
    }

    String statusBody() {
        return StatusBody.of(code, reason, getMessage(), details);
    }

    static ApiException notFound(String resource, String name) {
        return new ApiException(404, "NotFound", resource + " \"" + name + "\" not found",
                Map.of("name", name, "kind", resource));
    }

    /** 422 naming the field, the way the API server's validation reports it. */
    static ApiException invalid(String kind, String group, String name, String field, String message) {
        String qualified = group.isEmpty() ? kind : kind + "." + group;
        Map<String, Object> cause = Map.of("reason", "FieldValueInvalid", "message", message, "field", field);
        return new ApiException(422, "Invalid", qualified + " \"" + name + "\" is invalid: " + field + ": " + message,
                Map.of("name", name, "group", group, "kind", kind, "causes", List.of(cause)));
    }
}
