package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The README and the top-level help advertise the commands and options that exist, and no others. */
class ReadmeCommandsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--?[a-zA-Z][\\w-]*)");
    /** Words for features this version does not have. */
    private static final List<String> ABSENT = List.of("announce");

    private final CommandLine paycli = Main.commandLine(new PaycliCommand());

    private static String section(String heading) throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## " + heading + "\n");
        assertThat(start).as("README section " + heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** The commands of the README's table, each with the code it is shown with, in order: "templates list" → code. */
    private static Map<String, String> tableCommands(CommandLine paycli) throws IOException {
        Map<String, String> commands = new LinkedHashMap<>();
        for (String row : section("Commands").lines().filter(l -> l.startsWith("| `")).toList()) {
            String first = row.substring(1, row.indexOf(" | "));
            String parent = null;
            Matcher code = CODE.matcher(first);
            while (code.find()) {
                String text = code.group(1).replace("\\|", "|");
                String[] words = text.replaceFirst("^paycli ", "").split(" ");
                String name;
                if (text.startsWith("paycli ")) {
                    name = words[0];
                    CommandLine sub = paycli.getSubcommands().get(name);
                    parent = sub != null && !sub.getSubcommands().isEmpty() ? name : null;
                    if (parent != null && words.length > 1 && !words[1].startsWith("-")) {
                        name = name + " " + words[1];
                    }
                } else {
                    name = parent != null ? parent + " " + words[0] : words[0];
                }
                commands.put(name, text);
            }
        }
        return commands;
    }

    private static Set<String> leafCommands(CommandLine cli, String prefix, Set<String> into) {
        for (Map.Entry<String, CommandLine> e : cli.getSubcommands().entrySet()) {
            String name = prefix.isEmpty() ? e.getKey() : prefix + " " + e.getKey();
            if (e.getValue().getCommandSpec().usageMessage().hidden()) {
                continue; // a build step, not a user's command
            }
            if (e.getValue().getSubcommands().isEmpty()) {
                into.add(name);
            } else {
                leafCommands(e.getValue(), name, into);
            }
        }
        return into;
    }

    private CommandSpec spec(String command) {
        CommandLine cli = paycli;
        for (String word : command.split(" ")) {
            cli = cli.getSubcommands().get(word);
            assertThat(cli).as("paycli " + command).isNotNull();
        }
        return cli.getCommandSpec();
    }

    @Test
    void theReadmeTableListsEveryCommandAndOnlyCommandsThatExist() throws IOException {
        Map<String, String> table = tableCommands(paycli);
        Set<String> commands = leafCommands(paycli, "", new TreeSet<>());

        assertThat(new TreeSet<>(table.keySet())).isEqualTo(commands);
        table.forEach((command, code) -> {
            Matcher option = OPTION.matcher(code);
            while (option.find()) {
                assertThat(spec(command).findOption(option.group(1))).as(code + ": " + option.group(1)).isNotNull();
            }
        });
    }

    @Test
    void theReadmeCommonOptionsExistOnSomeCommand() throws IOException {
        String section = section("Commands");
        String common = section.substring(section.indexOf("Common options"));
        common = common.substring(0, common.indexOf("\n\n"));
        List<String> options = new ArrayList<>();
        Matcher code = CODE.matcher(common);
        while (code.find()) {
            Matcher option = OPTION.matcher(code.group(1));
            if (option.lookingAt()) {
                options.add(option.group(1));
            }
        }
        assertThat(options).contains("-f", "-e", "-t", "--kubeconfig");
        Set<String> all = new TreeSet<>();
        collectOptions(paycli, all);
        assertThat(all).containsAll(options);
    }

    private static void collectOptions(CommandLine cli, Set<String> into) {
        cli.getCommandSpec().options().forEach(o -> into.addAll(List.of(o.names())));
        cli.getSubcommands().values().forEach(sub -> collectOptions(sub, into));
    }

    @Test
    void neitherTheReadmeNorTheTopLevelHelpAdvertisesWhatDoesNotExist() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8).toLowerCase();
        Cli.Result help = Cli.run("--help");
        assertThat(help.exit()).isZero();
        for (String word : ABSENT) {
            assertThat(readme).as("README mentions " + word).doesNotContain(word);
            assertThat(help.out().toLowerCase()).as("paycli --help mentions " + word).doesNotContain(word);
        }
        assertThat(help.out().lines()).as(help.out())
                .anyMatch(l -> l.matches("\\s+1\\s+internal error \\(a bug in paycli; please report it\\)"));
    }
}
