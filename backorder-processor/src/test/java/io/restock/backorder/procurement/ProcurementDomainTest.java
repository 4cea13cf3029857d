package io.restock.backorder.procurement;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule 8's pieces: order quantities, supplier choice, batching. */
class ProcurementDomainTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-20");

    private static Offer offer(final String id, final int lead, final String cost, final double reliability) {
        return new Offer(id, "SKU-1", lead, new BigDecimal(cost), "EUR", 1, 1, false, reliability, true);
    }

    @Test
    void quantitiesAreAtLeastTheMinimumAndWholePacks() {
        assertThat(OrderQuantity.round(5, 20, 10)).isEqualTo(20);
        assertThat(OrderQuantity.round(21, 20, 10)).isEqualTo(30);
        assertThat(OrderQuantity.round(5, 7, 5)).as("a minimum that is not whole packs rounds up").isEqualTo(10);
        assertThat(OrderQuantity.round(0, 20, 10)).isZero();
    }

    @Test
    void theSupplierIsTheCheapestAmongThoseWhoseLeadTimeMeetsThePromise() {
        final var offers = List.of(offer("FAST", 3, "9.00", 0.9), offer("CHEAP", 20, "4.00", 0.9),
                offer("MID", 5, "6.00", 0.8), offer("MID2", 5, "6.00", 0.95));
        assertThat(SupplierChoice.choose(offers, Set.of(), TODAY, 1, TODAY.plusDays(7)))
                .get().extracting(Offer::supplierId).as("cost, then reliability").isEqualTo("MID2");
        assertThat(SupplierChoice.choose(offers, Set.of(), TODAY, 1, null))
                .get().extracting(Offer::supplierId).as("no date to meet: cheapest").isEqualTo("CHEAP");
        assertThat(SupplierChoice.choose(offers, Set.of(), TODAY, 1, TODAY.plusDays(2)))
                .get().extracting(Offer::supplierId).as("none meets: fastest").isEqualTo("FAST");
        assertThat(SupplierChoice.choose(offers, Set.of("MID2"), TODAY, 1, TODAY.plusDays(7)))
                .get().extracting(Offer::supplierId).as("excluded after a rejection").isEqualTo("MID");
    }

    @Test
    void aBatchSumsEachSkusRequirementsIntoOneRoundedLine() {
        final SupplierBatch batch = SupplierBatch.empty("S1");
        batch.add(new Requirement("SKU-1", "S1", 1, 5, 20, 10, BigDecimal.ONE, "EUR", 10, false, TODAY), 1000);
        batch.add(new Requirement("SKU-1", "S1", 2, 17, 20, 10, BigDecimal.ONE, "EUR", 10, false, TODAY), 2000);
        batch.add(new Requirement("SKU-2", "S1", 1, 3, 1, 1, BigDecimal.ONE, "EUR", 10, false, TODAY), 3000);
        assertThat(batch.isDue(1000 + 59_999, Duration.ofMinutes(1))).isFalse();
        assertThat(batch.isDue(1000 + 60_000, Duration.ofMinutes(1))).isTrue();

        final PurchaseOrderDraft po = batch.close().orElseThrow();
        assertThat(po.purchaseOrderId()).isEqualTo("PO-S1-1");
        assertThat(po.lines()).extracting(PurchaseOrderDraft.Line::lineId, PurchaseOrderDraft.Line::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SKU-1~2", 30),
                        org.assertj.core.groups.Tuple.tuple("SKU-2~1", 3));
        assertThat(PurchaseOrderDraft.coveredSeq("SKU-1~2")).isEqualTo(2);
        assertThat(batch.isOpen()).isFalse();
    }

    @Test
    void aBatchWhoseDemandDisappearedIssuesNothing() {
        final SupplierBatch batch = SupplierBatch.empty("S1");
        batch.add(new Requirement("SKU-1", "S1", 1, 5, 20, 10, BigDecimal.ONE, "EUR", 10, false, TODAY), 1000);
        batch.add(new Requirement("SKU-1", "S1", 2, -5, 20, 10, BigDecimal.ONE, "EUR", 10, false, null), 2000);
        assertThat(batch.close()).isEmpty();
        assertThat(batch.batchesIssued()).isZero();
    }
}
