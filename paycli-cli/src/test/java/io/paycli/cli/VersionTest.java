package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** paycli --version names the project version and the commit it was built from. */
class VersionTest {
    @Test
    void printsTheProjectVersionAndCommit() {
        Cli.Result r = Cli.run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).matches("paycli \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? "
                + "\\((commit [0-9a-f]{7,}( with local changes)?|unknown commit)\\)");
    }

    @Test
    void aBuildWithoutGitSaysUnknownCommit() {
        Properties built = new Properties();
        built.setProperty("version", "1.2.3");
        built.setProperty("commit", "");
        built.setProperty("dirty", "false");
        assertThat(VersionProvider.describe(built)).isEqualTo("paycli 1.2.3 (unknown commit)");
    }

    @Test
    void aBuildFromALocallyChangedTreeSaysSo() {
        Properties built = new Properties();
        built.setProperty("version", "1.2.3");
        built.setProperty("commit", "abc1234");
        built.setProperty("dirty", "true");
        assertThat(VersionProvider.describe(built)).isEqualTo("paycli 1.2.3 (commit abc1234 with local changes)");
    }
}
