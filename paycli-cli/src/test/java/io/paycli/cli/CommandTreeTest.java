package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Main builds picocli's model of the one command being run, and of all of them whenever the whole tree shows. */
class CommandTreeTest {
    @Test
    void everyCommandIsListedUnderItsOwnName() {
        PaycliCommand.COMMANDS.forEach((name, type) -> {
            String declared = type == CommandLine.HelpCommand.class ? "help" : type.getAnnotation(Command.class).name();
            assertThat(declared).as(type.getSimpleName()).isEqualTo(name);
        });
    }

    @Test
    void aRunThatNamesACommandBuildsOnlyThatCommand() {
        assertThat(Main.commandLine(new PaycliCommand(), "--verbose", "status", "-e", "beta").getSubcommands())
                .containsOnlyKeys("status");
        assertThat(Main.commandLine(new PaycliCommand(), "agent", "serve").getSubcommands()).containsOnlyKeys("agent");
    }

    @Test
    void helpUnknownWordsAndArgumentFilesBuildTheWholeTree() {
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "deploy"}, {"deploi"}, {"@args.txt"},
                {"--", "deploy"}}) {
            assertThat(Main.commandLine(new PaycliCommand(), args).getSubcommands()).as(String.join(" ", args))
                    .containsOnlyKeys(PaycliCommand.COMMANDS.keySet());
        }
    }

    @Test
    void theInheritedVerboseOptionReachesTheOneCommand() {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "render", "--verbose", "-f",
                "does-not-exist", "-e", "beta", "-t", "1.0.0");
        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).startsWith("error: ").contains("\tat io.paycli.");
    }

    @Test
    void anUnknownCommandIsSuggestedFromTheWholeTree() {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "deploi");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("deploy");
    }
}
