package io.restock.endtoend;

import io.restock.orderintake.shops.ShopDirectory;
import io.restock.orderintake.status.OrderIntakeTopology;
import io.restock.orderintake.submission.Submissions;
import io.restock.schemas.serde.EventSerdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;

/** order-intake's real topology in a TopologyTestDriver, for the tests that wire it to {@link TwoServices} by topics. */
final class OrderIntakeDriver {

    private OrderIntakeDriver() {
    }

    /** The topology for these shops, with its submissions' clock and the driver's wall clock at {@code start}. */
    static TopologyTestDriver start(final EventSerdes serdes, final ShopDirectory shops, final Instant start)
            throws IOException {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "order-intake");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("order-intake").toString());
        return new TopologyTestDriver(OrderIntakeTopology.build(serdes,
                new Submissions(Clock.fixed(start, ZoneOffset.UTC)), shops, (partition, offset) -> { }), props, start);
    }
}
