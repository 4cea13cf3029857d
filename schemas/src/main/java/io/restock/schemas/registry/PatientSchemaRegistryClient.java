package io.restock.schemas.registry;

import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * A registry client that waits out a registry outage instead of failing the record in hand: a call that meets
 * {@link RegistryUnavailableException} is tried again with a doubling pause (from {@code firstPause} up to
 * 5 s) until {@code patience} has passed, then fails with the last error. Refusals and
 * unknown schemas fail at once. Answers are cached by the client it wraps, so this costs nothing once a service
 * has met its schemas; it matters when a service (re)starts while the registry is restarting, where a failed
 * lookup used to dead-letter good records (issue 15's fault verifier, broker and registry restart).
 *
 * <p>A stream thread that waits here longer than its transaction timeout is fenced and its task starts again
 * from the last commit, as after a pause: nothing is lost or applied twice.
 */
public final class PatientSchemaRegistryClient implements SchemaRegistryClient {

    /** How long a call waits for the registry by default: a registry restart on a loaded machine took 85 s. */
    public static final Duration DEFAULT_PATIENCE = Duration.ofMinutes(3);
    private static final Logger LOG = LoggerFactory.getLogger(PatientSchemaRegistryClient.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    private final SchemaRegistryClient registry;
    private final Duration patience;
    private final Duration firstPause;

    public PatientSchemaRegistryClient(final SchemaRegistryClient registry, final Duration patience,
                                       final Duration firstPause) {
        if (patience.isNegative() || firstPause.isNegative() || firstPause.isZero()) {
            throw new IllegalArgumentException("patience must not be negative and the first pause must be positive");
        }
        this.registry = registry;
        this.patience = patience;
        this.firstPause = firstPause;
    }

    public PatientSchemaRegistryClient(final SchemaRegistryClient registry) {
        this(registry, DEFAULT_PATIENCE, Duration.ofMillis(250));
    }

    @Override
    public int register(final String subject, final Schema schema) {
        return patiently("register " + subject, () -> registry.register(subject, schema));
    }

    @Override
    public int lookup(final String subject, final Schema schema) {
        return patiently("look up " + subject, () -> registry.lookup(subject, schema));
    }

    @Override
    public Schema schemaById(final int id) {
        return patiently("read schema " + id, () -> registry.schemaById(id));
    }

    @Override
    public void setCompatibility(final String subject, final String level) {
        patiently("set compatibility of " + subject, () -> {
            registry.setCompatibility(subject, level);
            return null;
        });
    }

    @Override
    public String compatibility(final String subject) {
        return patiently("read compatibility of " + subject, () -> registry.compatibility(subject));
    }

    @Override
    public List<String> compatibilityProblems(final String subject, final Schema schema) {
        return patiently("check " + subject, () -> registry.compatibilityProblems(subject, schema));
    }

    @Override
    public List<String> subjects() {
        return patiently("list subjects", registry::subjects);
    }

    private static Duration min(final Duration a, final Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private <T> T patiently(final String what, final Supplier<T> call) {
        final long deadline = System.nanoTime() + patience.toNanos();
        Duration pause = firstPause;
        int failures = 0;
        while (true) {
            try {
                final T answer = call.get();
                if (failures > 0) {
                    LOG.info("schema registry answered again ({}) after {} failed tries", what, failures);
                }
                return answer;
            } catch (final RegistryUnavailableException e) {
                failures++;
                if (System.nanoTime() + pause.toNanos() - deadline > 0) {
                    throw e;
                }
                if (failures == 1 || failures % 10 == 0) {
                    LOG.warn("schema registry unavailable ({}), try {}; waiting up to {} in all: {}", what, failures,
                            patience, e.getMessage());
                }
                try {
                    Thread.sleep(pause);
                } catch (final InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = min(pause.multipliedBy(2), MAX_PAUSE);
            }
        }
    }
}
