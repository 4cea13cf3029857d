package io.restock.kpis.dashboard;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names a PromQL expression reads: its identifiers less functions, keywords and label lists. */
final class PromQl {

    private static final Set<String> NOT_METRICS = Set.of("sum", "max", "min", "avg", "count", "rate", "irate",
            "increase", "delta", "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "topk", "bottomk", "histogram_quantile", "offset", "bool", "abs", "clamp_min", "clamp_max",
            "label_replace", "vector", "scalar", "time", "sort", "sort_desc", "quantile");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private PromQl() {
    }

    static Set<String> metricNames(final String expr) {
        final String stripped = expr
                .replaceAll("\"(\\\\.|[^\"])*\"", "\"\"")                    // strings
                .replaceAll("\\{[^}]*}", "")                                  // label matchers
                .replaceAll("\\[[^]]*]", "")                                  // ranges
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", "") // grouping label lists
                .replaceAll("\\b\\d+(\\.\\d+)?([eE][-+]?\\d+)?\\b", "");     // numbers
        final Set<String> names = new TreeSet<>();
        final Matcher m = IDENTIFIER.matcher(stripped);
        while (m.find()) {
            if (!NOT_METRICS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }
}
