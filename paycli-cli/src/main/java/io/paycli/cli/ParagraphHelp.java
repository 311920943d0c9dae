package io.paycli.cli;

import java.util.IllegalFormatException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * picocli's help, with every paragraph wrapped at spaces to the usage width (the terminal's, with
 * usageHelpAutoWidth): descriptions are written as paragraphs, one array element each, and an empty
 * element between two.
 */
final class ParagraphHelp extends Help {
    ParagraphHelp(CommandSpec spec, ColorScheme scheme) {
        super(spec, scheme);
    }

    @Override
    public String header(Object... params) {
        return paragraphs(commandSpec().usageMessage().header(), params);
    }

    @Override
    public String description(Object... params) {
        return paragraphs(commandSpec().usageMessage().description(), params);
    }

    @Override
    public String footer(Object... params) {
        return paragraphs(commandSpec().usageMessage().footer(), params);
    }

    @Override
    public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
                                      ColorScheme scheme) {
        TextTable columns = TextTable.forDefaultColumns(scheme, calcLongOptionColumnWidth(options, positionals, scheme),
                width());
        columns.setAdjustLineBreaksForWideCJKCharacters(usage().adjustLineBreaksForWideCJKCharacters());
        return new Layout(scheme, SpaceWrapTable.like(columns, scheme), createDefaultOptionRenderer(),
                createDefaultParameterRenderer());
    }

    @Override
    public String commandList(Map<String, Help> subcommands) {
        if (subcommands.isEmpty()) {
            return "";
        }
        int names = Math.min(subcommands.keySet().stream().mapToInt(String::length).max().orElse(0), width() / 2);
        SpaceWrapTable table = new SpaceWrapTable(colorScheme(), new Column(names + 2, 2, Column.Overflow.SPAN),
                new Column(width() - (names + 2), 2, Column.Overflow.WRAP));
        for (Help help : subcommands.values()) {
            UsageMessageSpec usage = help.commandSpec().usageMessage();
            String summary = usage.header().length > 0 ? usage.header()[0]
                    : usage.description().length > 0 ? usage.description()[0] : "";
            table.addRowValues(help.commandNamesText(", "), colorScheme().text(format(summary)));
        }
        return table.toString();
    }

    /** The exit code list: codes on the left, their meaning wrapped at spaces on the right. */
    @Override
    public TextTable createTextTable(Map<?, ?> map) {
        if (map == null || map.isEmpty()) {
            return super.createTextTable(map);
        }
        int keys = Math.min(width() - 4, map.keySet().stream().mapToInt(k -> String.valueOf(k).length()).max().orElse(0));
        SpaceWrapTable table = new SpaceWrapTable(colorScheme(), new Column(keys + 3, 2, Column.Overflow.SPAN),
                new Column(width() - (keys + 3), 2, Column.Overflow.WRAP));
        map.forEach((key, value) -> table.addRowValues(colorScheme().text(format(String.valueOf(key))),
                colorScheme().text(format(String.valueOf(value)))));
        return table;
    }

    private String paragraphs(String[] paragraphs, Object... params) {
        SpaceWrapTable table = new SpaceWrapTable(colorScheme(), new Column(width(), 0, Column.Overflow.WRAP));
        table.indentWrappedLines = 0;
        for (String paragraph : paragraphs) {
            table.addRowValues(colorScheme().text(format(paragraph, params)));
        }
        return table.toString();
    }

    private UsageMessageSpec usage() {
        return commandSpec().usageMessage();
    }

    private int width() {
        return usage().width();
    }

    private static String format(String text, Object... params) {
        try {
            return String.format(text, params);
        } catch (IllegalFormatException e) {
            return text;
        }
    }
}
