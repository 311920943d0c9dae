package io.paycli.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** The metav1.Status object every error answer carries, so clients can show the server's message. */
final class StatusBody {

    private StatusBody() {
    }

    static String of(int code, String reason, String message, Map<String, Object> details) {
        return Json.write(map(code, reason, message, details));
    }

    static Map<String, Object> map(int code, String reason, String message, Map<String, Object> details) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.put("metadata", Map.of());
        status.put("status", code < 400 ? "Success" : "Failure");
        status.put("message", message);
        status.put("reason", reason);
        if (details != null) {
            status.put("details", details);
        }
        status.put("code", code);
        return status;
    }
}
