package io.paycli.core.deploy;

import static io.paycli.core.deploy.SandboxFixture.options;
import static io.paycli.core.deploy.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.error.DeployFailedException;
import io.paycli.core.model.Release.Result;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every step that changes the cluster reaches the release sinks once, failed ones included; nothing else does. */
class PublishedStepsTest {
    @TempDir
    Path tmp;
    BlueGreenFixture bg;
    DeployService service;
    final List<Published> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        bg = new BlueGreenFixture(tmp, "{autoPromote: false, scaleDownDelay: 1s}");
        ReleaseSink first = (p, events) -> p.withArchiveCommit("abc123");
        ReleaseSink second = (p, events) -> {
            published.add(p);
            return p;
        };
        service = new DeployService(Catalog::builtin, new TemplateEngine(),
                new KubeconfigConnector(bg.cluster.kubeconfig), List.of(first, second), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        bg.close();
    }

    @Test
    void deploysPromotionsFailuresRollbacksAndReconcileArePublishedInOrderWithWhatIsInPlace() throws Exception {
        service.deploy(request(bg.web, "beta", "1.0.0"), options(), e -> { });
        service.deploy(request(bg.web, "beta", "1.0.0"), options(), e -> { });
        service.deploy(request(bg.web, "beta", "1.1.0"), options(), e -> { });
        service.promote(request(bg.web, "beta", null), options(), e -> { });
        Thread.sleep(1200);
        service.reconcile(null, BlueGreenFixture.NS, false, "scheduler", e -> { });
        assertThatThrownBy(() -> service.deploy(request(bg.web, "beta", "2.0-fail"), options(), e -> { }))
                .isInstanceOf(DeployFailedException.class);

        assertThat(published).extracting(Published::action).containsExactly(Published.Action.DEPLOY,
                Published.Action.DEPLOY, Published.Action.PROMOTE, Published.Action.RECONCILE,
                Published.Action.DEPLOY);
        assertThat(published).allSatisfy(p -> {
            assertThat(p.archiveCommit()).as("what the sink before it added").isEqualTo("abc123");
            assertThat(p.cluster()).isEqualTo("paycli-sandbox");
            assertThat(p.context()).isEqualTo("paycli-sandbox");
        });
        Published failed = published.get(4);
        assertThat(published.get(3).release().message()).startsWith("scaled blue (1.0.0, revision 1) to 0");
        assertThat(failed.release().result()).isEqualTo(Result.ROLLED_BACK);
        assertThat(failed.release().tag()).isEqualTo("2.0-fail");
        assertThat(failed.inPlace().tag()).isEqualTo("1.1.0");
        assertThat(published.get(2).inPlace()).isSameAs(published.get(2).release());
    }
}
