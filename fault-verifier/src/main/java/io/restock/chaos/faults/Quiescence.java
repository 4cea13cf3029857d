package io.restock.chaos.faults;

import io.restock.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import io.restock.stack.Service;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Waits until Restock has finished with everything it was given: every consumer group's committed offsets are at
 * the end of what it reads (read_committed end offsets; a lag of one is the closing transaction marker, which a
 * group under exactly-once does not commit past until it processes a later record), and neither the committed
 * offsets on the catalogue's topics nor those topics' end offsets changed for {@code stableFor} (longer than the
 * services' windows: commit interval, batch and coalescing windows), so every output has been written.
 */
public final class Quiescence implements AutoCloseable {

    /** What was seen when it became quiet (or when it gave up). */
    public record State(boolean quiet, Map<String, Long> lagByGroup, Duration waited) {
    }

    private static final java.util.Set<String> PUBLIC = Topics.ALL.stream().map(t -> t.name())
            .collect(Collectors.toUnmodifiableSet());

    private final Admin admin;
    private final List<String> outputTopics;

    /** @param outputTopics topics whose end offsets must also stand still (outputs no group may read) */
    public Quiescence(final String bootstrapServers, final List<String> outputTopics) {
        this.outputTopics = List.copyOf(outputTopics);
        final Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        this.admin = Admin.create(props);
    }

    public State await(final Duration stableFor, final Duration timeout) throws InterruptedException {
        final Instant started = Instant.now();
        final Instant deadline = started.plus(timeout);
        Map<String, Long> fingerprint = null;
        Instant unchangedSince = Instant.now();
        Map<String, Long> lag = Map.of();
        while (Instant.now().isBefore(deadline)) {
            try {
                final Map<String, Map<TopicPartition, Long>> committed = committedOffsets();
                final Map<TopicPartition, Long> ends = endOffsets(committed);
                lag = new TreeMap<>();
                for (final Map.Entry<String, Map<TopicPartition, Long>> group : committed.entrySet()) {
                    long behind = 0;
                    for (final Map.Entry<TopicPartition, Long> p : group.getValue().entrySet()) {
                        behind += Math.max(0, ends.getOrDefault(p.getKey(), 0L) - p.getValue() - 1);
                    }
                    lag.put(group.getKey(), behind);
                }
                // What must stand still: the catalogue's topics and the groups' positions on them. Private topics
                // may move on their own (backorder-kpis' windows and the registry's journal are written on a
                // clock), so they count for lag only.
                final Map<String, Long> now = new HashMap<>();
                committed.forEach((group, offsets) -> offsets.forEach((p, o) -> {
                    if (PUBLIC.contains(p.topic())) {
                        now.put(group + "@" + p, o);
                    }
                }));
                ends.forEach((p, o) -> {
                    if (PUBLIC.contains(p.topic())) {
                        now.put("end@" + p, o);
                    }
                });
                if (!now.equals(fingerprint)) {
                    fingerprint = now;
                    unchangedSince = Instant.now();
                }
                final boolean caughtUp = lag.values().stream().allMatch(l -> l == 0);
                if (caughtUp && !Instant.now().isBefore(unchangedSince.plus(stableFor))) {
                    return new State(true, lag, Duration.between(started, Instant.now()));
                }
            } catch (final InterruptedException e) {
                throw e;
            } catch (final Exception e) {
                // the broker is away for a moment: start the stable window again
                fingerprint = null;
            }
            // polling the broker's offsets
            Thread.sleep(1000);
        }
        return new State(false, lag, Duration.between(started, Instant.now()));
    }

    private Map<String, Map<TopicPartition, Long>> committedOffsets() throws Exception {
        // Restock's groups always count; another's (the registry starts a new group per start) only while it
        // has members, so a group left behind by a restarted registry does not hold quiescence up forever.
        final List<String> groups = admin.listConsumerGroups().all().get(15, TimeUnit.SECONDS).stream()
                .filter(g -> restocks(g.groupId()) || g.groupState()
                        .map(state -> state != GroupState.EMPTY && state != GroupState.DEAD).orElse(true))
                .map(g -> g.groupId()).sorted().toList();
        final Map<String, Map<TopicPartition, Long>> committed = new TreeMap<>();
        for (final String group : groups) {
            final Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
            committed.put(group, offsets.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())));
        }
        return committed;
    }

    private static boolean restocks(final String groupId) {
        return java.util.Arrays.stream(Service.values()).anyMatch(service -> groupId.startsWith(service.id()));
    }

    private Map<TopicPartition, Long> endOffsets(final Map<String, Map<TopicPartition, Long>> committed)
            throws Exception {
        final Map<TopicPartition, OffsetSpec> request = new HashMap<>(committed.values().stream()
                .flatMap(m -> m.keySet().stream()).distinct()
                .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())));
        admin.describeTopics(outputTopics).allTopicNames().get(15, TimeUnit.SECONDS).values().forEach(topic ->
                topic.partitions().forEach(p -> request.putIfAbsent(new TopicPartition(topic.name(), p.partition()),
                        OffsetSpec.latest())));
        final Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(15, TimeUnit.SECONDS).forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
