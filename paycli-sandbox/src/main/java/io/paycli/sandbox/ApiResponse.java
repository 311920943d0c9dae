package io.paycli.sandbox;

import java.util.Map;

/** An answer to write back: status code, JSON body and any extra headers. */
record ApiResponse(int code, String body, Map<String, String> headers) {

    static ApiResponse json(int code, Object body) {
        return new ApiResponse(code, body instanceof String ? (String) body : Json.write(body), Map.of());
    }

    static ApiResponse error(ApiException e) {
        return new ApiResponse(e.code(), e.statusBody(), Map.of());
    }

    static ApiResponse status(int code, String reason, String message) {
        return new ApiResponse(code, StatusBody.of(code, reason, message, null), Map.of());
    }
}
