package io.restock.kpis.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The metric names the Grafana dashboards under docker/grafana/dashboards query, per panel (used by
 * {@code KpiServiceIT}, which compares them with what a running backorder-kpis exposes).
 */
public final class GrafanaDashboards {

    /** Series Prometheus itself makes, not a service. */
    public static final Set<String> PROMETHEUS_OWN = Set.of("up");

    private GrafanaDashboards() {
    }

    /** "dashboard file / panel title" → metric names of its queries. */
    public static Map<String, Set<String>> metricsPerPanel(final Path root) throws IOException {
        final ObjectMapper json = new ObjectMapper();
        final Map<String, Set<String>> perPanel = new TreeMap<>();
        try (Stream<Path> files = Files.list(root.resolve("docker/grafana/dashboards"))) {
            for (final Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (final JsonNode panel : json.readTree(file.toFile()).path("panels")) {
                    final Set<String> names = new TreeSet<>();
                    for (final JsonNode target : panel.path("targets")) {
                        names.addAll(PromQl.metricNames(target.path("expr").asText()));
                    }
                    if (!"row".equals(panel.path("type").asText())) {
                        perPanel.put(file.getFileName() + " / " + panel.path("title").asText(), names);
                    }
                }
            }
        }
        return perPanel;
    }
}
