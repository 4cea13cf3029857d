package io.restock.endtoend;

import io.restock.allocation.rules.PromiseSettings;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Finding 2 of issue 12: the priority rule, its weights, the zone and the default maximum wait are
 * configured once ({@code restock.promises}), identically in every shipped application.yml of a
 * service that ranks a queue or chooses a supplier against the maximum wait, and parsed by the one
 * {@link PromiseSettings#parse}, which refuses an unknown rule.
 */
class PromiseConfigurationAgreementTest {

    private static final String[] SERVICES = {"inventory-stream", "backorder-processor"};

    @Test
    void everyShippedConfigurationHasTheSamePromiseSettings() throws IOException {
        final Map<String, Object> first = promises(SERVICES[0]);
        assertThat(first).containsKeys("priority-rule", "weights", "default-max-wait-days", "time-zone");
        for (final String service : SERVICES) {
            assertThat(promises(service)).as(service).isEqualTo(first);
        }
        assertThat(settings(first)).isEqualTo(settings(promises("backorder-processor")));
    }

    @Test
    void anUnknownPriorityRuleFailsAtStartInsteadOfBecomingFifo() {
        assertThatThrownBy(() -> PromiseSettings.parse("LIFO", 1, 1, 1, "UTC", 30))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FIFO or WEIGHTED");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> promises(final String service) throws IOException {
        final Path file = Path.of("..", service, "src", "main", "resources", "application.yml");
        try (Reader in = Files.newBufferedReader(file)) {
            final Map<String, Object> root = new Yaml().load(in);
            return (Map<String, Object>) ((Map<String, Object>) root.get("restock")).get("promises");
        }
    }

    @SuppressWarnings("unchecked")
    static PromiseSettings settings(final Map<String, Object> promises) {
        final Map<String, Object> weights = (Map<String, Object>) promises.get("weights");
        return PromiseSettings.parse(shipped(promises.get("priority-rule")),
                ((Number) weights.get("tier")).doubleValue(), ((Number) weights.get("value")).doubleValue(),
                ((Number) weights.get("waiting-per-day")).doubleValue(), shipped(promises.get("time-zone")),
                Integer.parseInt(shipped(promises.get("default-max-wait-days"))));
    }

    /** A setting's shipped value: the default of a {@code ${ENV_VARIABLE:default}} placeholder, else the value. */
    static String shipped(final Object value) {
        final String text = String.valueOf(value);
        if (text.startsWith("${") && text.endsWith("}") && text.contains(":")) {
            return text.substring(text.indexOf(':') + 1, text.length() - 1);
        }
        return text;
    }
}
