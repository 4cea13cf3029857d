package io.restock.orderintake.shoptopic;

import io.restock.schemas.topics.Topics;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * The sinks' topic for a record forwarded while a submission is processed: a topic of the shop whose submissions
 * topic the submission was read from (the record context's topic), so one shop's outcomes and dead letters never
 * reach another's. {@link #toString()} is what the pinned topology description shows.
 */
public enum ShopTopicOf implements TopicNameExtractor<byte[], byte[]> {

    /** {@code shops.<shopId>.submission-outcomes}. */
    OUTCOMES("shops.<shopId>.submission-outcomes") {
        @Override
        String topicOf(final String shopId) {
            return Topics.shopSubmissionOutcomes(shopId).name();
        }
    },
    /** {@code dlq.shops.<shopId>.order-submissions}. */
    DEAD_LETTERS("dlq.shops.<shopId>.order-submissions") {
        @Override
        String topicOf(final String shopId) {
            return Topics.shopSubmissions(shopId).deadLetterTopic();
        }
    };

    private final String shape;

    ShopTopicOf(final String shape) {
        this.shape = shape;
    }

    abstract String topicOf(String shopId);

    @Override
    public String extract(final byte[] key, final byte[] value, final RecordContext context) {
        return topicOf(Topics.shopOfSubmissions(context.topic()).orElseThrow(() -> new IllegalStateException(
                "a record forwarded while processing " + context.topic() + ", not a shop's submissions topic")));
    }

    @Override
    public String toString() {
        return shape;
    }
}
