package io.restock.kpis.lag;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.restock.service.kafka.ClientLogin;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Consumer lag of every Restock consumer group, per partition: the partition's end (last stable offset, as a
 * read_committed consumer sees it) minus the group's committed offset, measured with the admin API
 * (list groups, their committed offsets, the partitions' latest offsets) every
 * {@code backorder-kpis.lag.refresh} (10 s). A group is Restock's when its id is one of
 * {@code backorder-kpis.lag.groups} or starts with one of them followed by '-'. A partition written
 * transactionally can stay at 1: the commit marker after the last record is never consumed.
 * On {@code /prometheus} as {@code restock_consumer_lag_records{group,topic,partition}} and
 * {@code restock_consumer_group_lag_records{group}}.
 */
@Singleton
public final class ConsumerLag {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLag.class);

    /** One partition's lag for a group. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PartitionLag(String group, String topic, int partition, long committed, long end, long lag) {
    }

    /** A measurement: when, and every partition of every Restock group with a committed offset. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Snapshot(Instant at, List<PartitionLag> partitions, Map<String, Long> byGroup, String error) {
    }

    private final Admin admin;
    private final List<String> groups;
    private final Duration timeout;
    private final AtomicReference<Snapshot> latest = new AtomicReference<>(
            new Snapshot(null, List.of(), Map.of(), "not measured yet"));
    private final MultiGauge perPartition;
    private final MultiGauge perGroup;

    public ConsumerLag(@Value("${backorder-kpis.kafka.bootstrap-servers}") final String bootstrapServers,
                       @Value("${backorder-kpis.lag.groups}") final List<String> groups,
                       @Value("${backorder-kpis.lag.timeout:5s}") final Duration timeout,
                       final ClientLogin login, final MeterRegistry registry) {
        final Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "backorder-kpis-lag");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        login.addTo(props);
        this.admin = Admin.create(props);
        this.groups = List.copyOf(groups);
        this.timeout = timeout;
        this.perPartition = MultiGauge.builder("restock.consumer.lag.records")
                .description("end offset minus committed offset of a Restock consumer group, per partition")
                .register(registry);
        this.perGroup = MultiGauge.builder("restock.consumer.group.lag.records")
                .description("lag of a Restock consumer group over all its partitions").register(registry);
    }

    public Snapshot latest() {
        return latest.get();
    }

    /** Whether a group id is one of Restock's. */
    public static boolean isRestockGroup(final String groupId, final List<String> prefixes) {
        return prefixes.stream().anyMatch(p -> groupId.equals(p) || groupId.startsWith(p + "-"));
    }

    @Scheduled(fixedDelay = "${backorder-kpis.lag.refresh:10s}", initialDelay = "1s")
    void refresh() {
        try {
            latest.set(measure());
        } catch (final Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debug("consumer lag not measured", e);
            final Snapshot previous = latest.get();
            latest.set(new Snapshot(previous.at(), previous.partitions(), previous.byGroup(), e.toString()));
        }
        final List<MultiGauge.Row<?>> rows = new ArrayList<>();
        latest.get().partitions().forEach(p -> rows.add(MultiGauge.Row.of(Tags.of("group", p.group(), "topic",
                p.topic(), "partition", Integer.toString(p.partition())), p.lag())));
        perPartition.register(rows, true);
        final List<MultiGauge.Row<?>> groupRows = new ArrayList<>();
        latest.get().byGroup().forEach((group, lag) -> groupRows.add(MultiGauge.Row.of(Tags.of("group", group), lag)));
        perGroup.register(groupRows, true);
    }

    Snapshot measure() throws Exception {
        final long wait = timeout.toMillis();
        final List<String> ids = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                .get(wait, TimeUnit.MILLISECONDS).stream().map(GroupListing::groupId)
                .filter(id -> isRestockGroup(id, groups)).sorted().toList();
        if (ids.isEmpty()) {
            return new Snapshot(Instant.now(), List.of(), Map.of(), null);
        }
        final Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        ids.forEach(id -> specs.put(id, new ListConsumerGroupOffsetsSpec()));
        final Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        final var offsets = admin.listConsumerGroupOffsets(specs);
        for (final String id : ids) {
            committed.put(id, offsets.partitionsToOffsetAndMetadata(id).get(wait, TimeUnit.MILLISECONDS));
        }
        final Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        committed.values().forEach(m -> m.keySet().forEach(tp -> ends.put(tp, OffsetSpec.latest())));
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = ends.isEmpty() ? Map.of()
                : admin.listOffsets(ends, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(wait, TimeUnit.MILLISECONDS);
        final List<PartitionLag> rows = new ArrayList<>();
        final Map<String, Long> byGroup = new HashMap<>();
        committed.forEach((group, partitions) -> partitions.forEach((tp, offset) -> {
            final ListOffsetsResult.ListOffsetsResultInfo info = end.get(tp);
            if (offset == null || info == null) {
                return;
            }
            final long lag = Math.max(0, info.offset() - offset.offset());
            rows.add(new PartitionLag(group, tp.topic(), tp.partition(), offset.offset(), info.offset(), lag));
            byGroup.merge(group, lag, Long::sum);
        }));
        rows.sort(Comparator.comparing(PartitionLag::group).thenComparing(PartitionLag::topic)
                .thenComparingInt(PartitionLag::partition));
        return new Snapshot(Instant.now(), rows, new java.util.TreeMap<>(byGroup), null);
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
