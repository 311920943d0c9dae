package io.paycli.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.agent.audit.AuditEntry;
import io.paycli.core.error.InvalidInputException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuditStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123Z");

    @TempDir
    Path dir;
    private TestDatabases databases;

    @AfterEach
    void close() {
        databases.close();
    }

    private AuditStore store(Database.Kind kind) {
        databases = new TestDatabases(dir);
        return new AuditStore(databases.fresh(kind));
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void appendedEntriesComeBackNewestFirstWithEveryField(Database.Kind kind) {
        AuditStore audit = store(kind);
        AuditEntry accepted = new AuditEntry(T0, "ci-web", "10.0.0.7", "POST", "/api/v1/jobs", "web", "beta",
                "1.2.0", AuditEntry.ACCEPTED, "job Qm9v");
        AuditEntry refused = new AuditEntry(T0.plusSeconds(1), "nobody", "10.0.0.8", "POST", "/api/v1/jobs", null,
                null, null, AuditEntry.REFUSED, "unknown-key");
        AuditEntry later = new AuditEntry(T0.plusSeconds(2), "ci-web", "10.0.0.7", "GET", "/api/v1/jobs/Qm9v", null,
                null, null, AuditEntry.ACCEPTED, "read");

        audit.append(accepted);
        audit.append(refused);
        audit.append(later);

        assertThat(audit.recent(10, false)).containsExactly(later, refused, accepted);
        assertThat(audit.recent(2, false)).containsExactly(later, refused);
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void recentRefusedOnlyLeavesOutTheAcceptedOnes(Database.Kind kind) {
        AuditStore audit = store(kind);
        for (int i = 0; i < 6; i++) {
            audit.append(new AuditEntry(T0.plusSeconds(i), "c" + i, "127.0.0.1", "POST", "/api/v1/jobs", "web",
                    "beta", "1", i % 3 == 0 ? AuditEntry.REFUSED : AuditEntry.ACCEPTED, i % 3 == 0 ? "replay" : "ok"));
        }

        assertThat(audit.recent(10, true)).extracting(AuditEntry::client).containsExactly("c3", "c0");
        assertThat(audit.recent(1, true)).extracting(AuditEntry::client).containsExactly("c3");
        assertThat(audit.recent(10, false)).hasSize(6);
        assertThatThrownBy(() -> audit.recent(0, false)).isInstanceOf(InvalidInputException.class)
                .hasMessage("audit log: limit must be 1 to 1000, not 0");
    }
}
