package io.restock.backorder.plan;

import io.restock.allocation.rules.Supply;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A purchase-order line for the SKU and what the supplier said about it. Any order of supplier
 * messages gives the same line: an acknowledgement sets the accepted quantity and date whether it
 * comes before or after a shipment notice; shipments are kept by id (a repeated notice changes
 * nothing); the latest promised date wins.
 *
 * <p>A drop-ship line ({@link #isDropShip()}) is one customer line's units the supplier ships straight to the
 * customer: it is never inbound stock, never on order and never received here; its state is published in the
 * schedule's {@code dropShipLines} ({@link #dropShipStatus()}).
 */
public final class PoLine {

    /** Units shipped in one shipment, expected at the warehouse on {@code arrival}. */
    public record Shipment(String shipmentId, int quantity, LocalDate arrival) {
    }

    private final String purchaseOrderId;
    private final String lineId;
    private final String supplierId;
    private int ordered;
    private Integer accepted;
    private boolean rejected;
    private boolean cancelled;
    private final LocalDate requestedDate;
    private LocalDate promisedDate;
    private final Map<String, Shipment> shipments;
    private int received;
    private boolean observed;
    private final String dropShipOrderId;
    private final String dropShipLineId;

    /** What a drop-ship line's customer line is told: ordered, shipped by the supplier, or back to the queue. */
    public enum DropShipStatus { ORDERED, SHIPPED, REJECTED }

    public PoLine(final String purchaseOrderId, final String lineId, final String supplierId, final int ordered,
                  final Integer accepted, final boolean rejected, final boolean cancelled,
                  final LocalDate requestedDate, final LocalDate promisedDate, final List<Shipment> shipments,
                  final int received, final boolean observed, final String dropShipOrderId,
                  final String dropShipLineId) {
        this.purchaseOrderId = purchaseOrderId;
        this.lineId = lineId;
        this.supplierId = supplierId;
        this.ordered = ordered;
        this.accepted = accepted;
        this.rejected = rejected;
        this.cancelled = cancelled;
        this.requestedDate = requestedDate;
        this.promisedDate = promisedDate;
        this.shipments = new LinkedHashMap<>();
        shipments.forEach(s -> this.shipments.put(s.shipmentId(), s));
        this.received = received;
        this.observed = observed;
        this.dropShipOrderId = dropShipOrderId;
        this.dropShipLineId = dropShipLineId;
    }

    static PoLine issued(final String purchaseOrderId, final String lineId, final String supplierId, final int quantity,
                         final LocalDate requestedDate) {
        return new PoLine(purchaseOrderId, lineId, supplierId, quantity, null, false, false, requestedDate, null,
                List.of(), 0, false, null, null);
    }

    static PoLine dropShip(final String purchaseOrderId, final String lineId, final String supplierId,
                           final int quantity, final LocalDate requestedDate, final String orderId,
                           final String orderLineId) {
        return new PoLine(purchaseOrderId, lineId, supplierId, quantity, null, false, false, requestedDate, null,
                List.of(), 0, false, orderId, orderLineId);
    }

    public boolean isDropShip() {
        return dropShipOrderId != null;
    }

    public String dropShipOrderId() {
        return dropShipOrderId;
    }

    public String dropShipLineId() {
        return dropShipLineId;
    }

    /** Units the supplier's shipment notices cover. */
    public int shippedQuantity() {
        return shipments.values().stream().mapToInt(Shipment::quantity).sum();
    }

    /**
     * A drop-ship line is REJECTED once rejected, cancelled or acknowledged short (the customer's quantity is
     * all or nothing), SHIPPED once shipment notices cover it, else ORDERED.
     */
    public DropShipStatus dropShipStatus() {
        if (rejected || cancelled || accepted != null && accepted < ordered) {
            return DropShipStatus.REJECTED;
        }
        return shippedQuantity() >= ordered ? DropShipStatus.SHIPPED : DropShipStatus.ORDERED;
    }

    public String purchaseOrderId() {
        return purchaseOrderId;
    }

    public String lineId() {
        return lineId;
    }

    public String supplierId() {
        return supplierId;
    }

    public int ordered() {
        return ordered;
    }

    public Integer accepted() {
        return accepted;
    }

    public boolean rejected() {
        return rejected;
    }

    public boolean cancelled() {
        return cancelled;
    }

    public LocalDate requestedDate() {
        return requestedDate;
    }

    public LocalDate promisedDate() {
        return promisedDate;
    }

    public List<Shipment> shipments() {
        return List.copyOf(shipments.values());
    }

    public int received() {
        return received;
    }

    public boolean observed() {
        return observed;
    }

    boolean is(final String po, final String line) {
        return purchaseOrderId.equals(po) && lineId.equals(line);
    }

    /** The supplier answered (an acknowledgement or a promised date). */
    public boolean acknowledged() {
        return accepted != null || promisedDate != null || rejected;
    }

    /** Units this line will bring in total: 0 once rejected or cancelled, else accepted, else ordered. */
    public int effective() {
        if (rejected || cancelled) {
            return 0;
        }
        return accepted != null ? accepted : ordered;
    }

    /** Units still to arrive. */
    public int remaining() {
        return Math.max(0, effective() - received);
    }

    /** The date the units not yet shipped are expected: the supplier's promise, else the requested date. */
    public LocalDate expected() {
        return promisedDate != null ? promisedDate : requestedDate;
    }

    /**
     * The remaining units by expected date: shipped units not yet received at their shipments'
     * arrival dates (earliest shipments count as received first), the rest at {@link #expected()}:
     * {@link #arrivals()} with the received units taken off the first.
     */
    List<Supply.Inbound> schedule() {
        return Supply.Inbound.stillToCome(arrivals(), received, remaining());
    }

    /**
     * Every unit the line brings by expected date, received or not (the schedule's view; the reader
     * takes received units off the earliest): shipped units at their shipments' arrival dates, the
     * rest at {@link #expected()}.
     */
    public List<Supply.Inbound> arrivals() {
        final List<Supply.Inbound> out = new ArrayList<>();
        int left = effective();
        for (final Shipment s : shipments.values().stream().sorted(Comparator.comparing(Shipment::arrival)).toList()) {
            final int counted = Math.min(s.quantity(), left);
            if (counted > 0) {
                out.add(new Supply.Inbound(s.arrival(), counted));
                left -= counted;
            }
        }
        if (left > 0) {
            out.add(new Supply.Inbound(expected(), left));
        }
        return out;
    }

    // ---- what the supplier said, and what we changed

    void acknowledge(final int acceptedQuantity, final LocalDate date) {
        accepted = acceptedQuantity;
        promisedDate = date;
        if (acceptedQuantity == 0) {
            rejected = true;
        }
    }

    void reject() {
        rejected = true;
    }

    void promise(final LocalDate date) {
        promisedDate = date;
    }

    boolean ship(final Shipment shipment) {
        return shipments.putIfAbsent(shipment.shipmentId(), shipment) == null;
    }

    void receive(final int units) {
        received += units;
    }

    void markObserved() {
        observed = true;
    }

    void amend(final int quantity) {
        ordered = quantity;
    }

    void cancel() {
        cancelled = true;
    }
}
