package io.paycli.core.archive;

import io.paycli.core.render.ManifestYaml;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Secret values never reach the archive in clear text: in every document of kind Secret, each value of {@code data}
 * and {@code stringData} becomes {@code sha256:<hex>} of the value (for {@code data}, of its decoded bytes, so the
 * same value has the same digest in either field). A change of a value stays visible as a change of its digest.
 * Every other document is kept byte for byte.
 */
final class SecretRedaction {
    private static final Pattern DOCUMENT_START = Pattern.compile("(?m)^(?=---(?:[ \\t].*)?$)");
    private static final Pattern KIND_SECRET = Pattern.compile("(?m)^kind:\\s*[\"']?Secret[\"']?\\s*$");

    private SecretRedaction() {
    }

    static String redact(String manifests) {
        if (manifests == null || !KIND_SECRET.matcher(manifests).find()) {
            return manifests;
        }
        StringBuilder out = new StringBuilder();
        for (String document : DOCUMENT_START.split(manifests)) {
            out.append(KIND_SECRET.matcher(document).find() ? redactDocument(document) : document);
        }
        return out.toString();
    }

    /** A document that cannot be read is withheld whole: better a gap in the archive than a leaked value. */
    private static String redactDocument(String document) {
        List<Map<String, Object>> parsed;
        try {
            parsed = ManifestYaml.read(document, "archived manifest");
        } catch (RuntimeException e) {
            return "---\n# a Secret that could not be read was withheld from the archive\n";
        }
        if (parsed.size() != 1) {
            return "---\n# a Secret that could not be read was withheld from the archive\n";
        }
        Map<String, Object> secret = new LinkedHashMap<>(parsed.get(0));
        replace(secret, "data", true);
        replace(secret, "stringData", false);
        return ManifestYaml.writeDocument(secret);
    }

    private static void replace(Map<String, Object> secret, String field, boolean base64) {
        if (!(secret.get(field) instanceof Map<?, ?> values)) {
            return;
        }
        Map<String, Object> digests = new LinkedHashMap<>();
        values.forEach((key, value) -> digests.put(String.valueOf(key), digest(value, base64)));
        secret.put(field, digests);
    }

    static String digest(Object value, boolean base64) {
        String text = value == null ? "" : String.valueOf(value);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (base64) {
            try {
                bytes = Base64.getMimeDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                // not base64 (the server would refuse it): the text itself is digested
            }
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
