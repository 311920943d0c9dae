package io.paycli.cli;

import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.InputErrors;
import io.paycli.core.error.PaycliException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one path from a failure to an exit code: a domain failure prints its sentence, anything
 * else is an internal error. Stack traces only with --verbose.
 */
final class FailureHandler implements IExecutionExceptionHandler {
    private final PaycliCommand root;

    FailureHandler(PaycliCommand root) {
        this.root = root;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        int code;
        if (e instanceof InputErrors many) {
            // Like a compiler: every mistake on its own line, then how many there are.
            many.lines().forEach(line -> err.println("error: " + ProgramName.inHints(line)));
            err.println(many.lines().size() + " errors");
            code = many.exitCode();
        } else if (e instanceof PaycliException p) {
            err.println("error: " + ProgramName.inHints(p.getMessage()));
            code = p.exitCode();
        } else {
            err.println("internal error: " + e + (root.verbose ? "" : " (run with --verbose for details)"));
            code = ExitCodes.INTERNAL;
        }
        if (root.verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }
}
