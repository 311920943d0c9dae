package io.paycli.agent.api;

import io.paycli.agent.store.DeployedRelease;
import io.paycli.agent.store.Job;
import io.paycli.agent.store.JobStore;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.deploy.PreScaleOverride;
import io.paycli.core.deploy.Status;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.DeployRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the cluster says of each deployed release now: healthy or not, its blue-green colours, its pre-scale override.
 * Read through the deploy engine from the paycli.yaml of the job that deployed it, a few rows at a time, and kept
 * for {@code ttl} because the dashboard asks every few seconds. A row whose state cannot be read says why in
 * {@code stateError}; it never fails the list.
 */
final class LiveState {
    /** Reads at once: enough for a page of apps, few enough not to crowd the cluster's API server. */
    private static final int PARALLEL = 4;
    private static final Duration READ_BOUND = Duration.ofSeconds(15);

    private final DeployService deploys;
    private final JobStore jobs;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Instant readAt, Map<String, Object> fields) {
    }

    LiveState(DeployService deploys, JobStore jobs, Clock clock, Duration ttl) {
        this.deploys = deploys;
        this.jobs = jobs;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The live fields of each release, in the order given: healthy, colours, preScale, and stateError if unread. */
    List<Map<String, Object>> of(List<DeployedRelease> releases) {
        Instant now = clock.instant();
        cache.values().removeIf(c -> c.readAt().plus(ttl).isBefore(now));
        List<Map<String, Object>> fields = new ArrayList<>();
        List<Integer> toRead = new ArrayList<>();
        for (DeployedRelease r : releases) {
            Cached cached = cache.get(key(r));
            fields.add(cached == null ? null : cached.fields());
            if (cached == null) {
                toRead.add(fields.size() - 1);
            }
        }
        if (toRead.isEmpty()) {
            return fields;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, toRead.size()), r -> {
            Thread t = new Thread(r, "release-state");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Map<String, Object>>> reads = toRead.stream()
                    .map(i -> pool.submit(() -> read(releases.get(i)))).toList();
            Instant deadline = now.plus(READ_BOUND);
            for (int n = 0; n < toRead.size(); n++) {
                DeployedRelease r = releases.get(toRead.get(n));
                Map<String, Object> read = await(reads.get(n), deadline, r);
                fields.set(toRead.get(n), read);
                if (!read.containsKey("stateError")) { // an error is asked again next time: it may pass
                    cache.put(key(r), new Cached(now, read));
                }
            }
            return fields;
        } finally {
            pool.shutdownNow();
        }
    }

    private Map<String, Object> await(Future<Map<String, Object>> read, Instant deadline, DeployedRelease r) {
        try {
            long wait = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
            return read.get(wait, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            read.cancel(true);
            return unknown("the cluster did not answer within " + READ_BOUND.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown("the agent stopped reading the cluster");
        } catch (ExecutionException e) {
            return unknown(oneLine(e.getCause()));
        }
    }

    private Map<String, Object> read(DeployedRelease r) {
        Optional<Job> job = r.jobId() == null ? Optional.empty() : jobs.get(r.jobId());
        if (job.isEmpty() || job.get().bundleDir() == null) {
            return unknown("the agent no longer has job " + r.jobId() + " that deployed " + r.app() + " to "
                    + r.env() + ", so it cannot read its paycli.yaml");
        }
        // The same request the deploy job made (JobRunner): the bundle's paycli.yaml names the context and namespace.
        DeployRequest request = new DeployRequest(Path.of(job.get().bundleDir()), r.env(), null, List.of(), null,
                null);
        Status status = deploys.status(request);
        Optional<PreScaleOverride> preScale = deploys.preScale(request)
                .filter(p -> p.activeAt(clock.instant())); // an expired one is only waiting for the reconciler
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("healthy", status.healthy());
        fields.put("colours", status.colours().stream().map(LiveState::colour).toList());
        fields.put("preScale", preScale.map(LiveState::preScale).orElse(null));
        return fields;
    }

    private static Map<String, Object> colour(Status.ColourState c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("colour", c.colour().id());
        json.put("live", c.live());
        json.put("tag", c.tag());
        json.put("revision", c.revision());
        json.put("ready", c.ready());
        json.put("replicas", c.replicas());
        json.put("scaleDownAt", c.scaleDownAt() == null ? null : c.scaleDownAt().toString());
        return json;
    }

    private static Map<String, Object> preScale(PreScaleOverride p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("min", p.min());
        json.put("max", p.max());
        json.put("until", p.until() == null ? null : p.until().toString());
        json.put("by", p.by());
        json.put("reason", p.reason());
        return json;
    }

    private static Map<String, Object> unknown(String why) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("healthy", null);
        fields.put("colours", List.of());
        fields.put("preScale", null);
        fields.put("stateError", why);
        return fields;
    }

    private static String oneLine(Throwable e) {
        String message = e instanceof PaycliException ? e.getMessage()
                : "cannot read the live state: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage());
        return message == null ? "cannot read the live state" : message.lines().findFirst().orElse(message);
    }

    /** A new deploy is a new job: its row is read afresh. */
    private static String key(DeployedRelease r) {
        return r.app() + "\u0000" + r.env() + "\u0000" + r.jobId();
    }
}
