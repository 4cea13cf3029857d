package io.restock.kpis.dashboard;

import java.util.function.Predicate;

/** Sums of samples in Prometheus' text exposition format, by metric name and a filter on the label text. */
final class PrometheusText {

    private PrometheusText() {
    }

    /** The sum of every sample of {@code metric} whose label text ({@code {...}}) passes {@code labels}; NaN if none. */
    static double sum(final String exposition, final String metric, final Predicate<String> labels) {
        double sum = 0;
        boolean found = false;
        for (final String line : exposition.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#' || !line.startsWith(metric)) {
                continue;
            }
            final String rest = line.substring(metric.length());
            final String labelText;
            final String valueText;
            if (rest.startsWith("{")) {
                final int close = rest.lastIndexOf('}');
                if (close < 0) {
                    continue;
                }
                labelText = rest.substring(0, close + 1);
                valueText = rest.substring(close + 1).trim();
            } else if (rest.startsWith(" ")) {
                labelText = "";
                valueText = rest.trim();
            } else {
                continue;
            }
            if (!labels.test(labelText)) {
                continue;
            }
            try {
                final double value = Double.parseDouble(valueText.split(" ")[0]);
                if (!Double.isNaN(value)) {
                    sum += value;
                    found = true;
                }
            } catch (final NumberFormatException e) {
                // not a sample line of this metric
            }
        }
        return found ? sum : Double.NaN;
    }
}
