package io.restock.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.restock.demo.world.World;
import io.restock.demo.world.WorldSettings;
import io.restock.stack.Service;
import io.restock.stack.Stack;
import io.restock.stack.StackOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short demo from the built project: the launcher starts Kafka, the registry and the five services as processes
 * (ports shifted by {@value #PORT_OFFSET}), the world plays for a little over a minute, and what Restock did is
 * checked from its topics and the emails the demo's SMTP server caught; then every process must have exited.
 */
class DemoIT {

    private static final int PORT_OFFSET = 10_500;

    @TempDir
    Path work;

    @Test
    void aShortDemoAllocatesBackordersBuysShipsAndTellsCustomersThenStopsEveryProcess() throws Exception {
        final Path root = Path.of(System.getProperty("restock.root", "..")).toAbsolutePath().normalize();
        final WorldSettings settings = WorldSettings.defaults().withDuration(Duration.ofSeconds(70))
                .withOrdersPerSecond(4).withSecondsPerDay(2).withSkus(120).withSettle(Duration.ofSeconds(40));
        final StackOptions options = DemoMain.stackOptions(root, PORT_OFFSET, settings, System.out)
                .withDataDir(work.resolve("data")).withLogDir(work.resolve("logs"));
        final World.Outcome outcome;
        final List<Long> pids;
        final Map<String, Long> rss;
        final DashboardCheck.Result dashboard;
        try (Stack stack = Stack.start(options)) {
            pids = List.copyOf(stack.pids().values());
            outcome = new World(DemoMain.endpoints(stack, PORT_OFFSET), settings, System.out, false).run();
            rss = stack.peakRssKb();
            dashboard = DashboardCheck.open(root, stack.endpoints().service(Service.BACKORDER_KPIS).toString(),
                    root.resolve("demo-world/target/demo-dashboard.png"));
        }
        io.restock.demo.world.Summary.print(System.out, outcome, settings.secondsPerDay(), rss);

        final var counts = outcome.counts();
        assertThat(outcome.feedFailure()).isNull();
        assertThat(counts.orders()).as("orders placed").isPositive();
        assertThat(outcome.shops().placedHttp()).as("orders over HTTP").isPositive();
        assertThat(outcome.shops().placedKafka()).as("orders on the Kafka topic").isPositive();
        assertThat(outcome.shops().replays()).as("idempotent replays answered as the same order").isPositive();
        assertThat(counts.linesAllocated()).as("lines allocated").isPositive();
        assertThat(counts.linesBackordered()).as("lines backordered").isPositive();
        assertThat(counts.purchaseOrdersIssued()).as("purchase orders issued").isPositive();
        assertThat(counts.purchaseOrdersAcknowledged()).as("purchase orders acknowledged").isPositive();
        assertThat(outcome.webhook().verified()).as("webhook deliveries verified").isPositive();
        assertThat(outcome.webhook().signatureFailures()).as("webhook signature failures").isZero();
        assertThat(counts.datesMoved()).as("customer delivery dates changed").isPositive();
        assertThat(counts.receipts()).as("stock received").isPositive();
        assertThat(counts.shipped()).as("order lines shipped").isPositive();
        assertThat(counts.backordersFilled()).as("backorders filled by arriving stock").isPositive();
        assertThat(outcome.mails()).as("customer emails caught").isNotEmpty();
        assertThat(outcome.mails()).as("emails about this run's orders")
                .anyMatch(m -> m.orderId() != null && m.orderId().startsWith(outcome.runId() + "-"));
        if (dashboard.skipped() == null) {
            assertThat(dashboard.ok()).as("the dashboard in headless Chromium: %s", dashboard.output()).isTrue();
            assertThat(dashboard.output()).as("every chart of the dashboard").contains("chart-rates", "chart-volume",
                    "chart-open-skus", "chart-lag", "chart-process-rate");
        } else {
            System.out.println("dashboard not opened in a browser: " + dashboard.skipped());
        }
        assertThat(pids).as("processes the launcher started").hasSizeGreaterThanOrEqualTo(6);
        assertThat(pids).as("processes still alive after close()")
                .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }
}
