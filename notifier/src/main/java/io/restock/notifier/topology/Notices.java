package io.restock.notifier.topology;

import io.restock.events.BackorderAllocated;
import io.restock.events.BackorderCancelled;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.LineBackordered;
import io.restock.events.LineDropShipped;
import io.restock.events.LineRejected;
import io.restock.events.LineReleased;
import io.restock.events.NotificationKind;
import io.restock.events.RejectionReason;
import io.restock.events.ShipmentRequested;
import io.restock.events.StockShipped;
import io.restock.events.Substitute;
import io.restock.notifier.internal.Notice;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates input events into notices (what to tell about one line), or into a reason not to tell:
 * <ul>
 *   <li>{@code LineBackordered} → BACKORDER_OPENED with the promised date;</li>
 *   <li>{@code DeliveryDateChanged} → DELIVERY_DATE_CHANGED;</li>
 *   <li>{@code BackorderAllocated} with nothing left waiting → READY_TO_SHIP; a partial fill
 *       ({@code remainingBackordered > 0}) is not told: the customer hears once, when the whole line
 *       is ready (audited as {@code PARTIAL_FILL}); one with a {@code shipmentMovementId} names waiting units the
 *       warehouse shipped already: not ready to ship but shipped, told by that shipment's {@code StockShipped}
 *       (audited as {@value #ALREADY_SHIPPED}&lt;movement id&gt;);</li>
 *   <li>{@code StockShipped} → SHIPPED with carrier and tracking number;</li>
 *   <li>{@code LineDropShipped} → SHIPPED (the supplier shipped the line straight to the customer);</li>
 *   <li>{@code LineReleased}, {@code BackorderCancelled} → CANCELLED;</li>
 *   <li>{@code LineRejected} → REJECTED with substitutes, except {@code DUPLICATE_LINE} (it is about a
 *       repeated line id, while the line with that id stands: audited as {@code DUPLICATE_LINE}).</li>
 * </ul>
 * {@code LineAllocated} (in stock at order time) is not a notifier concern and yields nothing.
 */
final class Notices {

    /** Why waiting units the warehouse shipped already are not told ready to ship (the movement id follows). */
    static final String ALREADY_SHIPPED = "ALREADY_SHIPPED: told by the shipment ";

    private Notices() {
    }

    /** A notice, or a suppression reason, or neither (not a notifier concern). */
    record Translation(Notice notice, String suppressedReason) {
        static Translation none() {
            return new Translation(null, null);
        }
    }

    static Translation of(final Object event) {
        return switch (event) {
            case LineBackordered e -> tell(notice(NotificationKind.BACKORDER_OPENED, e.getLineId(), e.getSku(),
                    e.getQuantity(), e.getEventId()).setDate(e.getPromisedDate()));
            case DeliveryDateChanged e -> tell(notice(NotificationKind.DELIVERY_DATE_CHANGED, e.getLineId(), e.getSku(),
                    0, e.getEventId()).setDate(e.getNewDate()).setPreviousDate(e.getPreviousDate()));
            case BackorderAllocated e when e.getShipmentMovementId() != null -> new Translation(notice(
                    NotificationKind.READY_TO_SHIP, e.getLineId(), e.getSku(), e.getQuantity(), e.getEventId()).build(),
                    ALREADY_SHIPPED + e.getShipmentMovementId());
            case BackorderAllocated e -> {
                final Notice.Builder n = notice(NotificationKind.READY_TO_SHIP, e.getLineId(), e.getSku(),
                        e.getQuantity(), e.getEventId());
                yield e.getRemainingBackordered() > 0 ? new Translation(n.build(), "PARTIAL_FILL: "
                        + e.getRemainingBackordered() + " unit(s) still waiting") : tell(n);
            }
            case StockShipped e -> tell(notice(NotificationKind.SHIPPED, e.getLineId(), e.getSku(), e.getQuantity(),
                    e.getEventId()).setCarrier(e.getCarrier()).setTrackingNumber(e.getTrackingNumber()));
            case LineDropShipped e -> tell(notice(NotificationKind.SHIPPED, e.getLineId(), e.getSku(), e.getQuantity(),
                    e.getEventId()));
            case LineReleased e -> tell(notice(NotificationKind.CANCELLED, e.getLineId(), e.getSku(), e.getQuantity(),
                    e.getEventId()));
            case BackorderCancelled e -> tell(notice(NotificationKind.CANCELLED, e.getLineId(), e.getSku(),
                    e.getQuantity(), e.getEventId()));
            case LineRejected e -> {
                final Notice.Builder n = notice(NotificationKind.REJECTED, e.getLineId(), e.getSku(), e.getQuantity(),
                        e.getEventId()).setReason(e.getReason().name())
                        .setSubstitutes(new ArrayList<>(e.getSubstitutes().stream().map(Substitute::getSku).toList()));
                yield e.getReason() == RejectionReason.DUPLICATE_LINE
                        ? new Translation(n.build(), "DUPLICATE_LINE") : tell(n);
            }
            default -> Translation.none();
        };
    }

    /** READY_TO_SHIP for each line of a COMPLETE order's whole-order shipment request (one cause: the request). */
    static List<Notice> readyToShip(final ShipmentRequested request) {
        return request.getLines().stream().map(l -> notice(NotificationKind.READY_TO_SHIP, l.getLineId(), l.getSku(),
                l.getQuantity(), request.getEventId()).build()).toList();
    }

    private static Translation tell(final Notice.Builder builder) {
        return new Translation(builder.build(), null);
    }

    private static Notice.Builder notice(final NotificationKind kind, final String lineId, final String sku,
                                         final int quantity, final String eventId) {
        return Notice.newBuilder().setKind(kind.name()).setLineId(lineId).setSku(sku).setQuantity(quantity)
                .setDate((LocalDate) null).setPreviousDate((LocalDate) null).setCarrier(null).setTrackingNumber(null)
                .setReason(null).setSubstitutes(new ArrayList<>()).setCauseEventIds(new ArrayList<>(List.of(eventId)))
                .setReceivedAt(0L).setDueAt(0L);
    }
}
