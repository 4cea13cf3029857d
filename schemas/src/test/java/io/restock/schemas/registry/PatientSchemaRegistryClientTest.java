package io.restock.schemas.registry;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A registry outage is waited out; refusals and unknown schemas are not; patience ends. */
class PatientSchemaRegistryClientTest {

    private static final Schema SCHEMA = Schema.create(Schema.Type.STRING);

    @Test
    void aLookupWaitsOutARegistryThatIsBrieflyUnavailable() {
        final Flaky flaky = new Flaky(3, () -> new RegistryUnavailableException("connection refused"));
        final PatientSchemaRegistryClient patient = patient(flaky);
        assertThat(patient.schemaById(7)).isEqualTo(SCHEMA);
        assertThat(flaky.calls.get()).isEqualTo(4);
    }

    @Test
    void anUnknownSchemaFailsAtOnce() {
        final Flaky flaky = new Flaky(Integer.MAX_VALUE, () -> new UnknownSchemaException("404"));
        final PatientSchemaRegistryClient patient = patient(flaky);
        assertThatThrownBy(() -> patient.schemaById(7)).isInstanceOf(UnknownSchemaException.class);
        assertThat(flaky.calls.get()).isEqualTo(1);
    }

    @Test
    void aRefusalFailsAtOnce() {
        final Flaky flaky = new Flaky(Integer.MAX_VALUE, () -> new RegistryException("409 incompatible"));
        final PatientSchemaRegistryClient patient = patient(flaky);
        assertThatThrownBy(() -> patient.register("s", SCHEMA)).isExactlyInstanceOf(RegistryException.class);
        assertThat(flaky.calls.get()).isEqualTo(1);
    }

    @Test
    void anOutageLongerThanThePatienceFailsWithTheLastError() {
        final Flaky flaky = new Flaky(Integer.MAX_VALUE, () -> new RegistryUnavailableException("connection refused"));
        final PatientSchemaRegistryClient patient = new PatientSchemaRegistryClient(flaky, Duration.ofMillis(50),
                Duration.ofMillis(5));
        assertThatThrownBy(() -> patient.lookup("s", SCHEMA)).isInstanceOf(RegistryUnavailableException.class);
        assertThat(flaky.calls.get()).isBetween(2, 12);
    }

    /** Patient for 30 s, retrying every millisecond. */
    private static PatientSchemaRegistryClient patient(final Flaky flaky) {
        return new PatientSchemaRegistryClient(flaky, Duration.ofSeconds(30), Duration.ofMillis(1));
    }

    /** Fails its first {@code failures} calls with the given error, then answers. */
    private static final class Flaky implements SchemaRegistryClient {
        final AtomicInteger calls = new AtomicInteger();
        private final int failures;
        private final java.util.function.Supplier<RegistryException> error;

        Flaky(final int failures, final java.util.function.Supplier<RegistryException> error) {
            this.failures = failures;
            this.error = error;
        }

        private void call() {
            if (calls.incrementAndGet() <= failures) {
                throw error.get();
            }
        }

        @Override
        public int register(final String subject, final Schema schema) {
            call();
            return 1;
        }

        @Override
        public int lookup(final String subject, final Schema schema) {
            call();
            return 1;
        }

        @Override
        public Schema schemaById(final int id) {
            call();
            return SCHEMA;
        }

        @Override
        public void setCompatibility(final String subject, final String level) {
            call();
        }

        @Override
        public String compatibility(final String subject) {
            call();
            return "BACKWARD";
        }

        @Override
        public java.util.List<String> compatibilityProblems(final String subject, final Schema schema) {
            call();
            return java.util.List.of();
        }

        @Override
        public java.util.List<String> subjects() {
            call();
            return java.util.List.of();
        }
    }
}
