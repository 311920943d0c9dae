package io.paycli.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.paycli.agent.TestClock;
import io.paycli.agent.audit.AuditEntry;
import io.paycli.core.error.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The queue's rules, one job at a time, on both databases. */
class JobStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;
    private TestDatabases databases;
    private final TestClock clock = new TestClock(T0);

    @AfterEach
    void close() {
        databases.close();
    }

    private JobStore store(Database.Kind kind) {
        databases = new TestDatabases(dir);
        return new JobStore(databases.fresh(kind), clock);
    }

    private static NewJob deploy(String app, String env, String tag) {
        return new NewJob("ci", app, env, tag, JobKind.DEPLOY, null, "/bundles/" + app + "-" + tag);
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void submitClaimFinish(Database.Kind kind) {
        JobStore store = store(kind);

        Job queued = store.submit(new NewJob("ci-web", "web", "beta", "1.2.0", JobKind.DEPLOY, "k1", "/b/1"));
        assertThat(queued.id()).matches("[A-Za-z0-9_-]{22}");
        assertThat(queued).extracting(Job::client, Job::app, Job::env, Job::tag, Job::kind, Job::idempotencyKey,
                        Job::state, Job::exitCode, Job::owner, Job::attempts, Job::cancelRequested, Job::submittedAt,
                        Job::startedAt, Job::finishedAt, Job::bundleDir)
                .containsExactly("ci-web", "web", "beta", "1.2.0", JobKind.DEPLOY, "k1", JobState.QUEUED, null, null,
                        0, false, T0, null, null, "/b/1");

        clock.advance(Duration.ofSeconds(1));
        Job running = store.claim("agent-a").orElseThrow();
        assertThat(running.id()).isEqualTo(queued.id());
        assertThat(running).extracting(Job::state, Job::owner, Job::attempts, Job::startedAt, Job::heartbeatAt)
                .containsExactly(JobState.RUNNING, "agent-a", 1, T0.plusSeconds(1), T0.plusSeconds(1));
        assertThat(store.claim("agent-a")).as("nothing else to run").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(store.finish(queued.id(), JobState.SUCCEEDED, 0)).isTrue();
        assertThat(store.get(queued.id()).orElseThrow())
                .extracting(Job::state, Job::exitCode, Job::finishedAt)
                .containsExactly(JobState.SUCCEEDED, 0, T0.plusSeconds(2));
        assertThat(store.finish(queued.id(), JobState.FAILED, 5)).as("a final job stays as it ended").isFalse();
        assertThat(store.get(queued.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(store.get("no-such-job")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void oneJobPerAppAndEnvRunsAtATimeWhileOtherPairsRun(Database.Kind kind) {
        JobStore store = store(kind);
        Job web1 = store.submit(deploy("web", "beta", "1"));
        Job web2 = store.submit(deploy("web", "beta", "2"));
        Job webRelease = store.submit(deploy("web", "release", "1"));
        Job api = store.submit(deploy("api", "beta", "1"));

        assertThat(store.claim("a").orElseThrow().id()).isEqualTo(web1.id());
        assertThat(store.claim("a").orElseThrow().id()).as("web/beta is busy: web/release is next")
                .isEqualTo(webRelease.id());
        assertThat(store.claim("a").orElseThrow().id()).isEqualTo(api.id());
        assertThat(store.claim("a")).as("web 2 waits for web 1").isEmpty();

        store.finish(web1.id(), JobState.FAILED, 5);

        assertThat(store.claim("a").orElseThrow().id()).isEqualTo(web2.id());
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void anIdempotencyKeyReturnsTheJobItMadeOncePerClient(Database.Kind kind) {
        JobStore store = store(kind);
        Job first = store.submit(new NewJob("ci", "web", "beta", "1", JobKind.DEPLOY, "build-77", "/b/first"));
        store.claim("a");

        Job again = store.submit(new NewJob("ci", "web", "beta", "1", JobKind.DEPLOY, "build-77", "/b/second"));
        Job otherClient = store.submit(new NewJob("ci-2", "web", "beta", "1", JobKind.DEPLOY, "build-77", "/b/o"));
        Job noKey1 = store.submit(deploy("web", "beta", "1"));
        Job noKey2 = store.submit(deploy("web", "beta", "1"));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.state()).isEqualTo(JobState.RUNNING);
        assertThat(again.bundleDir()).isEqualTo("/b/first");
        assertThat(otherClient.id()).isNotEqualTo(first.id());
        assertThat(noKey1.id()).isNotEqualTo(noKey2.id());
        assertThat(store.list(JobFilter.all(10))).hasSize(4);
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void aSubmitsAuditEntryCommitsWithItsJobOrNeitherIsWritten(Database.Kind kind) {
        databases = new TestDatabases(dir);
        Database database = databases.fresh(kind);
        JobStore store = new JobStore(database, clock);
        AuditStore audit = new AuditStore(database);
        Function<Job, AuditEntry> accepted = j -> new AuditEntry(T0, "ci", "127.0.0.1", "POST",
                "/api/v1/deployments", j.app(), j.env(), j.tag(), AuditEntry.ACCEPTED, "job " + j.id());

        Job first = store.submit(new NewJob("ci", "web", "beta", "1", JobKind.DEPLOY, "k", "/b/1"), accepted);
        Job again = store.submit(new NewJob("ci", "web", "beta", "1", JobKind.DEPLOY, "k", "/b/2"), accepted);
        // An entry the database refuses (no decision) takes its job with it.
        assertThatThrownBy(() -> store.submit(deploy("api", "beta", "1"), j -> new AuditEntry(T0, "ci", null, null,
                null, j.app(), null, null, null, null))).isInstanceOf(StoreException.class);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(audit.recent(10, false)).extracting(AuditEntry::app, AuditEntry::reason)
                .containsExactly(tuple("web", "job " + first.id()), tuple("web", "job " + first.id()));
        assertThat(store.list(JobFilter.all(10))).extracting(Job::app).containsExactly("web");
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void anIdempotencyKeyReusedForAnotherDeployIsRefused(Database.Kind kind) {
        JobStore store = store(kind);
        Job first = store.submit(new NewJob("ci", "web", "beta", "1", JobKind.DEPLOY, "build-77", "/b/1"));

        assertThatThrownBy(() -> store.submit(new NewJob("ci", "web", "beta", "2", JobKind.DEPLOY, "build-77", "/b")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("idempotency key build-77 of client ci was used for job " + first.id()
                        + " (DEPLOY web 1 in beta), not for DEPLOY web 2 in beta");
        assertThat(store.list(JobFilter.all(10))).containsExactly(first);
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void aDryRunIsKeptAsOneAndItsKeyCannotMakeARealDeploy(Database.Kind kind) {
        JobStore store = store(kind);
        Job dry = store.submit(new NewJob("ci", "web", "beta", "1", JobKind.DEPLOY, "build-78", "/b/1", true));

        assertThat(dry.dryRun()).isTrue();
        assertThat(store.claim("a").orElseThrow().dryRun()).isTrue();
        assertThat(store.submit(deploy("web", "prod", "1")).dryRun()).isFalse();
        assertThatThrownBy(() -> store.submit(new NewJob("ci", "web", "beta", "1", JobKind.DEPLOY, "build-78", "/b")))
                .isInstanceOf(InvalidInputException.class).hasMessageEndingWith("(DEPLOY web 1 in beta (dry run)), not"
                        + " for DEPLOY web 1 in beta");
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void cancellingAWaitingJobEndsItAndARunningOneAsksItsWorker(Database.Kind kind) {
        JobStore store = store(kind);
        Job running = store.submit(deploy("web", "beta", "1"));
        Job waiting = store.submit(deploy("web", "beta", "2"));
        store.claim("a");

        Job cancelled = store.requestCancel(waiting.id()).orElseThrow();
        Job asked = store.requestCancel(running.id()).orElseThrow();

        assertThat(cancelled).extracting(Job::state, Job::exitCode, Job::cancelRequested, Job::finishedAt)
                .containsExactly(JobState.CANCELLED, 5, true, T0);
        assertThat(store.readLog(waiting.id(), 0, 10)).extracting(LogLine::line)
                .containsExactly("cancelled before it ran");
        assertThat(asked).extracting(Job::state, Job::cancelRequested).containsExactly(JobState.RUNNING, true);
        assertThat(store.finish(running.id(), "a", JobState.CANCELLED, 5)).isTrue();
        assertThat(store.claim("a")).as("the cancelled job never runs").isEmpty();
        assertThat(store.requestCancel(running.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(store.requestCancel("no-such-job")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void finishWithAnOwnerOnlyEndsThatOwnersRun(Database.Kind kind) {
        JobStore store = store(kind);
        Job job = store.submit(deploy("web", "beta", "1"));
        store.claim("a");

        assertThat(store.finish(job.id(), "b", JobState.SUCCEEDED, 0)).isFalse();
        assertThat(store.get(job.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        assertThat(store.finish(job.id(), "a", JobState.SUCCEEDED, 0)).isTrue();
        assertThatThrownBy(() -> store.finish(job.id(), JobState.QUEUED, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void listFiltersByAppEnvAndStateNewestFirstAndCounts(Database.Kind kind) {
        JobStore store = store(kind);
        Job web1 = store.submit(deploy("web", "beta", "1"));
        Job web2 = store.submit(deploy("web", "beta", "2"));
        Job webRelease = store.submit(deploy("web", "release", "1"));
        Job api = store.submit(deploy("api", "beta", "1"));
        store.claim("a");

        assertThat(store.list(JobFilter.all(10))).extracting(Job::id)
                .containsExactly(api.id(), webRelease.id(), web2.id(), web1.id());
        assertThat(store.list(JobFilter.all(2))).extracting(Job::id).containsExactly(api.id(), webRelease.id());
        assertThat(store.list(new JobFilter("web", null, null, 10))).extracting(Job::id)
                .containsExactly(webRelease.id(), web2.id(), web1.id());
        assertThat(store.list(new JobFilter("web", "beta", JobState.QUEUED, 10))).extracting(Job::id)
                .containsExactly(web2.id());
        assertThat(store.list(new JobFilter(null, "beta", JobState.RUNNING, 10))).extracting(Job::id)
                .containsExactly(web1.id());
        assertThat(store.countByState()).containsEntry(JobState.QUEUED, 3L).containsEntry(JobState.RUNNING, 1L)
                .containsEntry(JobState.SUCCEEDED, 0L).hasSize(JobState.values().length);
        assertThatThrownBy(() -> JobFilter.all(0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("job list: limit must be 1 to 1000, not 0");
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void recoverAfterRestartRequeuesTheOwnersRunningJobsAtTheHeadOfTheirQueue(Database.Kind kind) {
        JobStore store = store(kind);
        Job mine = store.submit(deploy("web", "beta", "1"));
        Job next = store.submit(deploy("web", "beta", "2"));
        Job others = store.submit(deploy("api", "beta", "1"));
        store.claim("agent-a");
        store.claim("agent-b");

        List<Job> recovered = store.recoverAfterRestart("agent-a");

        assertThat(recovered).extracting(Job::id, Job::state, Job::owner, Job::attempts)
                .containsExactly(tuple(mine.id(), JobState.INTERRUPTED, null, 1));
        assertThat(store.get(others.id()).orElseThrow().state()).as("another agent's job")
                .isEqualTo(JobState.RUNNING);
        assertThat(store.readLog(mine.id(), 0, 10)).extracting(LogLine::line)
                .containsExactly("run 1 stopped: agent agent-a restarted while it ran; it will run again");
        Job rerun = store.claim("agent-a").orElseThrow();
        assertThat(rerun.id()).as("before the job submitted after it").isEqualTo(mine.id());
        assertThat(rerun).extracting(Job::state, Job::attempts).containsExactly(JobState.RUNNING, 2);
        assertThat(store.get(next.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        assertThat(store.recoverAfterRestart("agent-c")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void aJobInterruptedTooOftenFailsAndACancelledOneIsCancelled(Database.Kind kind) {
        JobStore store = store(kind);
        Job crashing = store.submit(deploy("web", "beta", "1"));
        Job cancelling = store.submit(deploy("api", "beta", "1"));
        for (int run = 1; run < JobStore.MAX_ATTEMPTS; run++) {
            store.claim("a");
            store.recoverAfterRestart("a");
        }
        store.claim("a");
        store.claim("a");
        store.requestCancel(cancelling.id());

        store.recoverAfterRestart("a");

        assertThat(store.get(crashing.id()).orElseThrow())
                .extracting(Job::state, Job::exitCode, Job::attempts)
                .containsExactly(JobState.FAILED, 5, JobStore.MAX_ATTEMPTS);
        assertThat(store.readLog(crashing.id(), 0, 10)).last().extracting(LogLine::line)
                .isEqualTo("run 3 stopped: agent a restarted while it ran; it failed after 3 interrupted runs");
        assertThat(store.get(cancelling.id()).orElseThrow()).extracting(Job::state, Job::exitCode)
                .containsExactly(JobState.CANCELLED, 5);
        assertThat(store.claim("a")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void aRunWhoseHeartbeatWentStaleIsTakenOverAndItsWorkerLosesIt(Database.Kind kind) {
        JobStore store = store(kind);
        Job silent = store.submit(deploy("web", "beta", "1"));
        Job alive = store.submit(deploy("api", "beta", "1"));
        store.claim("dead-replica");
        store.claim("live-replica");

        clock.advance(Duration.ofSeconds(50));
        assertThat(store.heartbeat(alive.id(), "live-replica")).isTrue();
        clock.advance(Duration.ofSeconds(20));
        List<Job> requeued = store.requeueStale(Duration.ofMinutes(1));

        assertThat(requeued).extracting(Job::id).containsExactly(silent.id());
        assertThat(store.get(alive.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        assertThat(store.claim("live-replica").orElseThrow().id()).isEqualTo(silent.id());
        assertThat(store.heartbeat(silent.id(), "dead-replica")).as("no longer its run").isFalse();
        assertThat(store.finish(silent.id(), "dead-replica", JobState.SUCCEEDED, 0)).isFalse();
        assertThat(store.get(silent.id()).orElseThrow()).extracting(Job::state, Job::owner)
                .containsExactly(JobState.RUNNING, "live-replica");
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void theLogKeepsOrderPerJobAndReadsAfterASequence(Database.Kind kind) {
        JobStore store = store(kind);
        Job a = store.submit(deploy("web", "beta", "1"));
        Job b = store.submit(deploy("api", "beta", "1"));

        assertThat(store.appendLog(a.id(), "a one")).isEqualTo(1);
        assertThat(store.appendLog(b.id(), "b one")).isEqualTo(1);
        assertThat(store.appendLog(a.id(), "a two")).isEqualTo(2);
        clock.advance(Duration.ofMillis(5));
        assertThat(store.appendLog(a.id(), "a three")).isEqualTo(3);

        assertThat(store.readLog(a.id(), 0, 100)).containsExactly(new LogLine(1, T0, "a one"),
                new LogLine(2, T0, "a two"), new LogLine(3, T0.plusMillis(5), "a three"));
        assertThat(store.readLog(a.id(), 1, 100)).extracting(LogLine::sequence).containsExactly(2L, 3L);
        assertThat(store.readLog(a.id(), 1, 1)).extracting(LogLine::line).containsExactly("a two");
        assertThat(store.readLog(a.id(), 3, 100)).isEmpty();
        assertThat(store.readLog(b.id(), 0, 100)).extracting(LogLine::line).containsExactly("b one");
        assertThatThrownBy(() -> store.appendLog("no-such-job", "x")).isInstanceOf(InvalidInputException.class)
                .hasMessage("job no-such-job: no such job, so no log line for it");
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void aClaimThatFindsNothingLeavesEverythingAsItWas(Database.Kind kind) {
        JobStore store = store(kind);

        Optional<Job> none = store.claim("a");

        assertThat(none).isEmpty();
        assertThat(store.countByState().values()).allMatch(n -> n == 0);
        assertThat(Map.copyOf(store.countByState())).hasSize(6);
    }
}
