package io.paycli.agent.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.agent.store.Database;
import io.paycli.agent.store.Job;
import io.paycli.agent.store.JobKind;
import io.paycli.agent.store.JobStore;
import io.paycli.agent.store.LogLine;
import io.paycli.agent.store.NewJob;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's log reaches the store in batches, in order, without waiting for the job's end. */
class BufferedLogTest {
    @TempDir
    Path dir;

    private Database database;
    private JobStore store;
    private Job job;

    @BeforeEach
    void open() {
        database = Database.open("jdbc:sqlite:" + dir.resolve("agent.db"));
        store = new JobStore(database);
        job = store.submit(new NewJob("ci", "web", "beta", "1", JobKind.DEPLOY, null, "/bundles/web-1"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private List<String> stored() {
        return store.readLog(job.id(), 0, 10_000).stream().map(LogLine::line).toList();
    }

    @Test
    void linesReachTheStoreWhileTheJobRunsAndAllOfThemByItsEnd() throws Exception {
        List<String> lines = IntStream.rangeClosed(1, 1200).mapToObj(i -> "line " + i).toList();
        try (BufferedLog log = new BufferedLog(store, job.id())) {
            lines.subList(0, 1000).forEach(log);
            assertThat(stored()).as("two full batches written as they filled").hasSize(1000);
            log.accept("==> wait: 1 object to become healthy");
            long end = System.nanoTime() + 10_000_000_000L;
            while (stored().size() < 1001 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(stored()).as("a quiet job's last line is flushed by the timer").hasSize(1001);
            lines.subList(1000, 1200).forEach(log);
        }
        assertThat(stored()).hasSize(1201).startsWith("line 1", "line 2").endsWith("line 1199", "line 1200");
        assertThat(stored().get(1000)).isEqualTo("==> wait: 1 object to become healthy");
    }
}
