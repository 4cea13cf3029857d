package io.restock.endtoend;

import io.restock.allocation.rules.PromiseSettings;
import io.restock.events.BackorderAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.PurchaseOrderIssued;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's example through both real topologies (issue 12, findings 1, 11, 12): 10 in stock, order
 * 15 then order 5; supplier A lead 5 days, MOQ 20, pack 10; supplier B lead 10 days, cheaper. Each
 * backordered line's {@code LineBackordered} already carries its final date, the purchase order goes
 * to the supplier whose lead time the dates used, and a filled line gets no date change.
 */
class SeedExampleAcrossBothServicesTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final LocalDate DAY0 = LocalDate.parse("2026-11-20");
    private static final int HANDLING = 1;

    @Test
    void eachBackorderedLineIsPromisedItsFinalDateAtAcceptanceAndAFilledLineIsNeverRedated() {
        try (TwoServices services = new TwoServices(PromiseSettings.defaults(), T0)) {
            services.policy("SKU-1", null, 0, 0, HANDLING, T0);
            services.offer("a", "SKU-1", 5, "12.00", 20, 10, T0);
            services.offer("b", "SKU-1", 10, "8.00", 1, 1, T0);
            services.receive("SKU-1", 10, null, null, T0);

            services.order("O-1", "SKU-1", 15, 0, T0.plusSeconds(60));
            services.order("O-2", "SKU-1", 5, 0, T0.plusSeconds(61));

            final List<LineBackordered> backordered = services.lineEvents().stream()
                    .filter(LineBackordered.class::isInstance).map(LineBackordered.class::cast).toList();
            assertThat(backordered).extracting(LineBackordered::getOrderId).containsExactly("O-1", "O-2");
            assertThat(backordered).extracting(LineBackordered::getQuantity).containsExactly(5, 5);
            assertThat(backordered).extracting(LineBackordered::getPromisedDate)
                    .as("B is cheaper and meets the 30-day default: its 10 days, plus handling")
                    .containsOnly(DAY0.plusDays(10 + HANDLING));

            services.closeBatches(T0.plusSeconds(61));
            final List<PurchaseOrderIssued> issued = services.purchaseOrderEvents().stream()
                    .filter(PurchaseOrderIssued.class::isInstance).map(PurchaseOrderIssued.class::cast).toList();
            assertThat(issued).singleElement().satisfies(po -> {
                assertThat(po.getSupplierId()).as("the supplier whose lead time the dates used").isEqualTo("b");
                assertThat(po.getLines()).singleElement().satisfies(l -> assertThat(l.getQuantity()).isEqualTo(10));
            });
            final PurchaseOrderIssued po = issued.getFirst();
            final String lineId = po.getLines().getFirst().getLineId();
            services.acknowledge(po.getPurchaseOrderId(), "b", lineId, 10, DAY0.plusDays(10),
                    T0.plus(Duration.ofHours(2)));

            final Instant arrival = DAY0.plusDays(10).atTime(9, 0).toInstant(ZoneOffset.UTC);
            services.receive("SKU-1", 10, po.getPurchaseOrderId(), lineId, arrival);

            final List<BackorderAllocated> filled = services.lineEvents().stream()
                    .filter(BackorderAllocated.class::isInstance).map(BackorderAllocated.class::cast).toList();
            assertThat(filled).extracting(BackorderAllocated::getOrderId).containsExactly("O-1", "O-2");
            assertThat(filled).allSatisfy(f -> assertThat(f.getRemainingBackordered()).isZero());
            assertThat(services.dateChanges()).as("the dates at acceptance were final; filled lines are not redated")
                    .isEmpty();
            assertThat(services.level("SKU-1").getOnOrder()).isZero();
            final List<String> ids = services.eventIds();
            assertThat(new HashSet<>(ids)).as("every event id is unique").hasSize(ids.size());
        }
    }
}
