package io.restock.kafkatest;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@link KafkaEnvironment} parameters; use it through {@link RestockKafka}.
 *
 * <p>The environment is chosen and started once per test JVM, on first use, and kept in the root
 * extension-context store, which JUnit closes (it is {@link AutoCloseable}) when the whole test plan has run.
 * The store computes a missing value at most once, so test classes running in parallel share it too.
 */
public final class KafkaExtension implements ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaExtension.class);
    private static final AtomicInteger STARTED = new AtomicInteger();

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaEnvironment.class;
    }

    @Override
    public KafkaEnvironment resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        try {
            return context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(KafkaEnvironments.Provisioned.class, key -> start(),
                            KafkaEnvironments.Provisioned.class)
                    .environment();
        } catch (final RuntimeException e) {
            throw new ParameterResolutionException("no Kafka for tests: " + e.getMessage(), e);
        }
    }

    /** How many shared environments this JVM has started: 1 once any test asked for one. */
    public static int environmentsStarted() {
        return STARTED.get();
    }

    private static KafkaEnvironments.Provisioned start() {
        final long started = System.nanoTime();
        final KafkaEnvironments.Choice choice = KafkaEnvironments.chooseForThisJvm();
        final KafkaEnvironments.Provisioned provisioned = KafkaEnvironments.provision(choice);
        STARTED.incrementAndGet();
        final KafkaEnvironment environment = provisioned.environment();
        LOG.info("Kafka for tests: {} ({}): Kafka {}, schema registry {}, ready in {} ms", environment.mode(),
                choice.reason(), environment.bootstrapServers(), environment.schemaRegistryUrl(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return provisioned;
    }
}
