package io.restock.kafkatest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;

/** What {@link SharedBrokerFirstIT} and {@link SharedBrokerSecondIT} both check, whichever runs first. */
final class SharedBroker {

    private static final AtomicReference<String> FIRST_SEEN = new AtomicReference<>();

    private SharedBroker() {
    }

    static void assertSameBrokerAsEveryOtherTestClass(final KafkaEnvironment kafka) throws Exception {
        final String clusterId;
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            clusterId = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
        final String identity = kafka.bootstrapServers() + " " + clusterId;
        FIRST_SEEN.compareAndSet(null, identity);

        assertThat(identity).isEqualTo(FIRST_SEEN.get());
        assertThat(KafkaExtension.environmentsStarted()).isEqualTo(1);
    }
}
