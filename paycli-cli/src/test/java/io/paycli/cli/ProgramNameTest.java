package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hints name the command the user ran (bin/paycli passes it as paycli.command), else plain "paycli". */
class ProgramNameTest {
    @TempDir
    Path tmp;

    private static <T> T as(String command, Supplier<T> run) {
        System.setProperty(ProgramName.PROPERTY, command);
        try {
            return run.get();
        } finally {
            System.clearProperty(ProgramName.PROPERTY);
        }
    }

    @Test
    void initsNextStepNamesTheCommandAsInvoked() {
        Cli.Result r = as("bin/paycli", () -> Cli.run("init", "--type", "web", "--app", "shop", "--dir",
                tmp.toString()));

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("next: bin/paycli render -f " + tmp);
    }

    @Test
    void anErrorsSuggestionNamesTheCommandAsInvoked() {
        Cli.Result r = as("/opt/pay tools/bin/paycli", () -> Cli.run("render", "-f", tmp.toString(), "-e", "beta",
                "-t", "1.0.0"));

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("run '/opt/pay tools/bin/paycli' init, or pass -f PATH");
    }

    @Test
    void aUsageErrorPointsAtTheHelpOfTheCommandAsInvoked() {
        Cli.Result r = as("bin/paycli", () -> Cli.run("render", "--no-such-option"));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("; run 'bin/paycli render --help' for usage");
    }

    @Test
    void withoutTheLauncherHintsSayPaycli() {
        Cli.Result r = Cli.run("init", "--type", "web", "--app", "shop", "--dir", tmp.toString());

        assertThat(r.out()).contains("next: paycli render -f " + tmp);
    }

    @Test
    void onlyHintsOfPaycliCommandsAreRenamed() {
        String renamed = as("bin/paycli", () -> ProgramName.inHints("holds files paycli did not write; run paycli"
                + " status, 'paycli rbac -e beta' or paycli.yaml"));

        assertThat(renamed).isEqualTo("holds files paycli did not write; run bin/paycli status, 'bin/paycli rbac -e"
                + " beta' or paycli.yaml");
    }
}
