package io.terrarium.conda.pip.wheel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The {@code RECORD} file of a wheel or an installed distribution: CSV rows of path, {@code algo=hash}, size. */
public final class RecordFile {
    /**
     * One row.
     *
     * @param path the path (relative to the wheel root, or to site-packages once installed)
     * @param hash {@code sha256=<urlsafe b64>} or empty
     * @param size the size as written, or empty
     */
    public record Row(String path, String hash, String size) {}

    private RecordFile() {}

    /** Parses RECORD text (CSV with optional double quotes). */
    public static List<Row> parse(byte[] data) {
        List<Row> rows = new ArrayList<>();
        for (String line : new String(data, StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = cells(line);
            while (cells.size() < 3) {
                cells.add("");
            }
            rows.add(new Row(cells.get(0), cells.get(1), cells.get(2)));
        }
        return rows;
    }

    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** Writes rows as CSV, quoting paths that need it, one row per line. */
    public static byte[] write(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        for (Row r : rows) {
            b.append(quote(r.path()))
                    .append(',')
                    .append(r.hash())
                    .append(',')
                    .append(r.size())
                    .append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
