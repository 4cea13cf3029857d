package io.restock.inventory.topology;

import io.restock.events.BackorderAllocated;
import io.restock.events.BackorderCancelled;
import io.restock.events.LineAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.LineRejected;
import io.restock.events.LineReleased;
import io.restock.events.SkuPolicy;
import io.restock.inventory.internal.LineState;
import io.restock.inventory.internal.SkuState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restock.inventory.topology.InventoryDriver.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule 1 over a long random sequence of orders, cancellations, receipts (some duplicated),
 * adjustments and shipments on two SKUs (one backorderable, one not): after every step the
 * topology's book equals a simple reference model, stock is never negative, never allocated twice
 * (allocated = the sum over lines = what the line events say), and every ordered unit is accounted
 * for exactly once (allocated, backordered, rejected, released, cancelled or shipped).
 */
class StockConservationPropertyTest {

    private static final long SEED = 20261120L;
    private static final int STEPS = 500;
    private static final List<String> SKUS = List.of("sku-bo", "sku-nbo");

    /** The reference: FIFO, everything in the simplest possible form. */
    private static final class ModelLine {
        final String orderId;
        final String sku;
        final int ordered;
        int allocated;
        int backordered;
        int shipped;

        ModelLine(final String orderId, final String sku, final int ordered) {
            this.orderId = orderId;
            this.sku = sku;
            this.ordered = ordered;
        }
    }

    private final Map<String, Integer> onHand = new HashMap<>();
    private final Map<String, ModelLine> lines = new LinkedHashMap<>(); // placement order = FIFO order

    private int available(final String sku) {
        return onHand.getOrDefault(sku, 0) - lines.values().stream().filter(l -> l.sku.equals(sku))
                .mapToInt(l -> l.allocated).sum();
    }

    private void fill(final String sku) {
        for (final ModelLine l : lines.values()) {
            if (l.sku.equals(sku) && l.backordered > 0) {
                final int give = Math.min(available(sku), l.backordered);
                l.backordered -= give;
                l.allocated += give;
            }
        }
    }

    /** What the line events said, per line: allocated, backordered, rejected, cancelled (released + dropped). */
    private final Map<String, int[]> told = new HashMap<>();

    private void account(final List<Object> events) {
        for (final Object e : events) {
            switch (e) {
                case LineAllocated a -> told(a.getOrderId())[0] += a.getQuantity();
                case LineBackordered b -> told(b.getOrderId())[1] += b.getQuantity();
                case LineRejected r -> told(r.getOrderId())[2] += r.getQuantity();
                case LineReleased r -> {
                    told(r.getOrderId())[0] -= r.getQuantity();
                    told(r.getOrderId())[3] += r.getQuantity();
                }
                case BackorderAllocated f -> {
                    told(f.getOrderId())[0] += f.getQuantity();
                    told(f.getOrderId())[1] -= f.getQuantity();
                }
                case BackorderCancelled c -> {
                    told(c.getOrderId())[1] -= c.getQuantity();
                    told(c.getOrderId())[3] += c.getQuantity();
                }
                default -> throw new AssertionError("unexpected " + e);
            }
        }
    }

    private int[] told(final String orderId) {
        return told.computeIfAbsent(orderId, k -> new int[4]);
    }

