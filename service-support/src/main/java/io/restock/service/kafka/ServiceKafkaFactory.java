package io.restock.service.kafka;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.value.PropertyResolver;
import io.restock.schemas.serde.EventSerdes;
import jakarta.inject.Singleton;

/**
 * The Kafka beans every service binds from its own {@code <service>.kafka} block of application.yml, where
 * {@code <service>} is {@code micronaut.application.name} (= the Maven module, = the block's name):
 * {@link ClientLogin} from {@code .security-protocol} (PLAINTEXT unless set), {@code .sasl-mechanism} and
 * {@code .sasl-jaas-config}, and the {@link EventSerdes} of the schema registry at {@code .schema-registry-url}.
 */
@Factory
final class ServiceKafkaFactory {

    /** How the service's Kafka clients log in; see {@link ClientLogin}. */
    @Singleton
    ClientLogin clientLogin(@Value("${micronaut.application.name}") final String service,
                            final PropertyResolver configuration) {
        final String prefix = service + ".kafka";
        return new ClientLogin(prefix,
                configuration.get(prefix + ".security-protocol", String.class).orElse("PLAINTEXT"),
                configuration.get(prefix + ".sasl-mechanism", String.class).orElse(""),
                configuration.get(prefix + ".sasl-jaas-config", String.class).orElse(""));
    }

    /** Avro events in the Confluent wire format against the service's schema registry. */
    @Singleton
    EventSerdes eventSerdes(@Value("${micronaut.application.name}") final String service,
                            final PropertyResolver configuration) {
        final String key = service + ".kafka.schema-registry-url";
        return EventSerdes.registry(configuration.get(key, String.class)
                .orElseThrow(() -> new IllegalStateException(key + " is not set")), false);
    }
}
