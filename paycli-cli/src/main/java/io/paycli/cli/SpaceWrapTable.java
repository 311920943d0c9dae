package io.paycli.cli;

import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;

/**
 * A picocli text table that wraps long text at spaces only. picocli breaks lines where the JDK's line
 * BreakIterator allows, which includes after '.', ':' and '/': "~/.kube/config" came out as "~/." and
 * "kube/config", and URLs and file names split the same way. A word longer than its column is still
 * broken by picocli, as nothing else fits.
 */
final class SpaceWrapTable extends TextTable {
    private final ColorScheme scheme;

    SpaceWrapTable(ColorScheme scheme, Column... columns) {
        super(scheme, columns);
        this.scheme = scheme;
    }

    /** A table with the columns and settings of {@code table}, which must still be empty. */
    static SpaceWrapTable like(TextTable table, ColorScheme scheme) {
        SpaceWrapTable copy = new SpaceWrapTable(scheme, table.columns());
        copy.indentWrappedLines = table.indentWrappedLines;
        copy.setAdjustLineBreaksForWideCJKCharacters(table.isAdjustLineBreaksForWideCJKCharacters());
        return copy;
    }

    @Override
    public Cell putValue(int row, int col, Text value) {
        Column column = columns()[col];
        if (column.overflow != Column.Overflow.WRAP || value == null
                || column.indent + value.plainString().length() <= column.width) {
            return super.putValue(row, col, value);
        }
        String plain = value.plainString();
        Cell cell = null;
        int start = 0;
        while (start < plain.length()) {
            boolean first = cell == null;
            int room = column.width - column.indent - (first ? 0 : indentWrappedLines);
            int end = lineEnd(plain, start, room);
            Text line = value.substring(start, end);
            if (!first) {
                addEmptyRow();
                row = cell.row + 1;
                line = scheme.ansi().new Text(" ".repeat(indentWrappedLines), scheme).concat(line);
            }
            cell = super.putValue(row, col, line);
            start = end;
            while (start < plain.length() && plain.charAt(start) == ' ') {
                start++;
            }
        }
        return cell == null ? super.putValue(row, col, value) : cell;
    }

    /** Where the line from {@code start} ends: at the last space that lets it fit, else after its first word. */
    static int lineEnd(String text, int start, int room) {
        if (text.length() - start <= room) {
            return text.length();
        }
        int space = text.lastIndexOf(' ', start + room);
        while (space > start && text.charAt(space - 1) == ' ') {
            space--;
        }
        if (space > start) {
            return space;
        }
        int next = text.indexOf(' ', start);
        return next < 0 ? text.length() : next;
    }
}
