package io.paycli.core.deploy;

import static io.paycli.core.deploy.SandboxFixture.options;
import static io.paycli.core.deploy.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.Release;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The YAML a step shows before it applies is, byte for byte, what its release record keeps. */
class ShownManifestsTest {
    @TempDir
    Path tmp;
    BlueGreenFixture bg;
    final List<DeployEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        bg.close();
    }

    /** The YAML of the one MANIFESTS event since the last call, without its comment line. */
    private String shown() {
        List<String> shown = events.stream().filter(e -> e.kind() == DeployEvent.Kind.MANIFESTS)
                .map(DeployEvent::message).toList();
        events.clear();
        assertThat(shown).hasSize(1);
        assertThat(shown.get(0)).startsWith("# ");
        return shown.get(0).substring(shown.get(0).indexOf('\n') + 1);
    }

    @Test
    void aRollingDeployAndARollbackShowWhatTheirRecordsKeep() {
        bg = new BlueGreenFixture(tmp, null);
        Release first = bg.cluster.service.deploy(request(bg.web, "beta", "1.0.0"), options(), events::add).release();
        assertThat(shown()).isEqualTo(first.manifests());
        bg.cluster.service.deploy(request(bg.web, "beta", "1.1.0"), options(), events::add);
        events.clear();

        Release back = bg.cluster.service.rollback(request(bg.web, "beta", null), null, options(), events::add)
                .release();

        assertThat(shown()).isEqualTo(back.manifests()).isEqualTo(first.manifests());
    }

    @Test
    void aBlueGreenDeployAPromotionAndASwitchBackShowWhatTheirRecordsKeep() {
        bg = new BlueGreenFixture(tmp, "{autoPromote: false}");
        bg.cluster.service.deploy(request(bg.web, "beta", "1.0.0"), options(), events::add);
        events.clear();

        Release preview = bg.cluster.service.deploy(request(bg.web, "beta", "1.1.0"), options(), events::add)
                .release();
        assertThat(shown()).isEqualTo(preview.manifests());

        Release promoted = bg.cluster.service.promote(request(bg.web, "beta", null), options(), events::add)
                .release();
        assertThat(shown()).isEqualTo(promoted.manifests());

        Release back = bg.cluster.service.rollback(request(bg.web, "beta", null), null, options(), events::add)
                .release();
        assertThat(shown()).isEqualTo(back.manifests());
    }
}
