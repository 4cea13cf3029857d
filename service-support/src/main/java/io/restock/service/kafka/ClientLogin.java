package io.restock.service.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * How every Kafka client of a service logs in: nothing on a plain listener (the default);
 * {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config} on a secured cluster. Each
 * service binds it from {@code <service>.kafka.security-protocol}, {@code .sasl-mechanism} and
 * {@code .sasl-jaas-config} (environment {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM},
 * {@code KAFKA_SASL_JAAS_CONFIG}, the same for every service) and adds {@link #properties()} to each client it
 * makes. A protocol it does not know, or SASL without a mechanism and a login, stops the start.
 */
public final class ClientLogin {

    private final Map<String, Object> properties;

    /**
     * @param settingsPrefix the service's settings prefix, e.g. {@code order-intake.kafka}, for the messages
     */
    public ClientLogin(final String settingsPrefix, final String protocol, final String mechanism,
                       final String jaasConfig) {
        this.properties = Map.copyOf(properties(settingsPrefix, protocol, mechanism, jaasConfig));
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

    /** Adds the login settings to {@code config} (e.g. a Kafka Streams configuration) and returns it. */
    public Properties addTo(final Properties config) {
        config.putAll(properties);
        return config;
    }

    private static Map<String, Object> properties(final String prefix, final String protocol, final String mechanism,
                                                  final String jaasConfig) {
        final SecurityProtocol parsed;
        try {
            parsed = SecurityProtocol.forName((protocol == null ? "" : protocol).strip().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + ".security-protocol must be one of PLAINTEXT, SSL, "
                    + "SASL_PLAINTEXT, SASL_SSL, not '" + protocol + "'", e);
        }
        final Map<String, Object> result = new HashMap<>();
        if (parsed == SecurityProtocol.PLAINTEXT) {
            return result;
        }
        result.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, parsed.name);
        if (parsed == SecurityProtocol.SASL_PLAINTEXT || parsed == SecurityProtocol.SASL_SSL) {
            if (blank(mechanism) || blank(jaasConfig)) {
                throw new IllegalArgumentException(parsed.name + " needs " + prefix + ".sasl-mechanism and "
                        + prefix + ".sasl-jaas-config (KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG)");
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
