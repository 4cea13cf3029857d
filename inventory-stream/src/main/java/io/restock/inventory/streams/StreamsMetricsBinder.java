package io.restock.inventory.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.configuration.kafka.streams.event.AfterKafkaStreamsStart;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds Micrometer's {@link KafkaStreamsMetrics} (tagged {@code kafka_stream_*} series on
 * {@code /prometheus}) once the streams have started. Micronaut's own Kafka Streams reporter drops
 * thread and task tags, so it is switched off in application.yml
 * ({@code micronaut.metrics.binders.kafka.streams.enabled: false}).
 */
@Singleton
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
