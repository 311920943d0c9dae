package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The help of every command: paragraphs that picocli wraps at spaces, never inside a word, path or URL. */
class HelpTextTest {
    private static final int WIDTH = 80;

    private static List<CommandSpec> commands() {
        List<CommandSpec> all = new ArrayList<>();
        collect(Main.commandLine(new PaycliCommand()), all);
        return all;
    }

    private static void collect(CommandLine cli, List<CommandSpec> into) {
        into.add(cli.getCommandSpec());
        cli.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    private static String[] args(CommandSpec spec) {
        List<String> args = new ArrayList<>(Arrays.asList(spec.qualifiedName().split(" ")));
        args.remove(0);
        args.add("--help");
        return args.toArray(String[]::new);
    }

    @Test
    void everyHelpWrapsAtSpacesWithinTheWidth() {
        for (CommandSpec spec : commands()) {
            if (spec.name().equals("help")) {
                continue;
            }
            Cli.Result r = Cli.run(args(spec));
            assertThat(r.exit()).as(spec.qualifiedName() + "\n" + r).isZero();
            List<String> lines = r.out().lines().toList();
            assertThat(lines).as(spec.qualifiedName()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(WIDTH));
            String flat = String.join(" ", r.out().split("\\s+"));
            for (OptionSpec option : spec.options()) {
                String synopsis = option.longestName() + (option.arity().max() > 0 ? "=" + option.paramLabel() : "");
                assertThat(flat).as(spec.qualifiedName() + ": '" + synopsis + "' is broken across lines\n" + r.out())
                        .contains(synopsis);
            }
            for (String word : words(spec)) {
                assertThat(flat).as(spec.qualifiedName() + ": '" + word + "' is broken across lines\n" + r.out())
                        .contains(word);
            }
            for (int i = 0; i + 1 < lines.size(); i++) {
                String line = lines.get(i);
                String next = lines.get(i + 1).strip();
                boolean splitPath = line.endsWith("~/.") || line.endsWith(":") && next.startsWith("//");
                assertThat(splitPath).as(spec.qualifiedName() + " breaks a word at\n" + line + "\n" + next).isFalse();
            }
        }
    }

    /** Every word of the texts picocli wraps: the header, the description, the footer and each option's description. */
    private static List<String> words(CommandSpec spec) {
        List<String> texts = new ArrayList<>();
        texts.addAll(List.of(spec.usageMessage().header()));
        texts.addAll(List.of(spec.usageMessage().description()));
        texts.addAll(List.of(spec.usageMessage().footer()));
        for (OptionSpec option : spec.options()) {
            texts.addAll(List.of(option.description()));
        }
        return texts.stream().flatMap(t -> Stream.of(String.format(t).split("\\s+"))).filter(w -> !w.isEmpty() && !w.contains("${")).toList();
    }

    @Test
    void descriptionsAreParagraphsWithoutHandMadeLineBreaks() {
        for (CommandSpec spec : commands()) {
            String name = spec.qualifiedName();
            assertParagraphs(name + " description", spec.usageMessage().description());
            assertParagraphs(name + " footer", spec.usageMessage().footer());
            assertThat(spec.usageMessage().header()).as(name + " header").hasSizeLessThanOrEqualTo(1);
            assertParagraphs(name + " header", spec.usageMessage().header());
            for (OptionSpec option : spec.options()) {
                assertThat(option.description()).as(name + " " + option.longestName()).hasSize(1);
                assertParagraphs(name + " " + option.longestName(), option.description());
            }
        }
    }

    /** One array element per paragraph, with an empty element between two paragraphs, and no line break inside. */
    private static void assertParagraphs(String what, String[] text) {
        for (int i = 0; i < text.length; i++) {
            assertThat(text[i]).as(what).doesNotContain("\n", "%n", "\r");
            if (i + 1 < text.length && !text[i].isEmpty()) {
                assertThat(text[i + 1]).as(what + ": a line break inside a paragraph after '" + text[i] + "'").isEmpty();
            }
        }
    }

    @Test
    void helpIsACommand() {
        Cli.Result top = Cli.run("help");
        assertThat(top.exit()).as(top.toString()).isZero();
        assertThat(top.out()).startsWith("Usage: paycli ").contains("deploy", "Exit codes");

        Cli.Result deploy = Cli.run("help", "deploy");
        assertThat(deploy.exit()).as(deploy.toString()).isZero();
        assertThat(deploy.out()).contains("Usage: paycli deploy ", "--timeout");

        Cli.Result nested = Cli.run("help", "templates");
        assertThat(nested.exit()).as(nested.toString()).isZero();
        assertThat(nested.out()).contains("list", "show");

        Cli.Result unknown = Cli.run("help", "deplyo");
        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(2);
    }
}
