package io.restock.endtoend;

import io.restock.allocation.rules.PromiseSettings;
import io.restock.events.LineBackordered;
import io.restock.events.LineRejected;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.RejectionReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first-schedule race (inventory-stream README, formerly a known limit): a schedule without a next
 * supplier means "none" only for the suppliers it weighed. An offer inventory-stream knows and the schedule
 * did not weigh ("not yet": backorder-processor has not read it) stands for the next order; once every known
 * supplier was weighed and rejected, the SKU is not backorderable.
 */
class FirstScheduleAcrossBothServicesTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final LocalDate DAY0 = LocalDate.parse("2026-11-20");
    private static final String SKU = "SKU-F";

    private static <T> List<T> events(final TwoServices services, final Class<T> type) {
        return services.lineEvents().stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void anOrderBeforeTheFirstScheduleNamingASupplierIsBackorderedFromTheOffer() {
        try (TwoServices services = new TwoServices(PromiseSettings.defaults(), T0)) {
            services.policy(SKU, null, 0, 0, 1, T0);
            services.receive(SKU, 2, null, null, T0);
            assertThat(services.supply(SKU)).as("a schedule with no supplier, before the offer").isNotNull()
                    .satisfies(s -> assertThat(s.getNextOrder()).isNull());

            services.offerToInventoryOnly("a", SKU, 5, T0.plusSeconds(10));
            services.order("O-1", SKU, 5, 0, T0.plusSeconds(20));

            assertThat(events(services, LineRejected.class)).isEmpty();
            assertThat(events(services, LineBackordered.class)).singleElement().satisfies(b -> {
                assertThat(b.getQuantity()).isEqualTo(3);
                assertThat(b.getPromisedDate()).as("today + the offer's lead time + handling")
                        .isEqualTo(DAY0.plusDays(5 + 1));
            });
        }
    }

    @Test
    void aSkuEverySupplierRejectedIsNotBackorderable() {
        try (TwoServices services = new TwoServices(PromiseSettings.defaults(), T0)) {
            services.policy(SKU, null, 0, 0, 1, T0);
            services.offer("a", SKU, 5, "10.00", 1, 1, T0);
            services.order("O-1", SKU, 5, 0, T0.plusSeconds(20));
            assertThat(events(services, LineBackordered.class)).hasSize(1);
            services.closeBatches(T0.plusSeconds(20));
            final PurchaseOrderIssued po = services.purchaseOrderEvents().stream()
                    .filter(PurchaseOrderIssued.class::isInstance).map(PurchaseOrderIssued.class::cast)
                    .findFirst().orElseThrow();

            services.reject(po.getPurchaseOrderId(), "a", po.getLines().getFirst().getLineId(),
                    T0.plus(Duration.ofHours(1)));
            assertThat(services.supply(SKU).getNextOrder()).isNull();
            assertThat(services.supply(SKU).getWeighedSuppliers()).containsExactly("a");

            services.order("O-2", SKU, 3, 0, T0.plus(Duration.ofHours(2)));
            assertThat(events(services, LineRejected.class)).singleElement().satisfies(r -> {
                assertThat(r.getOrderId()).isEqualTo("O-2");
                assertThat(r.getReason()).isEqualTo(RejectionReason.NOT_BACKORDERABLE);
            });
        }
    }
}
