package io.restock.service.streams;

import io.micronaut.core.value.PropertyResolver;
import io.micronaut.core.naming.conventions.StringConvention;

import java.util.Set;
import java.util.TreeSet;

/**
 * Settings under {@code kafka.streams.default.*}, micronaut-kafka-streams' block, which inventory-stream and
 * supplier-gateway read before they ran on {@link StreamsRunner}: nothing reads them any more, so a deployment that
 * still sets one (in an overlay, {@code -D} or {@code KAFKA_STREAMS_DEFAULT_*}) stops at start with the new name
 * rather than running without its setting.
 */
public final class RetiredStreamsSettings {

    /** micronaut-kafka-streams' block of the one Kafka Streams application. */
    public static final String RETIRED_PREFIX = "kafka.streams.default";

    private RetiredStreamsSettings() {
    }

    /**
     * @param streamsBlock the service's block that took their place, e.g. {@code inventory-stream.streams}
     * @throws IllegalStateException naming every retired setting found and where it goes now
     */
    public static void refuse(final PropertyResolver configuration, final String streamsBlock) {
        final Set<String> found = new TreeSet<>(configuration.getProperties(RETIRED_PREFIX,
                StringConvention.RAW).keySet());
        if (!found.isEmpty()) {
            throw new IllegalStateException(RETIRED_PREFIX + ".* is no longer read (issue 17); set "
                    + streamsBlock + ".state-dir, .application-server, .threads, or any other Kafka Streams setting"
                    + " as " + streamsBlock + ".config.<name> instead. Found: " + found);
        }
    }
}
