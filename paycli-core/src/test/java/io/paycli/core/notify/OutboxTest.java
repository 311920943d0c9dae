package io.paycli.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.NotifyTarget;
import io.paycli.core.model.Release.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Retries with backoff, then the outbox, and its delivery by later runs: oldest first, each message once. */
class OutboxTest {
    @TempDir
    Path tmp;
    Path outbox;
    HookServer server;
    NotifyTarget hook;
    final List<DeployEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new HookServer();
        outbox = tmp.resolve("outbox");
        hook = Steps.web("webhook", "HOOK_URL");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private NotifySink sink() {
        return new NotifySink(List.of(hook), Map.of("HOOK_URL", server.url("/hook"))::get, settings(),
                Clock.systemUTC());
    }

    private NotifySettings settings() {
        return new NotifySettings(Duration.ofSeconds(5), 3, Duration.ofMillis(20), outbox);
    }

    private List<Path> kept() throws Exception {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.sorted().toList();
        }
    }

    private List<String> deliveries() {
        return server.requests.stream().map(r -> r.header("X-Paycli-Delivery")).toList();
    }

    @Test
    void aFailingTargetIsRetriedThenItsMessageIsKept() throws Exception {
        server.answer(503, 503, 503);

        sink().released(Steps.deploy(Result.SUCCEEDED, List.of()), events::add);

        assertThat(server.requests).hasSize(3);
        assertThat(deliveries()).containsOnly(deliveries().get(0));
        assertThat(kept()).singleElement().satisfies(f -> assertThat(f.getFileName().toString())
                .matches("\\d{13}-\\d{6}-" + deliveries().get(0) + "\\.json"));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.step()).isEqualTo(DeployEvent.Step.NOTIFY);
            assertThat(e.kind()).isEqualTo(Kind.WARNING);
            assertThat(e.message()).isEqualTo("webhook (urlEnv HOOK_URL): not delivered after 3 attempt(s) (HTTP 503"
                    + " unavailable); kept in " + outbox + " for a later run");
        });
    }

    @Test
    void aLaterRunDeliversWhatWasKeptFirstAndEachMessageOnce() throws Exception {
        server.answer(503, 503, 503);
        sink().released(Steps.deploy(Result.FAILED, List.of()), events::add);
        String kept = deliveries().get(0);
        server.requests.clear();

        sink().released(Steps.deploy(Result.SUCCEEDED, List.of()), events::add);

        assertThat(deliveries()).hasSize(2).first().isEqualTo(kept);
        assertThat(JsonMapper.shared().readTree(server.requests.get(0).body()).path("event").asString())
                .isEqualTo("failed");
        assertThat(kept()).isEmpty();
        assertThat(events).extracting(DeployEvent::message).contains("notified webhook (urlEnv HOOK_URL)")
                .anyMatch(m -> m.startsWith("webhook (urlEnv HOOK_URL): delivered kept message " + kept));

        server.requests.clear();
        sink().released(Steps.deploy(Result.SUCCEEDED, List.of()), events::add);
        assertThat(deliveries()).hasSize(1).doesNotContain(kept);
    }

    @Test
    void aTargetStillDownGetsTheNewMessageQueuedBehindTheOldOne() throws Exception {
        server.answer(503, 503, 503, 503);
        sink().released(Steps.deploy(Result.FAILED, List.of()), events::add);
        events.clear();

        sink().released(Steps.deploy(Result.ROLLED_BACK, List.of()), events::add);

        // One send for the kept message, none for the new one: one timeout at most for a target that is down.
        assertThat(server.requests).hasSize(4);
        assertThat(kept()).hasSize(2);
        assertThat(Files.readString(kept().get(0))).contains("\"event\":\"failed\"");
        assertThat(Files.readString(kept().get(1))).contains("\"event\":\"rolled_back\"");
        assertThat(events).extracting(DeployEvent::message).last().asString()
                .isEqualTo("webhook (urlEnv HOOK_URL): kept in " + outbox + " behind 1 older message(s) for a later"
                        + " run");

        server.requests.clear();
        sink().released(Steps.deploy(Result.SUCCEEDED, List.of()), events::add);
        assertThat(server.requests).extracting(r -> JsonMapper.shared().readTree(r.body()).path("event").asString())
                .containsExactly("failed", "rolled_back", "succeeded");
    }

    @Test
    void aMessageKeptForAWeekIsDroppedUnsent() throws Exception {
        Outbox box = new Outbox(outbox);
        box.put(hook, Message.of(Steps.deploy(Result.FAILED, List.of()), "old-1", Instant.EPOCH),
                Instant.now().minus(Duration.ofDays(8)));
        box.put(hook, Message.of(Steps.deploy(Result.FAILED, List.of()), "new-1", Instant.EPOCH),
                Instant.now().minus(Duration.ofDays(6)));

        sink().released(Steps.deploy(Result.SUCCEEDED, List.of()), events::add);

        assertThat(deliveries()).hasSize(2).first().isEqualTo("new-1");
        assertThat(deliveries()).doesNotContain("old-1");
        assertThat(kept()).isEmpty();
        assertThat(events).extracting(DeployEvent::message).anyMatch(m -> m.startsWith(
                "webhook (urlEnv HOOK_URL): kept message old-1 (") && m.endsWith(" dropped: not delivered in 7 days"));
    }

    @Test
    void anOutboxThatCannotBeWrittenIsAWarningToo() throws Exception {
        Files.writeString(outbox, "not a directory");
        server.answer(503, 503, 503);

        sink().released(Steps.deploy(Result.SUCCEEDED, List.of()), events::add);

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.WARNING);
            assertThat(e.message()).startsWith("webhook (urlEnv HOOK_URL): cannot write to the outbox " + outbox);
        });
    }

    @Test
    void aMessageTheReceiverRejectsIsNeitherRetriedNorKept() throws Exception {
        server.answer(404).answerBody("no_service");

        sink().released(Steps.deploy(Result.SUCCEEDED, List.of()), events::add);

        assertThat(server.requests).hasSize(1);
        assertThat(kept()).isEmpty();
        assertThat(events).extracting(DeployEvent::message)
                .containsExactly("webhook (urlEnv HOOK_URL): not delivered: rejected with HTTP 404 no_service");
    }

    @Test
    void twoRunsAtOnceDeliverEveryKeptMessageExactlyOnce() throws Exception {
        Outbox box = new Outbox(outbox);
        Message sample = Message.of(Steps.deploy(Result.SUCCEEDED, List.of()), "x", Instant.EPOCH);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            box.put(hook, new Message(id, false, sample.event(), sample.action(), sample.app(), sample.env(),
                    sample.namespace(), sample.cluster(), sample.version(), i + 1, sample.result(), 0, "alice", null,
                    null, null, null, null, 0, Instant.EPOCH, null), Instant.now());
        }
        Notifiers notifiers = new Notifiers(Map.of("HOOK_URL", server.url("/hook"))::get, Duration.ofSeconds(5));
        Dispatch first = new Dispatch(new Delivery(notifiers, settings()), settings(), Clock.systemUTC());
        Dispatch second = new Dispatch(new Delivery(notifiers, settings()), settings(), Clock.systemUTC());

        // Slow answers, so that the two runs overlap for the whole of their work.
        server.delay(20);
        CountDownLatch ready = new CountDownLatch(2);
        Thread other = new Thread(() -> {
            ready.countDown();
            awaitQuietly(ready);
            second.run(List.of(), null, events::add);
        });
        other.start();
        ready.countDown();
        ready.await();
        first.run(List.of(), null, events::add);
        other.join();

        assertThat(deliveries()).hasSize(30).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(Set.copyOf(deliveries())).hasSize(30);
        assertThat(kept()).isEmpty();
    }

    @Test
    void aRunSpendsOneBoundOnKeptMessagesAndLeavesTheRestForTheNext() throws Exception {
        Outbox box = new Outbox(outbox);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Message m = Message.of(Steps.deploy(Result.SUCCEEDED, List.of()), UUID.randomUUID().toString(),
                    Instant.now());
            ids.add(m.id());
            box.put(hook, m, Instant.now());
        }
        // One attempt: the bound is one send's timeout, so this run has time for one kept message; sending all ten
        // (each answer is slow) would hold the step up for ten of them.
        NotifySettings tight = new NotifySettings(Duration.ofSeconds(2), 1, Duration.ofMillis(20), outbox);
        server.delay(200);

        new NotifySink(List.of(hook), Map.of("HOOK_URL", server.url("/hook"))::get, tight, Clock.systemUTC())
                .released(Steps.deploy(Result.SUCCEEDED, List.of()), events::add);

        assertThat(deliveries()).containsExactly(ids.get(0));
        int left = 9;
        assertThat(kept()).hasSize(left + 1);
        assertThat(events).extracting(DeployEvent::message).last().asString()
                .isEqualTo("webhook (urlEnv HOOK_URL): kept in " + outbox + " behind " + left
                        + " older message(s) for a later run");

        server.delay(0);
        server.requests.clear();
        sink().released(Steps.deploy(Result.SUCCEEDED, List.of()), events::add);
        assertThat(deliveries()).hasSize(left + 2).startsWith(ids.subList(10 - left, 10).toArray(String[]::new));
        assertThat(kept()).isEmpty();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aClaimLeftByAStoppedRunIsNotSentAgain() throws Exception {
        Outbox box = new Outbox(outbox);
        box.put(hook, Message.of(Steps.deploy(Result.FAILED, List.of()), "m-1", Instant.EPOCH), Instant.now());
        Outbox.Entry entry = box.pending(new ArrayList<>()).get(0);
        Path claimed = box.claim(entry, Instant.parse("2026-01-01T00:00:00Z")).orElseThrow();

        sink().released(Steps.deploy(Result.SUCCEEDED, List.of()), events::add);

        assertThat(deliveries()).hasSize(1).doesNotContain("m-1");
        assertThat(claimed).exists();
        assertThat(events).extracting(DeployEvent::message).anyMatch(m -> m.startsWith("1 message(s) in " + outbox
                + " were being sent by a run that stopped"));
    }
}
