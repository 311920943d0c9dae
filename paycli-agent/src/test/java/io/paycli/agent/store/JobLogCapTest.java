package io.paycli.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.InvalidInputException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A runaway job cannot fill the database: long lines are cut, and a log stops growing at its cap. */
class JobLogCapTest {
    @TempDir
    Path dir;
    private TestDatabases databases;

    @AfterEach
    void close() {
        if (databases != null) {
            databases.close();
        }
    }

    private JobStore store(Database.Kind kind, JobLog.Cap cap) {
        databases = new TestDatabases(dir);
        return new JobStore(databases.fresh(kind), Clock.systemUTC(), cap);
    }

    private static Job submit(JobStore store) {
        return store.submit(new NewJob("ci", "web", "beta", "1", JobKind.DEPLOY, null, "/bundles/web-1"));
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void afterTheCapOneLineSaysTheRestIsDroppedAndTheLogStopsGrowing(Database.Kind kind) {
        JobStore store = store(kind, new JobLog.Cap(3, 100));
        Job job = submit(store);

        for (int i = 1; i <= 6; i++) {
            store.appendLog(job.id(), "line " + i);
        }

        assertThat(store.readLog(job.id(), 0, 100)).extracting(LogLine::sequence, LogLine::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, "line 1"),
                org.assertj.core.groups.Tuple.tuple(2L, "line 2"),
                org.assertj.core.groups.Tuple.tuple(3L, "line 3"),
                org.assertj.core.groups.Tuple.tuple(4L, "(this job's log reached 3 lines: later lines are dropped)"));
        assertThat(store.appendLog(job.id(), "line 7")).as("the number of the last line kept").isEqualTo(4);
        assertThatThrownBy(() -> store.appendLog("no-such-job", "x")).isInstanceOf(InvalidInputException.class)
                .hasMessage("job no-such-job: no such job, so no log line for it");
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void aBatchOfLinesIsNumberedInOrderAndCappedLikeSingleLines(Database.Kind kind) {
        JobStore store = store(kind, new JobLog.Cap(4, 100));
        Job job = submit(store);
        store.appendLog(job.id(), "line 1");

        assertThat(store.appendLog(job.id(), java.util.List.of("line 2", "line 3", "line 4", "line 5", "line 6")))
                .isEqualTo(5);
        assertThat(store.appendLog(job.id(), java.util.List.of())).isZero();

        assertThat(store.readLog(job.id(), 0, 100)).extracting(LogLine::line).containsExactly("line 1", "line 2",
                "line 3", "line 4", "(this job's log reached 4 lines: later lines are dropped)");
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void aLongLineIsCutSayingHowMuchWasCut(Database.Kind kind) {
        JobStore store = store(kind, JobLog.Cap.DEFAULT);
        Job job = submit(store);
        String huge = "x".repeat(64 * 1024 + 10);

        store.appendLog(job.id(), huge);
        store.appendLog(job.id(), "y".repeat(64 * 1024));

        assertThat(store.readLog(job.id(), 0, 10)).extracting(LogLine::line).containsExactly(
                "x".repeat(64 * 1024) + " ... (cut: 10 more characters)", "y".repeat(64 * 1024));
    }

    @Test
    void aCutNeverSplitsACharacter() {
        JobStore store = store(Database.Kind.POSTGRESQL, new JobLog.Cap(10, 5));
        Job job = submit(store);

        store.appendLog(job.id(), "abcd\uD83D\uDE80 and more");

        assertThat(store.readLog(job.id(), 0, 10)).extracting(LogLine::line)
                .containsExactly("abcd ... (cut: 11 more characters)");
    }

    @Test
    void theDefaultCapIsAHundredThousandLinesOf64KiCharacters() {
        assertThat(JobLog.Cap.DEFAULT).isEqualTo(new JobLog.Cap(100_000, 65_536));
    }
}
