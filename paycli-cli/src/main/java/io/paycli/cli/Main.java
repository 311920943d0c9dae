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
        System.exit(code);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        PaycliCommand root = new PaycliCommand();
        CommandLine cli = commandLine(root)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(new FailureHandler(root))
                .setParameterExceptionHandler(new UsageHandler());
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The command tree with paycli's settings: help wrapped at spaces to the terminal's width. */
    static CommandLine commandLine(PaycliCommand root) {
        CommandLine cli = new CommandLine(root)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true)
                .setHelpFactory(ParagraphHelp::new);
        // picocli's own text, written with line breaks, as one paragraph.
        cli.getSubcommands().get("help").getCommandSpec().usageMessage()
                .header("Show the help of paycli or of a command.")
                .description("Show the help of COMMAND, or of paycli when no COMMAND is given.");
        return cli;
    }
}
