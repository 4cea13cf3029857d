package io.restock.schemas.topics;

import org.apache.kafka.common.config.TopicConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a topic is laid out on the cluster. Provisioning creates it so and reports any drift.
 *
 * @param partitions  partition count; keys spread over them, so changing it later moves keys
 * @param compacted   a table (latest value per key, kept forever) rather than a log of events
 * @param retention   how long events are kept; ignored for compacted topics
 */
public record TopicSpec(int partitions, boolean compacted, Duration retention) {

    /** Partitions of Restock's event topics: enough to spread over a few instances of each service. */
    public static final int DEFAULT_PARTITIONS = 6;

    public static TopicSpec events(final Duration retention) {
        return new TopicSpec(DEFAULT_PARTITIONS, false, retention);
    }

    public static TopicSpec table() {
        return new TopicSpec(DEFAULT_PARTITIONS, true, Duration.ZERO);
    }

    /** The topic-level configs provisioning sets. */
    public Map<String, String> configs() {
        final Map<String, String> configs = new LinkedHashMap<>();
        if (compacted) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            configs.put(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0");
        } else {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        }
        return configs;
    }
}
