package io.paycli.cli;

import io.paycli.core.error.ExitCodes;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** A usage error: one line, with picocli's suggestion and where to get help, not the whole usage text. */
final class UsageHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        String command = cli.getCommandSpec().qualifiedName().substring(cli.getCommandSpec().root().name().length());
        err.println("error: " + message(e) + suggestion(e) + "; run '" + ProgramName.get() + command
                + " --help' for usage");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** picocli counts the value of an unknown option as unknown too ("Unknown options: '-t', '1.0'"): name the option. */
    private static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && u.isUnknownOption()) {
            for (String arg : u.getUnmatched()) {
                if (arg.startsWith("-")) {
                    return "Unknown option: '" + arg + "'";
                }
            }
        }
        // Argument groups' messages start with their own "Error: ", which the line's "error: " already says.
        return e.getMessage().replaceFirst("^Error: ", "");
    }

    private static String suggestion(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                return " (did you mean " + String.join(" or ", suggestions) + "?)";
            }
        }
        return "";
    }
}
