package io.paycli.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command the user typed to run paycli, for the hints paycli prints ("next: bin/paycli render ..."): bin/paycli
 * passes it as the system property {@value #PROPERTY}; without it, "paycli".
 */
final class ProgramName {
    static final String PROPERTY = "paycli.command";

    /** "paycli" followed by one of its commands, as a word: a hint to run it. */
    private static final Pattern HINT = Pattern.compile("(?<![\\w./-])paycli(?= ("
            + String.join("|", PaycliCommand.COMMANDS.keySet()) + ")\\b)");

    private static final Pattern PLAIN = Pattern.compile("[\\w./~+@%:-]+");

    private ProgramName() {
    }

    /** How to run paycli again, quoted for a shell when it needs to be. */
    static String get() {
        String typed = System.getProperty(PROPERTY, "");
        if (typed.isBlank()) {
            return "paycli";
        }
        return PLAIN.matcher(typed).matches() ? typed : "'" + typed.replace("'", "'\\''") + "'";
    }

    /** A message, from core or the CLI, whose hints to run "paycli COMMAND" name the command as typed. */
    static String inHints(String message) {
        String name = get();
        if (message == null || name.equals("paycli")) {
            return message;
        }
        return HINT.matcher(message).replaceAll(Matcher.quoteReplacement(name));
    }
}
