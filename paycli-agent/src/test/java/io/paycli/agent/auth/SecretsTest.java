package io.paycli.agent.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys come from a variable or a file, trimmed; each refusal is one line naming the variable or file. */
class SecretsTest {
    static final String KEY = "5f0c2b8e9a7d41e3b6c0d2f4a8e1b3c5";

    @TempDir
    Path tmp;

    @Test
    void aKeyFromTheEnvironmentIsTrimmed() {
        assertThat(Secrets.fromEnv(Map.of("PAYCLI_AGENT_SECRET", " " + KEY + "\n"), "PAYCLI_AGENT_SECRET"))
                .isEqualTo(KEY.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anUnsetEmptyOrShortVariableIsNamed() {
        assertRefused(() -> Secrets.fromEnv(Map.of(), "PAYCLI_CLIENT_CI"),
                "environment variable PAYCLI_CLIENT_CI is not set; it should hold the signing key (make one with:"
                        + " openssl rand -hex 32)");
        assertRefused(() -> Secrets.fromEnv(Map.of("PAYCLI_CLIENT_CI", "  \n"), "PAYCLI_CLIENT_CI"),
                "environment variable PAYCLI_CLIENT_CI is empty; it should hold the signing key (make one with:"
                        + " openssl rand -hex 32)");
        assertRefused(() -> Secrets.fromEnv(Map.of("PAYCLI_CLIENT_CI", "hunter2"), "PAYCLI_CLIENT_CI"),
                "environment variable PAYCLI_CLIENT_CI holds a key of 7 characters; at least 32 are needed (make one"
                        + " with: openssl rand -hex 32)");
    }

    @Test
    void aKeyFileWithItsNewlineIsRead() throws Exception {
        Path file = keyFile(KEY + "\n", "rw-------");

        assertThat(Secrets.fromFile(file)).isEqualTo(KEY.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aGroupReadableFileIsAcceptedAsKubernetesMountsThem() throws Exception {
        assertThat(Secrets.fromFile(keyFile(KEY, "r--r-----"))).isEqualTo(KEY.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFileEveryoneMayReadIsRefused() throws Exception {
        Path file = keyFile(KEY, "rw-r--r--");

        assertRefused(() -> Secrets.fromFile(file), "key file " + file + " can be read by everyone (rw-r--r--);"
                + " restrict it: chmod o-r " + file);
    }

    @Test
    void aMissingEmptyOrWrongFileIsNamed() throws Exception {
        Path missing = tmp.resolve("absent.key");
        Path empty = keyFile("\n", "rw-------");
        Path twoLines = keyFile(KEY + "\n" + KEY + "\n", "rw-------");
        Path big = keyFile("x".repeat(5000), "rw-------");
        Path binary = tmp.resolve("binary.key");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rw-------"));

        assertRefused(() -> Secrets.fromFile(missing), "key file " + missing + " does not exist");
        assertRefused(() -> Secrets.fromFile(empty), "key file " + empty + " is empty; it should hold the signing"
                + " key (make one with: openssl rand -hex 32)");
        assertRefused(() -> Secrets.fromFile(twoLines), "key file " + twoLines + " holds more than one line;"
                + " it should hold the key alone");
        assertRefused(() -> Secrets.fromFile(big), "key file " + big + " has 5000 bytes; it should hold one line,"
                + " the key");
        assertRefused(() -> Secrets.fromFile(binary), "key file " + binary + " is not UTF-8 text; it should hold"
                + " the key as one line of text");
        assertRefused(() -> Secrets.fromFile(tmp), "key file " + tmp + " is a directory; name the file that holds"
                + " the key");
    }

    private Path keyFile(String content, String permissions) throws Exception {
        Path file = Files.createTempFile(tmp, "client", ".key");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(InvalidInputException.class).hasMessage(message);
    }
}
