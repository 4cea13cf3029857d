package io.restock.inventory.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restock.service.problem.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SKU policies as CSV ({@code text/csv}, UTF-8, RFC 4180: comma-separated, fields with commas, quotes or
 * line breaks in double quotes, {@code ""} for a quote). The first row is the header and names the
 * columns, in any order: {@code sku}, {@code backorderable}, {@code reorderPoint}, {@code targetLevel}
 * (required) and {@code maxWaitDays}, {@code safetyStock}, {@code handlingDays}, {@code substitutes}
 * ({@code |}-separated SKUs), {@code description}, {@code dropShipAllowed} (optional). An empty cell is
 * an absent field. Each row becomes the JSON object the JSON API takes, so both are validated alike;
 * a cell that is not a number or boolean where one is expected stays text and is reported as such.
 */
final class PolicyCsv {

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final List<String> NUMBERS = List.of("maxWaitDays", "reorderPoint", "safetyStock", "targetLevel",
            "handlingDays");
    private static final List<String> BOOLEANS = List.of("backorderable", "dropShipAllowed");
    private static final List<String> REQUIRED = List.of("sku", "backorderable", "reorderPoint", "targetLevel");

    /** The rows as JSON objects with their labels ({@code line N}), or what is wrong with the header. */
    record Rows(List<JsonNode> rows, List<String> labels, List<Violation> violations) {
    }

    private PolicyCsv() {
    }

    static Rows read(final String csv) {
        final List<List<String>> records = parse(csv);
        final List<Violation> violations = new ArrayList<>();
        if (records.isEmpty()) {
            return new Rows(List.of(), List.of(), List.of(new Violation("", "empty", "no header row")));
        }
        final List<String> header = records.getFirst().stream().map(String::strip).toList();
        for (int c = 0; c < header.size(); c++) {
            final String name = header.get(c);
            if (!PolicyRequests.FIELDS.contains(name)) {
                violations.add(new Violation("header[" + c + "]", "unknown-column", "'" + name
                        + "' is not a column; columns: " + PolicyRequests.FIELDS.stream().sorted().toList()));
            } else if (header.indexOf(name) != c) {
                violations.add(new Violation("header[" + c + "]", "duplicate-column", name + " appears twice"));
            }
        }
        for (final String required : REQUIRED) {
            if (!header.contains(required)) {
                violations.add(new Violation("header", "missing-column", "the header has no " + required + " column"));
            }
        }
        if (!violations.isEmpty()) {
            return new Rows(List.of(), List.of(), violations);
        }
        final List<JsonNode> rows = new ArrayList<>();
        final List<String> labels = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            final List<String> cells = records.get(r);
            if (cells.size() == 1 && cells.getFirst().isBlank()) {
                continue;
            }
            final String label = "line " + (r + 1);
            if (cells.size() != header.size()) {
                violations.add(new Violation(label, "wrong-cell-count",
                        cells.size() + " cells, the header has " + header.size()));
                continue;
            }
            rows.add(object(header, cells));
            labels.add(label);
        }
        return new Rows(rows, labels, violations);
    }

    private static ObjectNode object(final List<String> header, final List<String> cells) {
        final ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int c = 0; c < header.size(); c++) {
            final String name = header.get(c);
            final String cell = cells.get(c).strip();
            if (cell.isEmpty()) {
                continue;
            }
            if (NUMBERS.contains(name) && INTEGER.matcher(cell).matches()) {
                node.put(name, Long.parseLong(cell));
            } else if (BOOLEANS.contains(name) && (cell.equalsIgnoreCase("true") || cell.equalsIgnoreCase("false"))) {
                node.put(name, Boolean.parseBoolean(cell.toLowerCase(Locale.ROOT)));
            } else if (name.equals("substitutes")) {
                final ArrayNode list = node.putArray(name);
                for (final String s : cell.split("\\|")) {
                    if (!s.isBlank()) {
                        list.add(s.strip());
                    }
                }
            } else {
                node.put(name, cell);
            }
        }
        return node;
    }

    /** RFC 4180 records; a trailing line break ends the last record. */
    static List<List<String>> parse(final String csv) {
        final List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        final StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        final String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        for (int i = 0; i < text.length(); i++) {
            final char ch = text.charAt(i);
            any = true;
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                any = false;
            } else {
                cell.append(ch);
            }
        }
        if (any) {
            record.add(cell.toString());
            records.add(record);
        }
        return records;
    }
}
