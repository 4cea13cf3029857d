package io.restock.suppliergateway.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.configuration.kafka.streams.event.AfterKafkaStreamsStart;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/** Binds Micrometer's tagged {@code kafka_stream_*} metrics once the streams start (Micronaut's binder is off). */
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
