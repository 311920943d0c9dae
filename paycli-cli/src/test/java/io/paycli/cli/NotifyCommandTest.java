package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** paycli notify test's usage and its refusals, in-process; NotifyIT sends through bin/paycli. */
class NotifyCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theHelpSaysWhatItSendsAndTheExitCodes() {
        Cli.Result help = Cli.run("notify", "test", "--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("-f, --file=PATH", "-e, --env=NAME", "~/.paycli/config.yaml")
                .containsPattern("0\\s+every target received the message")
                .containsPattern("5\\s+at least one target did not receive it");
    }

    @Test
    void notifyAloneAsksForTest() {
        Cli.Result r = Cli.run("notify");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("choose 'notify test'");
    }

    @Test
    void anUnknownEnvironmentIsRefusedBeforeAnythingIsSent() {
        Path app = Examples.copy("web", tmp.resolve("web"));
        Examples.replaceIn(app.resolve("paycli.yaml"), "environments:\n",
                "notify:\n  - {type: webhook, url: 'http://127.0.0.1:9/hook'}\nenvironments:\n");

        Cli.Result r = Cli.run("notify", "test", "-f", app.toString(), "-e", "prod");

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).startsWith("error: unknown environment 'prod'; ").contains("defines: beta, release");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aBrokenTargetIsRefusedAtItsLine() {
        Path app = Examples.copy("web", tmp.resolve("web"));
        Examples.replaceIn(app.resolve("paycli.yaml"), "environments:\n",
                "notify:\n  - {type: webhook}\nenvironments:\n");

        Cli.Result r = Cli.run("notify", "test", "-f", app.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("paycli.yaml:14: notify[0]: url or urlEnv is required");
    }
}
