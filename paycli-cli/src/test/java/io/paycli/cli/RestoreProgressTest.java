package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.model.ObjectRef;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress of a restore: a line per app that ends, and on a terminal a live count. */
class RestoreProgressTest {
    private static DeployEvent app(Kind kind, String app, String message) {
        return new DeployEvent(Step.RESTORE, kind, new ObjectRef("paycli.io/v1", "App", "shop", app), message);
    }

    @Test
    void onATerminalOneLiveLineCountsDoneRunningFailedAndWaiting() {
        StringWriter err = new StringWriter();
        RestoreProgress progress = new RestoreProgress(new EventPrinter(new PrintWriter(err), true), true);
        progress.expect(4);

        progress.accept(app(Kind.STARTED, "cart", "1.0.0"));
        progress.accept(app(Kind.STARTED, "web", "2.0.0"));
        progress.accept(DeployEvent.step(Step.APPLY, Kind.RESOURCE, "shop/cart: applied"));
        progress.accept(app(Kind.DONE, "cart", "restored"));
        progress.accept(app(Kind.FAILED, "web", "failed: ImagePullBackOff"));

        assertThat(progress.counts()).isEqualTo("2 done (1 failed), 0 running, 2 waiting");
        assertThat(err.toString()).contains("\r\033[2K    1 done, 1 running (shop/web), 2 waiting")
                .contains("    shop/cart: restored\n").contains("    shop/web: failed: ImagePullBackOff\n")
                .doesNotContain("applied");
    }

    @Test
    void withoutATerminalOnlyPlainLines() {
        StringWriter err = new StringWriter();
        RestoreProgress progress = new RestoreProgress(new EventPrinter(new PrintWriter(err), false), false);
        progress.expect(1);

        progress.accept(DeployEvent.step(Step.TARGET, Kind.STARTED, "restore 1 app of prod-tw"));
        progress.accept(app(Kind.STARTED, "cart", "1.0.0"));
        progress.accept(DeployEvent.step(Step.LOCK, Kind.WARNING, "shop/cart: the deploy lock is held"));
        progress.accept(app(Kind.DONE, "cart", "unchanged"));
        progress.finish();

        assertThat(err.toString()).isEqualTo("==> target: restore 1 app of prod-tw\n"
                + "    warning: shop/cart: the deploy lock is held\n    shop/cart: unchanged\n");
    }
}
