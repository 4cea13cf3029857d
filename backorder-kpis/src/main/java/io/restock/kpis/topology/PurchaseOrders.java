package io.restock.kpis.topology;

import io.restock.events.AcknowledgedLine;
import io.restock.events.LinePromise;
import io.restock.events.LineQuantity;
import io.restock.events.PromisedDateChanged;
import io.restock.events.PurchaseOrderAcknowledged;
import io.restock.events.PurchaseOrderAmended;
import io.restock.events.PurchaseOrderCancelled;
import io.restock.events.PurchaseOrderEvent;
import io.restock.events.PurchaseOrderIssued;
import io.restock.events.PurchaseOrderLine;
import io.restock.events.PurchaseOrderRejected;
import io.restock.events.SupplierEvent;
import io.restock.kpis.internal.KpiDelta;
import io.restock.kpis.internal.PurchaseOrderLineTrack;
import io.restock.kpis.internal.PurchaseOrderTrack;
import io.restock.kpis.internal.ReceiptAgainstOrder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;

/**
 * Follows each purchase order (key purchaseOrderId) from {@code procurement.purchase-orders},
 * {@code procurement.supplier-events} and the receipts against its lines ({@code inventory.stock-movements}
 * re-keyed by purchase order) in {@code purchase-order-tracks}: in flight from {@code PurchaseOrderIssued} until
 * every line is received in full, cancelled or rejected (then the entry is removed), and each line's first receipt
 * judged against the date the supplier promised last before it (acknowledgement or promised-date change).
 * Answers that overtake their order's issue start the entry; an answer or receipt for an order never seen is
 * ignored.
 */
final class PurchaseOrders extends TrackingProcessor<PurchaseOrderTrack> {

    PurchaseOrders(final String storeName, final ZoneId zone) {
        super(storeName, zone);
    }

    @Override
    public void process(final Record<String, SpecificRecord> record) {
        final String id = record.key();
        if (id == null) {
            return;
        }
        PurchaseOrderTrack track = tracks.get(id);
        final boolean wasInFlight = track != null && track.getIssued() && !allClosed(track);
        final KpiDelta.Builder delta;
        switch (record.value()) {
            case PurchaseOrderEvent e -> {
                switch (e.getEvent()) {
                    case PurchaseOrderIssued issued -> {
                        if (track == null) {
                            track = new PurchaseOrderTrack(issued.getSupplierId(), false, new HashMap<>());
                        }
                        if (track.getIssued()) {
                            return;
                        }
                        track.setIssued(true);
                        for (final PurchaseOrderLine line : issued.getLines()) {
                            final PurchaseOrderLineTrack l = line(track, line.getLineId());
                            l.setOrdered(line.getQuantity());
                            l.setClosed(l.getClosed() || l.getReceived() >= l.getOrdered());
                        }
                        delta = Deltas.of(issued.getEventId(), issued.getOccurredAt()).setPurchaseOrdersIssued(1);
                    }
                    case PurchaseOrderAmended amended -> {
                        if (track == null) {
                            return;
                        }
                        for (final LineQuantity q : amended.getLines()) {
                            final PurchaseOrderLineTrack l = line(track, q.getLineId());
                            l.setOrdered(q.getQuantity());
                            l.setClosed(l.getClosed() || l.getReceived() >= l.getOrdered());
                        }
                        delta = Deltas.of(amended.getEventId(), amended.getOccurredAt());
                    }
                    case PurchaseOrderCancelled cancelled -> {
                        if (track == null) {
                            return;
                        }
                        close(track, cancelled.getLineIds());
                        delta = Deltas.of(cancelled.getEventId(), cancelled.getOccurredAt());
                    }
                    default -> {
                        return;
                    }
                }
            }
            case SupplierEvent s -> {
                switch (s.getEvent()) {
                    case PurchaseOrderAcknowledged ack -> {
                        track = orNew(track, ack.getSupplierId());
                        for (final AcknowledgedLine line : ack.getLines()) {
                            final PurchaseOrderLineTrack l = line(track, line.getLineId());
                            l.setPromisedDate(line.getPromisedDate());
                            l.setOrdered(line.getAcceptedQuantity());
                            l.setClosed(l.getClosed() || l.getReceived() >= l.getOrdered());
                        }
                        delta = Deltas.of(ack.getEventId(), ack.getOccurredAt());
                    }
                    case PromisedDateChanged changed -> {
                        track = orNew(track, changed.getSupplierId());
                        for (final LinePromise promise : changed.getLines()) {
                            line(track, promise.getLineId()).setPromisedDate(promise.getPromisedDate());
                        }
                        delta = Deltas.of(changed.getEventId(), changed.getOccurredAt());
                    }
                    case PurchaseOrderRejected rejected -> {
                        track = orNew(track, rejected.getSupplierId());
                        close(track, rejected.getLineIds());
                        delta = Deltas.of(rejected.getEventId(), rejected.getOccurredAt());
                    }
                    default -> {
                        return;
                    }
                }
            }
            case ReceiptAgainstOrder receipt -> {
                if (track == null || !track.getLines().containsKey(receipt.getLineId())) {
                    return;
                }
                final PurchaseOrderLineTrack l = track.getLines().get(receipt.getLineId());
                delta = Deltas.of(receipt.getEventId(), receipt.getReceivedAt());
                l.setReceived(l.getReceived() + receipt.getQuantity());
                if (!l.getDeliveryCounted() && l.getPromisedDate() != null) {
                    l.setDeliveryCounted(true);
                    final LocalDate arrived = LocalDate.ofInstant(receipt.getReceivedAt(), zone);
                    delta.setSupplierId(track.getSupplierId())
                            .setSupplierDelivered(!arrived.isAfter(l.getPromisedDate()));
                }
                l.setClosed(l.getClosed() || (l.getOrdered() > 0 && l.getReceived() >= l.getOrdered()));
            }
            case null, default -> {
                return;
            }
        }
        final boolean inFlight = track.getIssued() && !allClosed(track);
        if (wasInFlight != inFlight) {
            delta.setPurchaseOrdersInFlight(inFlight ? 1 : -1);
        }
        if (track.getIssued() && allClosed(track)) {
            tracks.delete(id);
        } else {
            tracks.put(id, track);
        }
        forward(delta.build(), record.timestamp());
    }

    private static PurchaseOrderTrack orNew(final PurchaseOrderTrack track, final String supplierId) {
        return track != null ? track : new PurchaseOrderTrack(supplierId, false, new HashMap<>());
    }

    private static PurchaseOrderLineTrack line(final PurchaseOrderTrack track, final String lineId) {
        return track.getLines().computeIfAbsent(lineId, id -> new PurchaseOrderLineTrack(0, 0, null, false, false));
    }

    /** Closes the named lines, or every line for an empty list (the whole order). */
    private static void close(final PurchaseOrderTrack track, final List<String> lineIds) {
        if (lineIds.isEmpty()) {
            track.getLines().values().forEach(l -> l.setClosed(true));
        } else {
            lineIds.forEach(id -> line(track, id).setClosed(true));
        }
    }

    private static boolean allClosed(final PurchaseOrderTrack track) {
        return track.getLines().values().stream().allMatch(PurchaseOrderLineTrack::getClosed);
    }

    static ReceiptAgainstOrder receipt(final String eventId, final String purchaseOrderId, final String lineId,
                                       final int quantity, final Instant at) {
        return new ReceiptAgainstOrder(eventId, purchaseOrderId, lineId, quantity, at);
    }
}
