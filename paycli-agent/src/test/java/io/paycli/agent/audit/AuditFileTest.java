package io.paycli.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One JSON line per entry, appended whole from any number of threads, kept across reopening. */
class AuditFileTest {
    static final Instant NOON = Instant.parse("2026-12-02T12:00:00.123Z");

    @TempDir
    Path tmp;

    @Test
    void entriesComeBackAsWrittenOneLineEach() throws Exception {
        Path path = tmp.resolve("audit.jsonl");
        AuditEntry accepted = new AuditEntry(NOON, "ci-settlement", "10.0.0.7", "POST", "/api/v1/deploy",
                "settlement-api", "beta", "1.4.2", AuditEntry.ACCEPTED, "job 42");
        AuditEntry refused = new AuditEntry(NOON.plusSeconds(1), "ci-evil\n{\"forged\":true}", "10.0.0.8", "POST",
                "/api/v1/deploy", null, null, null, AuditEntry.REFUSED, "unknown-key");

        try (AuditFile audit = new AuditFile(path)) {
            audit.append(accepted);
            audit.append(refused);
            assertThat(audit.read()).containsExactly(accepted, refused);
        }
        List<String> lines = Files.readAllLines(path);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{").endsWith("}").contains("\"time\":\"2026-12-02T12:00:00.123Z\"")
                .contains("\"client\":\"ci-settlement\"");
    }

    @Test
    void aNewFileIsNotForEveryone() throws Exception {
        Path path = tmp.resolve("audit.jsonl");
        new AuditFile(path).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-r-----");
    }

    @Test
    void eightThreadsAppendingLoseNothing() throws Exception {
        Path path = tmp.resolve("audit.jsonl");
        int perThread = 500;
        try (AuditFile audit = new AuditFile(path)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Void>> tasks = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    String client = "client-" + t;
                    tasks.add(() -> {
                        for (int i = 0; i < perThread; i++) {
                            audit.append(entry(client, "req-" + i + "-" + "x".repeat(i % 200)));
                        }
                        return null;
                    });
                }
                for (Future<Void> done : pool.invokeAll(tasks)) {
                    done.get();
                }
            } finally {
                pool.shutdownNow();
            }

            List<AuditEntry> entries = audit.read();
            Set<String> distinct = new HashSet<>();
            entries.forEach(e -> distinct.add(e.client() + "/" + e.reason()));
            assertThat(entries).hasSize(8 * perThread);
            assertThat(distinct).hasSize(8 * perThread);
        }
    }

    @Test
    void reopeningAppendsAndNeverTruncates() throws Exception {
        Path path = tmp.resolve("audit.jsonl");
        try (AuditFile audit = new AuditFile(path)) {
            audit.append(entry("a", "first"));
            audit.append(entry("a", "second"));
        }
        try (AuditFile audit = new AuditFile(path)) {
            audit.append(entry("b", "third"));
            assertThat(audit.read()).extracting(AuditEntry::reason).containsExactly("first", "second", "third");
        }
    }

    @Test
    void aLineTornByACrashStaysApartFromTheNextEntry() throws Exception {
        Path path = tmp.resolve("audit.jsonl");
        try (AuditFile audit = new AuditFile(path)) {
            audit.append(entry("a", "whole"));
        }
        Files.writeString(path, "{\"time\":\"2026-12-", StandardOpenOption.APPEND);

        try (AuditFile audit = new AuditFile(path)) {
            audit.append(entry("b", "after the crash"));
        }

        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).isEqualTo("{\"time\":\"2026-12-");
        assertThat(lines.get(2)).contains("after the crash");
        assertThatThrownBy(() -> new AuditFile(path).read()).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("audit log " + path + " line 2 is not an audit entry: ");
    }

    @Test
    void aFileThatCannotBeOpenedIsNamed() {
        Path nowhere = tmp.resolve("missing-dir").resolve("audit.jsonl");

        assertThatThrownBy(() -> new AuditFile(nowhere)).isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot open the audit log " + nowhere + ": no such file or directory");
    }

    static AuditEntry entry(String client, String reason) {
        return new AuditEntry(NOON, client, "127.0.0.1", "POST", "/api/v1/deploy", "app", "beta", "1.0.0",
                AuditEntry.ACCEPTED, reason);
    }
}
