package io.paycli.core.render;

import io.paycli.core.model.ConfigEntry;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a ConfigMap from entries. UTF-8 text goes into {@code data}, anything else into
 * {@code binaryData}. The content hash covers keys and bytes only, so the same content always
 * gives the same name, and any change gives a new one: that is what rolls the pods.
 */
public final class ConfigMapGenerator {
    private static final int HASH_LENGTH = 10;

    /** The generated object and its content hash. */
    public record Generated(String name, String hash, Map<String, Object> body) {
    }

    private ConfigMapGenerator() {
    }

    /**
     * @param baseName the name, or the prefix when {@code hashSuffix} is set ({@code base-hash})
     * @param namespace may be null
     */
    public static Generated generate(String baseName, String namespace, List<ConfigEntry> entries, boolean hashSuffix) {
        Map<String, Object> data = new TreeMap<>();
        Map<String, Object> binaryData = new TreeMap<>();
        for (ConfigEntry e : entries) {
            String text = utf8(e.content());
            if (text != null) {
                data.put(e.key(), text);
            } else {
                binaryData.put(e.key(), Base64.getEncoder().encodeToString(e.content()));
            }
        }
        String hash = hash(entries);
        String name = hashSuffix ? baseName + "-" + hash : baseName;
        Map<String, Object> metadata = new TreeMap<>();
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        Map<String, Object> body = new TreeMap<>();
        body.put("apiVersion", "v1");
        body.put("kind", "ConfigMap");
        body.put("metadata", metadata);
        if (!data.isEmpty()) {
            body.put("data", data);
        }
        if (!binaryData.isEmpty()) {
            body.put("binaryData", binaryData);
        }
        return new Generated(name, hash, body);
    }

    static String hash(List<ConfigEntry> entries) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Map<String, byte[]> sorted = new TreeMap<>();
            entries.forEach(e -> sorted.put(e.key(), e.content()));
            for (Map.Entry<String, byte[]> e : sorted.entrySet()) {
                byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
                // Length-prefixed, so that no two different entry sets share an encoding.
                sha.update(ByteBuffer.allocate(8).putInt(key.length).putInt(e.getValue().length).array());
                sha.update(key);
                sha.update(e.getValue());
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
