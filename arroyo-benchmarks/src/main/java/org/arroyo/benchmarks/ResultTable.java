package org.arroyo.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The results as a person reads them: a text table, and the same columns as CSV. */
final class ResultTable {

    private record Column(String title, Function<Row, String> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("scenario", Row::scenario),
            new Column("payload", Row::payload),
            new Column("implementation", Row::implementation),
            new Column("msg/s", row -> row.msgPerSec().format("%.0f")),
            new Column("MB/s", row -> row.mbPerSec().format("%.1f")),
            new Column("ratio to baseline", row -> row.ratio() == null ? "baseline" : String.format(Locale.ROOT, "%.2f", row.ratio())),
            new Column("p99 ms", row -> row.p99Millis() == null ? "" : row.p99Millis().format("%.2f")),
            new Column("target", row -> row.target() + (row.met() == null ? "" : row.met() ? " MET" : " MISSED")),
            new Column("notes", row -> row.notes() + (row.p50Millis() == null ? ""
                    : (row.notes().isEmpty() ? "" : "; ") + "p50 " + row.p50Millis().format("%.2f")
                      + " ms, p99.9 " + row.p999Millis().format("%.2f") + " ms")));

    private ResultTable() {
    }

    static String text(List<Row> rows) {
        List<List<String>> cells = cells(rows);
        int[] widths = new int[COLUMNS.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = COLUMNS.get(i).title().length();
            for (List<String> line : cells) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, COLUMNS.stream().map(Column::title).toList(), widths);
        for (List<String> line : cells) {
            appendLine(out, line, widths);
        }
        return out.toString();
    }

    static String csv(List<Row> rows) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS.stream().map(Column::title).toList())).append('\n');
        for (List<String> line : cells(rows)) {
            out.append(String.join(",", line.stream().map(ResultTable::quote).toList())).append('\n');
        }
        return out.toString();
    }

    private static List<List<String>> cells(List<Row> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (Row row : rows) {
            cells.add(COLUMNS.stream().map(column -> column.value().apply(row)).toList());
        }
        return cells;
    }

    private static void appendLine(StringBuilder out, List<String> line, int[] widths) {
        for (int i = 0; i < line.size(); i++) {
            out.append(String.format("%-" + widths[i] + "s", line.get(i))).append(i < line.size() - 1 ? " | " : "");
        }
        out.append('\n');
    }

    private static String quote(String cell) {
        return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
