package io.restock.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void defaultsRunOneAndTwoInstancesOnPortOffset300WithTheRestore() {
        final BenchOptions options = BenchOptions.parse(new String[0], ROOT);

        assertThat(options.inventoryInstances()).containsExactly(1, 2);
        assertThat(options.portOffset()).isEqualTo(300);
        assertThat(options.bootstrapServers()).isEqualTo("127.0.0.1:9392");
        assertThat(options.schemaRegistryUrl()).isEqualTo("http://127.0.0.1:8381/apis/ccompat/v7");
        assertThat(options.dataDir()).isEqualTo(Path.of("/repo/.restock/bench/data"));
        assertThat(options.skus()).isEqualTo(1000);
        assertThat(options.restoreSkus()).isEqualTo(1_000_000);
    }

    @Test
    void attachingRunsOnePassWithoutRestoreAgainstTheGivenCluster() {
        final BenchOptions options = BenchOptions.parse(new String[] {"--attach", "--bootstrap-servers",
            "kafka:9092", "--instances", "1,2", "--rate", "120"}, ROOT);

        assertThat(options.attach()).isTrue();
        assertThat(options.inventoryInstances()).isEqualTo(List.of(1));
        assertThat(options.restoreSkus()).isZero();
        assertThat(options.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(options.ordersPerSecond()).isEqualTo(120);
    }

    @Test
    void instanceCountsOtherThanOneOrTwoAreRefused() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--instances", "1,3"}, ROOT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 or 2");
    }

    @Test
    void aRateThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rate", "0"}, ROOT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rate");
    }

    @Test
    void helpIsAnOption() {
        assertThat(BenchOptions.parse(new String[] {"--help"}, ROOT).help()).isTrue();
        assertThat(BenchOptions.USAGE).contains("--attach", "--instances", "--restore-skus");
    }
}
