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
        CommandLine cli = new CommandLine(root)
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new FailureHandler(root))
                .setParameterExceptionHandler(new UsageHandler());
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
