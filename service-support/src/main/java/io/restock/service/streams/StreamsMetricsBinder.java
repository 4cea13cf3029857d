package io.restock.service.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.configuration.kafka.streams.event.AfterKafkaStreamsStart;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds Micrometer's {@link KafkaStreamsMetrics} (tagged {@code kafka_stream_*} series on
 * {@code /prometheus}) once micronaut-kafka-streams has started the streams. Micronaut's own Kafka Streams
 * reporter drops thread and task tags, so services switch it off in application.yml
 * ({@code micronaut.metrics.binders.kafka.streams.enabled: false}). Present only in services that run
 * their streams through micronaut-kafka-streams.
 */
@Singleton
@Requires(classes = AfterKafkaStreamsStart.class)
final class StreamsMetricsBinder implements ApplicationEventListener<AfterKafkaStreamsStart> {

    private final MeterRegistry registry;
    private final List<KafkaStreamsMetrics> bound = new ArrayList<>();

    StreamsMetricsBinder(final MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public synchronized void onApplicationEvent(final AfterKafkaStreamsStart event) {
        final KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(event.getKafkaStreams());
        metrics.bindTo(registry);
        bound.add(metrics);
    }

    @PreDestroy
    synchronized void close() {
        bound.forEach(KafkaStreamsMetrics::close);
    }
}
