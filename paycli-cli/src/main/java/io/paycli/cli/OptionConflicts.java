package io.paycli.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/** Options that one choice makes pointless: refused as a usage error rather than silently ignored. */
final class OptionConflicts {
    private OptionConflicts() {
    }

    /**
     * @param why what the choice does, as the first half of the message: "--manifests validates the file as it is"
     * @param ignored long names of the options that would be ignored
     */
    static void refuse(CommandSpec spec, String why, List<String> ignored) {
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (ignored.contains(option.longestName())) {
                throw new ParameterException(spec.commandLine(), why + "; " + String.join("/", option.names())
                        + " does not apply to it");
            }
        }
    }
}
