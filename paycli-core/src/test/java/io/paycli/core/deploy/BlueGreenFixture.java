package io.paycli.core.deploy;

import static io.paycli.core.deploy.SandboxFixture.options;
import static io.paycli.core.deploy.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.paycli.core.model.Release;
import io.paycli.sandbox.CapacityReplay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A copy of the web example whose beta environment is blue-green, deployed to a sandbox that records every write:
 * what each scenario of the blue-green tests starts from, and the capacity check each one ends with.
 */
final class BlueGreenFixture implements AutoCloseable {
    static final String NS = "promotion-beta";
    static final String APP = "campaign-web";

    final SandboxFixture cluster;
    final Path web;

    BlueGreenFixture(Path tmp, String blueGreen) {
        this(new SandboxFixture(tmp), tmp, blueGreen);
    }

    /** As above, on a sandbox the caller made (one with release sinks, say). */
    BlueGreenFixture(SandboxFixture sandbox, Path tmp, String blueGreen) {
        cluster = sandbox;
        cluster.createNamespace(NS);
        web = SandboxFixture.copyExample("web", tmp.resolve("web"));
        configure(blueGreen);
    }

    /** Sets the beta environment's strategy block: {@code blueGreen} is its YAML after "strategy: blue-green". */
    void configure(String blueGreen) {
        Path yaml = web.resolve("paycli.yaml");
        try {
            String text = Files.readString(yaml).replaceAll("(?m)^    strategy: .*\\n(    blueGreen: .*\\n)?", "");
            String block = blueGreen == null ? "" : "    strategy: blue-green\n"
                    + (blueGreen.isEmpty() ? "" : "    blueGreen: " + blueGreen + "\n");
            Files.writeString(yaml, text.replace("    namespace: promotion-beta\n",
                    "    namespace: promotion-beta\n" + block));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    DeployResult deploy(String tag, String... sets) {
        return cluster.service.deploy(request(web, "beta", tag, sets), options(), cluster.events::add);
    }

    DeployResult promote() {
        return cluster.service.promote(request(web, "beta", null), options(), cluster.events::add);
    }

    DeployResult abort() {
        return cluster.service.abort(request(web, "beta", null), options(), cluster.events::add);
    }

    DeployResult rollback() {
        return cluster.service.rollback(request(web, "beta", null), null, options(), cluster.events::add);
    }

    List<Release> history() {
        return cluster.service.history(request(web, "beta", null)).releases();
    }

    Deployment deployment(String name) {
        return cluster.client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    Service service(String name) {
        return cluster.client.services().inNamespace(NS).withName(name).get();
    }

    /** The colour the Service selects. */
    String selected(String service) {
        Map<String, String> selector = service(service).getSpec().getSelector();
        return selector.get("paycli.io/colour");
    }

    int replicas(String deployment) {
        return deployment(deployment).getSpec().getReplicas();
    }

    String image(String deployment) {
        return deployment(deployment).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    /** Must-show 2: the sandbox's record of every write, replayed, loses no capacity. */
    void assertCapacityKept() {
        assertThat(CapacityReplay.findings(cluster.sandbox.timeline(), NS, APP)).isEmpty();
    }

    /** The writes to objects of {@code kind} named {@code name} after sequence number {@code after}, by anyone. */
    List<io.paycli.sandbox.TimelineEntry> writes(long after, String kind, String name) {
        return cluster.sandbox.timeline().stream().filter(e -> e.sequence() > after && e.kind().equals(kind)
                && e.name().equals(name) && NS.equals(e.namespace()) && e.subresource() == null).toList();
    }

    /** The colour the Service {@code <app>} selected after each of its writes since {@code after}. */
    List<String> selections(long after) {
        return writes(after, "Service", APP).stream().map(e -> e.object().get("spec") instanceof Map<?, ?> spec
                && spec.get("selector") instanceof Map<?, ?> selector ? String.valueOf(selector.get("paycli.io/colour"))
                : "none").toList();
    }

    long lastSeq() {
        List<io.paycli.sandbox.TimelineEntry> all = cluster.sandbox.timeline();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).sequence();
    }

    @Override
    public void close() {
        cluster.close();
    }
}
