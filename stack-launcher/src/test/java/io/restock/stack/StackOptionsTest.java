package io.restock.stack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackOptionsTest {

    private final StackOptions defaults = StackOptions.defaults(Path.of("/repo"));

    @Test
    void defaultsAreTheDocumentedPortsAndTheRepositoryWorkDirectory() {
        assertThat(defaults.kafkaPort()).isEqualTo(9092);
        assertThat(defaults.registryPort()).isEqualTo(8081);
        assertThat(Service.values()).extracting(defaults::port).containsExactly(8080, 8082, 8083, 8084, 8085, 8086);
        assertThat(defaults.dataDir()).isEqualTo(Path.of("/repo/.restock/data"));
        assertThat(defaults.logDir()).isEqualTo(Path.of("/repo/.restock/logs"));
        assertThat(defaults.services()).containsExactlyInAnyOrder(Service.values());
    }

    @Test
    void backorderKpisReadsTheOtherServicesHealthAtTheSameOffsetOrByTheirServiceNames() {
        final java.util.Map<String, String> local = Service.BACKORDER_KPIS.environment("k:9", "http://r", 8186, "/s",
                "127.0.0.1");
        assertThat(local).containsEntry("ORDER_INTAKE_URL", "http://127.0.0.1:8180")
                .containsEntry("NOTIFIER_URL", "http://127.0.0.1:8185").containsEntry("BACKORDER_KPIS_PORT", "8186")
                .doesNotContainKey("BACKORDER_KPIS_URL");
        assertThat(Service.BACKORDER_KPIS.environment("k:9", "http://r", 8086, "/s", "backorder-kpis"))
                .containsEntry("INVENTORY_STREAM_URL", "http://inventory-stream:8082");
    }

    @Test
    void portOffsetIsAddedToEveryDefaultPort() {
        final StackOptions shifted = defaults.withPortOffset(10_000);
        assertThat(shifted.kafkaPort()).isEqualTo(19_092);
        assertThat(shifted.registryPort()).isEqualTo(18_081);
        assertThat(shifted.port(Service.NOTIFIER)).isEqualTo(18_085);
    }

    @Test
    void aServicePortSetInItsEnvironmentWinsOverTheOffset() {
        assertThat(defaults.withPortOffset(100).withEnvironment(Service.NOTIFIER, "NOTIFIER_PORT", "7000")
                .port(Service.NOTIFIER)).isEqualTo(7000);
    }

    @Test
    void environmentForAllReachesEveryServiceAndKeepsEarlierValues() {
        final StackOptions options = defaults.withEnvironment(Service.NOTIFIER, "SMTP_PORT", "2600")
                .withEnvironment("RESTOCK_TIME_ZONE", "Europe/Berlin");
        assertThat(options.environment().get(Service.NOTIFIER))
                .containsEntry("SMTP_PORT", "2600").containsEntry("RESTOCK_TIME_ZONE", "Europe/Berlin");
        assertThat(options.environment().get(Service.ORDER_INTAKE)).containsOnlyKeys("RESTOCK_TIME_ZONE");
    }

    @Test
    void heapDefaultsUnlessSetPerService() {
        final StackOptions options = defaults.withHeapMegabytes(Service.INVENTORY_STREAM, 300);
        assertThat(options.heapMegabytes(Service.INVENTORY_STREAM)).isEqualTo(300);
        assertThat(options.heapMegabytes(Service.NOTIFIER)).isEqualTo(StackOptions.DEFAULT_HEAP_MB);
    }

    @Test
    void orderIntakeGetsAHeapThatHoldsItsDefaultIdempotencyKeys() {
        assertThat(defaults.heapMegabytes(Service.ORDER_INTAKE)).isEqualTo(512);
        assertThat(defaults.withHeapMegabytes(Service.ORDER_INTAKE, 256).heapMegabytes(Service.ORDER_INTAKE))
                .isEqualTo(256);
    }

    @Test
    void anOffsetPushingPortsPast65535IsRefused() {
        assertThatThrownBy(() -> defaults.withPortOffset(60_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void upParsesItsOptions() {
        final StackOptions options = Up.parse(Path.of("/repo"), new String[] {
            "--port-offset", "20000", "--services=order-intake,inventory-stream", "--data-dir", "/tmp/d", "--no-build"});
        assertThat(options.portOffset()).isEqualTo(20_000);
        assertThat(options.services()).isEqualTo(EnumSet.of(Service.ORDER_INTAKE, Service.INVENTORY_STREAM));
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/d"));
        assertThat(options.build()).isFalse();
        assertThatThrownBy(() -> Up.parse(Path.of("/repo"), new String[] {"--services", "billing"}))
                .hasMessageContaining("no service 'billing'");
    }
}
