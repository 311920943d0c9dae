package io.paycli.cli;

import io.paycli.core.error.ExitCodes;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** A usage error: one line and where to get help, not the whole usage text. */
final class UsageHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        String command = cli.getCommandSpec().qualifiedName().substring(cli.getCommandSpec().root().name().length());
        err.println("Run '" + ProgramName.get() + command + " --help' for usage.");
        err.flush();
        return ExitCodes.USAGE;
    }
}
