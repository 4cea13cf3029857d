package io.restock.kafkatest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real Kafka broker and schema registry: declare a {@link KafkaEnvironment} parameter
 * (constructor, {@code @BeforeAll}, {@code @BeforeEach} or test method).
 *
 * <p>One broker and one registry serve every test class of the test JVM; see {@link KafkaEnvironments} for
 * how they are chosen. Tests share them, so each test should use its own topic names and group ids.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaExtension.class)
public @interface RestockKafka {
}
