package io.restock.chaos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short fault-verifier run CI does: 100 s of load with three faults (a kill -9 of inventory-stream inside an
 * open transaction, a SIGSTOP past the transaction timeout, a broker restart), and a clean verdict.
 */
class FaultVerifierIT {

    /** Kept when the test fails: the run log, the services' logs and the data are what explains a violation. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void aRunWithAKillInsideATransactionAPausePastTheTimeoutAndABrokerRestartKeepsEveryInvariant() throws Exception {
        final Path root = Path.of(System.getProperty("restock.root"));
        final ChaosOptions options = new ChaosOptions(Duration.ofSeconds(100), 3, 11, FreeOffset.find(), 3,
                Duration.ofSeconds(5), Duration.ofSeconds(10), work, false);
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(new TeeStream(captured, System.out), true, StandardCharsets.UTF_8);
        final Verdict verdict = new ChaosRun(options, root, out).run();
        verdict.print(out);

        assertThat(verdict.faults()).as("faults injected").hasSize(3);
        assertThat(verdict.killsInOpenTransaction()).as("the kill landed in an open transaction").isEqualTo(1);
        assertThat(verdict.counts().get("orders answered 2xx")).isGreaterThan(100);
        assertThat(verdict.quiet()).as("Restock settled after the load").isTrue();
        assertThat(verdict.violationsByInvariant()).as(captured.toString(StandardCharsets.UTF_8))
                .allSatisfy((name, violations) -> assertThat(violations).as(name).isEmpty());
    }

    /** Writes to two streams: the test's captured output and the console. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(final java.io.OutputStream a, final java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(final int value) throws java.io.IOException {
            a.write(value);
            b.write(value);
        }
    }
}
