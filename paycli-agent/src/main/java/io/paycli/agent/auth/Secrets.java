package io.paycli.agent.auth;

import io.paycli.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * Reads a signing key from an environment variable or a file, never from the config file, which only names where
 * the key is. The key is the UTF-8 bytes of the text, trimmed of surrounding whitespace (a trailing newline from
 * {@code echo} or an editor is not part of the key).
 *
 * <p>Refused, each with one line naming the variable or file: an unset or empty key; a key shorter than
 * {@value #MIN_LENGTH} characters (HMAC-SHA256 wants a key at least as long as its 32-byte output, and a short one
 * can be guessed offline from one captured request); a key with a line break inside (the wrong file, say a PEM);
 * a file larger than {@value #MAX_FILE_BYTES} bytes; a file that everyone on the host may read.
 *
 * <p>Why "everyone" and not "group": whoever holds the key can deploy, so a world-readable key file hands that to
 * every local account, the way ssh refuses such a private key. Group-readable is accepted because a Kubernetes
 * Secret volume with an {@code fsGroup} is made group-readable (0440) by the kubelet, and there the group is the
 * pod's own. Where the file system has no POSIX permissions, the check is skipped.
 */
public final class Secrets {
    public static final int MIN_LENGTH = 32;
    static final int MAX_FILE_BYTES = 4096;
    private static final String SIGNING_KEY = "signing key";
    private static final String MAKE_ONE = "make one with: openssl rand -hex 32";

    private Secrets() {
    }

    /** The key in environment variable {@code variable}; {@code env} is usually {@code System.getenv()}. */
    public static byte[] fromEnv(Map<String, String> env, String variable) {
        return fromEnv(env, variable, SIGNING_KEY);
    }

    /** As {@link #fromEnv(Map, String)}, for a secret that messages call {@code what} (a viewer token, say). */
    public static byte[] fromEnv(Map<String, String> env, String variable, String what) {
        String where = "environment variable " + variable;
        String value = env.get(variable);
        if (value == null) {
            throw new InvalidInputException(where + " is not set; it should hold the " + what + " (" + MAKE_ONE + ")");
        }
        return check(value, where, what);
    }

    /** The key in {@code file}, one line. */
    public static byte[] fromFile(Path file) {
        return fromFile(file, SIGNING_KEY);
    }

    /** As {@link #fromFile(Path)}, for a secret that messages call {@code what}. */
    public static byte[] fromFile(Path file, String what) {
        String where = noun(what) + " file " + file;
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(where + " is a directory; name the file that holds the key");
            }
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
                if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                    throw new InvalidInputException(where + " can be read by everyone ("
                            + PosixFilePermissions.toString(permissions) + "); restrict it: chmod o-r " + file);
                }
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new InvalidInputException(where + " has " + size + " bytes; it should hold one line, the key");
            }
            return check(Files.readString(file, StandardCharsets.UTF_8), where, what);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(where + " does not exist");
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(where + " is not UTF-8 text; it should hold the key as one line of text");
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(where + " cannot be read by this user");
        } catch (IOException e) {
            throw new InvalidInputException(where + " cannot be read: " + e.getMessage());
        }
    }

    private static byte[] check(String raw, String where, String what) {
        String key = raw.strip();
        String noun = noun(what);
        if (key.isEmpty()) {
            throw new InvalidInputException(where + " is empty; it should hold the " + what + " (" + MAKE_ONE + ")");
        }
        if (key.contains("\n") || key.contains("\r")) {
            throw new InvalidInputException(where + " holds more than one line; it should hold the " + noun
                    + " alone");
        }
        if (key.length() < MIN_LENGTH) {
            // The length, never the key: this line ends up in CI logs.
            throw new InvalidInputException(where + " holds a " + noun + " of " + key.length()
                    + " characters; at least "
                    + MIN_LENGTH + " are needed (" + MAKE_ONE + ")");
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** "key" for a signing key, as the messages always said; the full name of anything else. */
    private static String noun(String what) {
        return what.equals(SIGNING_KEY) ? "key" : what;
    }
}
