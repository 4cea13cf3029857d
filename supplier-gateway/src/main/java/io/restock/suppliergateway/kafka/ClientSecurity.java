package io.restock.suppliergateway.kafka;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How every Kafka client of supplier-gateway logs in (the Streams application, the answer, admin-API and
 * dead-letter producers, the webhook consumer, the topic admin): nothing on a plain listener, the default;
 * {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config} on a secured cluster
 * ({@code supplier-gateway.kafka.security-protocol}, {@code .sasl-mechanism}, {@code .sasl-jaas-config};
 * environment {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG}).
 */
@Singleton
public final class ClientSecurity {

    private final Map<String, Object> properties;

    public ClientSecurity(@Value("${supplier-gateway.kafka.security-protocol:PLAINTEXT}") final String protocol,
                          @Value("${supplier-gateway.kafka.sasl-mechanism:}") final String mechanism,
                          @Value("${supplier-gateway.kafka.sasl-jaas-config:}") final String jaasConfig) {
        this.properties = Map.copyOf(properties(protocol, mechanism, jaasConfig));
    }

    /** The login settings to add to a client's configuration; empty for {@code PLAINTEXT}. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** {@code base} plus the login settings, as a new mutable map. */
    public Map<String, Object> applyTo(final Map<String, Object> base) {
        final Map<String, Object> merged = new HashMap<>(base);
        merged.putAll(properties);
        return merged;
    }

    static Map<String, Object> properties(final String protocol, final String mechanism, final String jaasConfig) {
        final SecurityProtocol parsed;
        try {
            parsed = SecurityProtocol.forName(protocol.strip().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("supplier-gateway.kafka.security-protocol must be one of PLAINTEXT, SSL, "
                    + "SASL_PLAINTEXT, SASL_SSL, not '" + protocol + "'", e);
        }
        final Map<String, Object> result = new HashMap<>();
        if (parsed == SecurityProtocol.PLAINTEXT) {
            return result;
        }
        result.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, parsed.name);
        if (parsed == SecurityProtocol.SASL_PLAINTEXT || parsed == SecurityProtocol.SASL_SSL) {
            if (blank(mechanism) || blank(jaasConfig)) {
                throw new IllegalArgumentException(parsed.name + " needs supplier-gateway.kafka.sasl-mechanism and "
                        + "supplier-gateway.kafka.sasl-jaas-config (KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG)");
            }
            result.put(SaslConfigs.SASL_MECHANISM, mechanism.strip());
            result.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig.strip());
        }
        return result;
    }

    private static boolean blank(final String value) {
        return value == null || value.isBlank();
    }
}
