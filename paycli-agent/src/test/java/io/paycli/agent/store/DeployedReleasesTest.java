package io.paycli.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.paycli.agent.TestClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the store says each app and environment runs (V3's target and revision), on both databases. */
class DeployedReleasesTest {
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

    /** Submits, runs and ends one job; a successful real deploy records its release first, as the workers do. */
    private Job run(JobStore store, NewJob job, JobState end, int revision) {
        Job queued = store.submit(job);
        Job running = store.claim("agent").orElseThrow();
        assertThat(running.id()).isEqualTo(queued.id());
        clock.advance(Duration.ofSeconds(1));
        if (end == JobState.SUCCEEDED && !job.dryRun() && job.kind() == JobKind.DEPLOY) {
            assertThat(store.recordRelease(running.id(), job.target().namespace(), revision)).isTrue();
        }
        assertThat(store.finish(running.id(), "agent", end, end == JobState.SUCCEEDED ? 0 : 5)).isTrue();
        return queued;
    }

    private static NewJob deploy(String client, String app, String env, String tag, boolean dryRun) {
        return new NewJob(client, app, env, tag, JobKind.DEPLOY, null, "/b/" + app + tag, dryRun,
                new JobTarget(app + "-" + env, env + "-ctx", env + "-cluster"));
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void eachAppAndEnvShowsItsLastSuccessfulRealDeployWithWhereItWentAndItsRevision(Database.Kind kind) {
        JobStore store = store(kind);
        run(store, deploy("ci-a", "web", "beta", "1.0", false), JobState.SUCCEEDED, 1);
        Job web2 = run(store, deploy("ci-b", "web", "beta", "2.0", false), JobState.SUCCEEDED, 2);
        run(store, deploy("ci-a", "web", "beta", "3.0", false), JobState.FAILED, 0);
        run(store, deploy("ci-a", "web", "beta", "4.0", true), JobState.SUCCEEDED, 0);
        Job api = run(store, deploy("ci-a", "api", "release", "7.1", false), JobState.SUCCEEDED, 5);
        run(store, deploy("ci-a", "worker", "beta", "1.0", true), JobState.SUCCEEDED, 0);
        run(store, new NewJob("ci-a", "_restore", "*", "last-deployed", JobKind.RESTORE, null, ""),
                JobState.SUCCEEDED, 0);

        assertThat(store.lastDeployed())
                .extracting(DeployedRelease::app, DeployedRelease::env, DeployedRelease::namespace,
                        DeployedRelease::tag, DeployedRelease::revision, DeployedRelease::jobId,
                        DeployedRelease::client, DeployedRelease::context, DeployedRelease::cluster)
                .containsExactly(
                        tuple("api", "release", "api-release", "7.1", 5, api.id(), "ci-a", "release-ctx",
                                "release-cluster"),
                        tuple("web", "beta", "web-beta", "2.0", 2, web2.id(), "ci-b", "beta-ctx", "beta-cluster"));
        assertThat(store.lastDeployed().get(1).deployedAt()).isEqualTo(store.get(web2.id()).orElseThrow()
                .finishedAt());
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void theReleasesNamespaceIsTheEnginesWordOverTheBundlesAndOnlyARunningJobRecordsOne(Database.Kind kind) {
        JobStore store = store(kind);
        Job job = store.submit(deploy("ci", "web", "beta", "1.0", false));
        assertThat(store.recordRelease(job.id(), "elsewhere", 1)).as("not running yet").isFalse();
        store.claim("agent").orElseThrow();

        assertThat(store.recordRelease(job.id(), "elsewhere", 3)).isTrue();
        store.finish(job.id(), JobState.SUCCEEDED, 0);

        assertThat(store.lastDeployed()).extracting(DeployedRelease::namespace, DeployedRelease::revision)
                .containsExactly(tuple("elsewhere", 3));
        assertThat(store.recordRelease(job.id(), "again", 4)).as("finished").isFalse();
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void aDatabaseOfTheLastVersionMigratesAndItsDeploysShowWithoutWhereTheyWent(Database.Kind kind)
            throws SQLException {
        databases = new TestDatabases(dir);
        String url = databases.freshUrl(kind);
        migrateToV2(url, kind);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO jobs (id, client, app, env, tag, kind, state, exit_code, submitted_at, "
                    + "finished_at, bundle_dir, dry_run) VALUES ('old-job', 'ci', 'web', 'beta', '0.9', 'DEPLOY', "
                    + "'SUCCEEDED', 0, 1000, 2000, '/b', 0)");
        }

        JobStore store = new JobStore(databases.open(url), clock);

        assertThat(store.lastDeployed()).containsExactly(new DeployedRelease("web", "beta", null, "0.9", null,
                "old-job", Instant.ofEpochMilli(2000), "ci", null, null));
        assertThat(store.get("old-job")).isPresent();
    }

    /** The schema as the agent before V3 left it, by the same migrations Database runs, stopped at version 2. */
    private static void migrateToV2(String url, Database.Kind kind) {
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/agent").target("2")
                .placeholders(Map.of("auto_id", kind == Database.Kind.SQLITE ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                        : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"))
                .load().migrate();
    }
}
