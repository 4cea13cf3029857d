package io.restock.service.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.value.PropertyResolver;
import io.restock.schemas.serde.EventSerdes;
import io.restock.service.kafka.ClientLogin;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Makes a service's {@link EdgePublisher} (only for the services that ask for one) from its own application.yml block,
 * {@code <service>} being {@code micronaut.application.name}: {@code <service>.kafka.bootstrap-servers},
 * {@code <service>.producer.delivery-timeout} (default 5 s: the longest a request waits
 * for Kafka before 503) and {@code <service>.producer.max-block} (default 2 s: the longest
 * {@code send()} may block its caller for metadata or buffer space); client id {@code <service>-http}, the service's
 * {@link ClientLogin}.
 */
@Factory
final class EdgePublisherFactory {

    static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_MAX_BLOCK = Duration.ofSeconds(2);

    @Singleton
    @Bean(preDestroy = "close")
    EdgePublisher edgePublisher(@Value("${micronaut.application.name}") final String service,
                                final PropertyResolver configuration, final EventSerdes serdes,
                                final MeterRegistry meters, final ClientLogin login) {
        final String bootstrap = service + ".kafka.bootstrap-servers";
        return new EdgePublisher(login.applyTo(EdgeProducerConfig.properties(
                configuration.get(bootstrap, String.class)
                        .orElseThrow(() -> new IllegalStateException(bootstrap + " is not set")),
                service + "-http",
                duration(configuration, service + ".producer.delivery-timeout", DEFAULT_DELIVERY_TIMEOUT),
                duration(configuration, service + ".producer.max-block", DEFAULT_MAX_BLOCK))), serdes, meters);
    }

    private static Duration duration(final PropertyResolver configuration, final String key, final Duration otherwise) {
        return configuration.get(key, Duration.class).orElse(otherwise);
    }
}
