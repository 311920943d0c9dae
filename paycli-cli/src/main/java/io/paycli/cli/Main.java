package io.paycli.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The only main(). {@link #run} returns the exit code so tests can call it in-process. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LibraryLogs.quiet(args);
        PrintWriter out = new PrintWriter(new PrintStream(System.out, false, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new PrintStream(System.err, false, StandardCharsets.UTF_8), true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        HttpSelectors.end();
        System.exit(code);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        PaycliCommand root = new PaycliCommand();
        CommandLine cli = commandLine(root, args)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(new FailureHandler(root))
                .setParameterExceptionHandler(new UsageHandler());
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The command tree with paycli's settings: help wrapped at spaces to the terminal's width. With the arguments of
     * a run that names a command, the tree holds only that command; otherwise (no command, help, an unknown word, an
     * argument file) all of them, so that the help, the suggestions and the errors are those of the whole tree.
     */
    static CommandLine commandLine(PaycliCommand root, String... args) {
        CommandLine cli = new CommandLine(root);
        String only = commandIn(args);
        PaycliCommand.COMMANDS.forEach((name, type) -> {
            if (only == null || only.equals(name)) {
                cli.addSubcommand(name, type);
            }
        });
        // Set after the commands are added: picocli passes these settings on to the subcommands it has.
        cli.setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true)
                .setHelpFactory(ParagraphHelp::new);
        CommandLine help = cli.getSubcommands().get("help");
        if (help != null) {
            // picocli's own text, written with line breaks, as one paragraph.
            help.getCommandSpec().usageMessage()
                    .header("Show the help of paycli or of a command.")
                    .description("Show the help of COMMAND, or of paycli when no COMMAND is given.");
        }
        return cli;
    }

    /** The command a run names before any other word, or null when it names none (or help) or reads an @file. */
    private static String commandIn(String... args) {
        for (String arg : args) {
            if (arg.startsWith("@") || arg.equals("--")) {
                return null;
            }
            if (!arg.startsWith("-")) {
                return arg.equals("help") || !PaycliCommand.COMMANDS.containsKey(arg) ? null : arg;
            }
        }
        return null;
    }
}