    @Test
    void stockNeverGoesNegativeNorIsAllocatedTwiceOverARandomSequence() {
        final Random random = new Random(SEED);
        final Map<String, Integer> orderedByOrder = new HashMap<>();
        final Map<String, Integer> shippedByOrder = new HashMap<>();
        try (InventoryDriver inventory = new InventoryDriver()) {
            inventory.policy(SkuPolicy.newBuilder(InventoryDriver.policy("sku-bo")).setMaxWaitDays(60).build())
                    .offer("acme", "sku-bo", 5);
            inventory.policy(SkuPolicy.newBuilder(InventoryDriver.policy("sku-nbo")).setBackorderable(false).build());
            String lastMovement = null;
            String lastMovementSku = null;
            int lastMovementQuantity = 0;
            int orders = 0;
            for (int step = 0; step < STEPS; step++) {
                inventory.at(InventoryDriver.T0.plus(Duration.ofMinutes(step)));
                final String sku = SKUS.get(random.nextInt(SKUS.size()));
                final int dice = random.nextInt(100);
                if (dice < 40) {
                    final String orderId = String.format("o-%05d", ++orders);
                    final int quantity = 1 + random.nextInt(8);
                    inventory.order(orderId, line("1", sku, quantity));
                    orderedByOrder.put(orderId, quantity);
                    final ModelLine l = new ModelLine(orderId, sku, quantity);
                    l.allocated = Math.min(quantity, available(sku));
                    if (sku.equals("sku-bo")) {
                        l.backordered = quantity - l.allocated;
                    }
                    if (l.allocated + l.backordered > 0) {
                        lines.put(orderId, l);
                    }
                } else if (dice < 55 && !lines.isEmpty()) {
                    final ModelLine l = pick(random);
                    // Rule 6: whatever of the line has not shipped goes (allocated units back, the rest dropped).
                    inventory.cancel(l.orderId, "1");
                    lines.remove(l.orderId);
                    fill(l.sku);
                } else if (dice < 75) {
                    final int quantity = 1 + random.nextInt(10);
                    lastMovement = "receipt-" + step;
                    lastMovementSku = sku;
                    lastMovementQuantity = quantity;
                    inventory.receive(sku, quantity, lastMovement, null);
                    onHand.merge(sku, quantity, Integer::sum);
                    fill(sku);
                } else if (dice < 80 && lastMovement != null) {
                    // redelivered (same content: an id reused with other content is dead-lettered instead)
                    inventory.receive(lastMovementSku, lastMovementQuantity, lastMovement, null);
                } else if (dice < 88) {
                    final int delta = random.nextInt(7) - 3;
                    if (delta != 0 && (delta > 0 || -delta <= available(sku))) {
                        inventory.adjust(sku, delta);
                        onHand.merge(sku, delta, Integer::sum);
                        fill(sku);
                    }
                } else if (!lines.isEmpty()) {
                    final ModelLine l = pick(random);
                    if (l.allocated > 0) {
                        final int quantity = 1 + random.nextInt(l.allocated);
                        inventory.ship(l.sku, l.orderId, "1", quantity);
                        l.allocated -= quantity;
                        l.shipped += quantity;
                        onHand.merge(l.sku, -quantity, Integer::sum);
                        shippedByOrder.merge(l.orderId, quantity, Integer::sum);
                        if (l.allocated == 0 && l.backordered == 0) {
                            lines.remove(l.orderId);
                        }
                    }
                }
                account(inventory.lineEvents());
                inventory.stockLevels().forEach(level -> {
                    assertThat(level.getOnHand()).isNotNegative();
                    assertThat(level.getAllocated()).isBetween(0, level.getOnHand());
                    assertThat(level.getAvailable()).isEqualTo(level.getOnHand() - level.getAllocated());
                });
                checkAgainstModel(inventory, step);
            }
            assertThat(inventory.deadLetters("inventory.stock-movements")).isEmpty();
            assertThat(inventory.deadLetters("orders.order-events")).isEmpty();
            orderedByOrder.forEach((orderId, ordered) -> {
                final int[] t = told(orderId);
                final int stillAllocated = t[0] - shippedByOrder.getOrDefault(orderId, 0);
                assertThat(stillAllocated).as("allocated of %s", orderId).isNotNegative();
                assertThat(t[0] + t[1] + t[2] + t[3]).as("units of %s accounted for", orderId).isEqualTo(ordered);
            });
            assertThat(orders).isGreaterThan(STEPS / 4);
        }
    }

    private ModelLine pick(final Random random) {
        final List<ModelLine> open = new ArrayList<>(lines.values());
        return open.get(random.nextInt(open.size()));
    }

    private void checkAgainstModel(final InventoryDriver inventory, final int step) {
        for (final String sku : SKUS) {
            final SkuState book = inventory.book(sku);
            final List<LineState> open = inventory.lines(sku);
            final int modelOnHand = onHand.getOrDefault(sku, 0);
            final int modelAllocated = lines.values().stream().filter(l -> l.sku.equals(sku)).mapToInt(l -> l.allocated).sum();
            final int modelBackordered = lines.values().stream().filter(l -> l.sku.equals(sku)).mapToInt(l -> l.backordered).sum();
            assertThat(book.getOnHand()).as("step %d: on hand of %s", step, sku).isEqualTo(modelOnHand).isNotNegative();
            assertThat(book.getAllocated()).as("step %d: allocated of %s", step, sku).isEqualTo(modelAllocated)
                    .isLessThanOrEqualTo(book.getOnHand());
            assertThat(open.stream().mapToInt(LineState::getAllocated).sum())
                    .as("step %d: lines' allocation of %s", step, sku).isEqualTo(book.getAllocated());
            assertThat(open.stream().mapToInt(LineState::getBackordered).sum())
                    .as("step %d: backordered of %s", step, sku).isEqualTo(modelBackordered);
            assertThat(book.getBackordered()).as("step %d: backordered counter of %s", step, sku)
                    .isEqualTo(modelBackordered);
            assertThat(book.getOpenLines()).as("step %d: open-lines counter of %s", step, sku).isEqualTo(open.size());
            assertThat(book.getBackorderedLines()).as("step %d: backordered-lines counter of %s", step, sku)
                    .isEqualTo((int) open.stream().filter(l -> l.getBackordered() > 0).count());
            if (modelBackordered > 0) {
                assertThat(book.getOnHand() - book.getAllocated()).as("step %d: idle stock while %s has backorders",
                        step, sku).isZero();
            }
            for (final LineState l : open) {
                final ModelLine m = lines.get(l.getOrderId());
                assertThat(m).as("step %d: line %s open in the model", step, l.getOrderId()).isNotNull();
                assertThat(l.getAllocated()).as("step %d: %s allocated", step, l.getOrderId()).isEqualTo(m.allocated);
                assertThat(l.getBackordered()).as("step %d: %s backordered", step, l.getOrderId()).isEqualTo(m.backordered);
            }
        }
    }
}
