package io.restock.suppliergateway.kafka;

import io.micronaut.context.annotation.Value;
import io.restock.service.kafka.ClientLogin;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * How every Kafka client of supplier-gateway logs in (the Streams application, the answer, admin-API and
 * dead-letter producers, the webhook consumer, the topic admin): nothing on a plain listener, the default;
 * {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config} on a secured cluster
 * ({@code supplier-gateway.kafka.security-protocol}, {@code .sasl-mechanism}, {@code .sasl-jaas-config};
 * environment {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG}); see
 * service-support's {@link ClientLogin}.
 */
@Singleton
public final class ClientSecurity {

    private final ClientLogin login;

    public ClientSecurity(@Value("${supplier-gateway.kafka.security-protocol:PLAINTEXT}") final String protocol,
                          @Value("${supplier-gateway.kafka.sasl-mechanism:}") final String mechanism,
                          @Value("${supplier-gateway.kafka.sasl-jaas-config:}") final String jaasConfig) {
        this.login = new ClientLogin("supplier-gateway.kafka", protocol, mechanism, jaasConfig);
    }

    /** The login settings to add to a client's configuration; empty for {@code PLAINTEXT}. */
    public Map<String, Object> properties() {
        return login.properties();
    }

    /** {@code base} plus the login settings, as a new mutable map. */
    public Map<String, Object> applyTo(final Map<String, Object> base) {
        return login.applyTo(base);
    }
}
