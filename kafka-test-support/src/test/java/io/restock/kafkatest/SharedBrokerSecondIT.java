package io.restock.kafkatest;

import org.junit.jupiter.api.Test;

@RestockKafka
class SharedBrokerSecondIT {

    @Test
    void usesTheOneBrokerOfThisTestJvm(final KafkaEnvironment kafka) throws Exception {
        SharedBroker.assertSameBrokerAsEveryOtherTestClass(kafka);
    }
}
