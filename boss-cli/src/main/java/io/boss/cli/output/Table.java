package io.boss.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text table with aligned columns: each column is as wide as its widest cell and columns are
 * separated by three spaces, as in kubectl. Empty cells print as {@code <none>}.
 */
public final class Table {

    private static final String COLUMN_GAP = "   ";
    private static final String EMPTY_CELL = "<none>";

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    public Table(String... headers) {
        this(Arrays.asList(headers));
    }

    public List<String> headers() {
        return headers;
    }

    public List<List<String>> rows() {
        return rows;
    }

    /**
     * Adds a row.
     *
     * @throws IllegalArgumentException when the row does not have one cell per header
     */
    public Table addRow(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException(
                    "row has " + cells.size() + " cells but the table has " + headers.size() + " columns");
        }
        rows.add(withPlaceholders(cells));
        return this;
    }

    /** Returns the cells with {@code <none>} in place of each null or empty cell. */
    public static List<String> withPlaceholders(List<String> cells) {
        List<String> row = new ArrayList<>(cells.size());
        for (String cell : cells) {
            row.add(cell == null || cell.isEmpty() ? EMPTY_CELL : cell);
        }
        return row;
    }

    /** Prints the header line and every row. */
    public void print(PrintWriter out) {
        int[] widths = columnWidths();
        out.println(formatLine(headers, widths));
        for (List<String> row : rows) {
            out.println(formatLine(row, widths));
        }
        out.flush();
    }

    /** Returns the width of each column: its widest cell, header included. */
    public int[] columnWidths() {
        int[] widths = new int[headers.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = headers.get(column).length();
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        return widths;
    }

    /** Formats one line; the last column is not padded, so lines carry no trailing spaces. */
    public static String formatLine(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            line.append(cell);
            if (column < cells.size() - 1) {
                int width = column < widths.length ? widths[column] : cell.length();
                line.append(" ".repeat(Math.max(0, width - cell.length()))).append(COLUMN_GAP);
            }
        }
        return line.toString();
    }
}
