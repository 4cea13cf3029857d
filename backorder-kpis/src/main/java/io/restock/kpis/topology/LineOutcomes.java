package io.restock.kpis.topology;

import io.restock.events.BackorderAllocated;
import io.restock.events.BackorderCancelled;
import io.restock.events.DeliveryDateChanged;
import io.restock.events.LineAllocated;
import io.restock.events.LineBackordered;
import io.restock.events.LineDropShipped;
import io.restock.events.LineEvent;
import io.restock.events.LineRejected;
import io.restock.events.RejectionReason;
import io.restock.kpis.internal.DateChange;
import io.restock.kpis.internal.KpiDelta;
import io.restock.kpis.internal.LineStage;
import io.restock.kpis.internal.LineTrack;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Record;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Turns each order line's events ({@code inventory.line-events}) and date changes ({@code promises.delivery-dates},
 * both keyed by orderId, so one line's events arrive in order on one partition) into {@link KpiDelta}s. A line
 * counts once as decided at order time: on {@code LineAllocated}, or on a {@code LineBackordered} /
 * {@code LineRejected} that nothing was allocated before (a partly allocated line is remembered in
 * {@code line-tracks} until its remainder's event); a {@code LineBackordered} with {@code returnedToBackorder} (units the
 * line held went back to the queue) is an open backorder again, never a second decision. A backordered line is followed in {@code line-tracks} until it is
 * filled or its drop-ship units shipped by the supplier (its wait and whether the first promised date was kept) or
 * cancelled; the entry is then removed.
 */
final class LineOutcomes extends TrackingProcessor<LineTrack> {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(4);

    LineOutcomes(final String storeName, final ZoneId zone) {
        super(storeName, zone);
    }

    @Override
    public void process(final Record<String, SpecificRecord> record) {
        final KpiDelta delta = switch (record.value()) {
            case LineEvent e -> switch (e.getEvent()) {
                case LineAllocated a -> allocated(a);
                case LineBackordered b -> backordered(b);
                case LineRejected r -> rejected(r);
                case BackorderAllocated f -> filled(f);
                case BackorderCancelled c -> cancelled(c);
                case LineDropShipped d -> dropShipped(d);
                default -> null;
            };
            case DeliveryDateChanged d -> Deltas.of(d.getEventId(), d.getOccurredAt())
                    .setDateChange(new DateChange(d.getOrderId(), d.getLineId(), d.getSku(), d.getPreviousDate(),
                            d.getNewDate(), d.getReason().name(), d.getOccurredAt()))
                    .build();
            case null, default -> null;
        };
        if (delta != null) {
            forward(delta, record.timestamp());
        }
    }

    private KpiDelta allocated(final LineAllocated a) {
        if (a.getQuantity() < a.getOrderedQuantity()) {
            tracks.put(LineKeys.of(a.getOrderId(), a.getLineId()), new LineTrack(a.getSku(),
                    LineStage.PARTIALLY_ALLOCATED, a.getOccurredAt(), null, 0, ZERO, true, false));
        }
        return Deltas.of(a.getEventId(), a.getOccurredAt()).setLinesDecided(1)
                .setUnitsOrdered(a.getOrderedQuantity()).setUnitsAllocatedAtOrder(a.getQuantity()).build();
    }

    private KpiDelta backordered(final LineBackordered b) {
        final String key = LineKeys.of(b.getOrderId(), b.getLineId());
        final LineTrack track = tracks.get(key);
        if (track != null && track.getStage() == LineStage.WAITING) {
            // Units an allocated, still waiting line got back (a withdrawn shipment): more of the same backorder.
            track.setRemaining(track.getRemaining() + b.getQuantity());
            tracks.put(key, track);
            return Deltas.of(b.getEventId(), b.getOccurredAt())
                    .setOpenBackorders(Deltas.open(b.getSku(), 0, b.getQuantity(), track.getUnitValue())).build();
        }
        // Units a line held and gave back (returnedToBackorder) wait again: an open backorder, not a decision at order
        // time (the line was counted when it was decided, and its first fill, if any, was counted then).
        final boolean partlyAllocated = track != null && !b.getReturnedToBackorder();
        final boolean atOrderTime = !b.getReturnedToBackorder()
                && (partlyAllocated || b.getQuantity() == b.getOrderedQuantity());
        final BigDecimal unitValue = b.getLineValue() == null || b.getOrderedQuantity() <= 0 ? ZERO
                : b.getLineValue().divide(BigDecimal.valueOf(b.getOrderedQuantity()), 4, RoundingMode.HALF_UP);
        tracks.put(key, new LineTrack(b.getSku(), LineStage.WAITING, b.getOccurredAt(), b.getPromisedDate(),
                b.getQuantity(), unitValue, atOrderTime, false));
        final KpiDelta.Builder delta = Deltas.of(b.getEventId(), b.getOccurredAt())
                .setOpenBackorders(Deltas.open(b.getSku(), 1, b.getQuantity(), unitValue));
        if (atOrderTime) {
            delta.setLinesBackordered(1);
            if (!partlyAllocated) {
                delta.setLinesDecided(1).setUnitsOrdered(b.getOrderedQuantity());
            }
        }
        return delta.build();
    }

    private KpiDelta rejected(final LineRejected r) {
        final String key = LineKeys.of(r.getOrderId(), r.getLineId());
        if (r.getReason() != RejectionReason.DUPLICATE_LINE) {
            final LineTrack track = tracks.get(key);
            if (track != null && track.getStage() == LineStage.PARTIALLY_ALLOCATED) {
                tracks.delete(key);
                return null;
            }
        }
        return Deltas.of(r.getEventId(), r.getOccurredAt()).setLinesDecided(1)
                .setUnitsOrdered(Math.max(0, r.getQuantity())).build();
    }

    private KpiDelta filled(final BackorderAllocated f) {
        return served(f.getOrderId(), f.getLineId(), f.getEventId(), f.getOccurredAt(), f.getQuantity(),
                track -> f.getRemainingBackordered());
    }

    /** The supplier shipped a drop-ship line's units to the customer: for the KPIs, the backorder is served. */
    private KpiDelta dropShipped(final LineDropShipped d) {
        return served(d.getOrderId(), d.getLineId(), d.getEventId(), d.getOccurredAt(), d.getQuantity(),
                track -> Math.max(0, track.getRemaining() - d.getQuantity()));
    }

    private KpiDelta served(final String orderId, final String lineId, final String eventId,
                            final java.time.Instant occurredAt, final int quantity,
                            final java.util.function.ToIntFunction<LineTrack> remainingAfter) {
        final String key = LineKeys.of(orderId, lineId);
        final LineTrack track = tracks.get(key);
        if (track == null || track.getStage() != LineStage.WAITING) {
            return null;
        }
        final KpiDelta.Builder delta = Deltas.of(eventId, occurredAt);
        final int remaining = remainingAfter.applyAsInt(track);
        if (remaining > 0) {
            track.setRemaining(remaining);
            tracks.put(key, track);
            return delta.setOpenBackorders(Deltas.open(track.getSku(), 0, -quantity, track.getUnitValue()))
                    .build();
        }
        tracks.delete(key);
        delta.setOpenBackorders(Deltas.open(track.getSku(), -1, -track.getRemaining(), track.getUnitValue()));
        if (track.getCountedAtOrderTime() && !track.getCancelled()) {
            delta.setBackordersFilled(1)
                    .setWaitMillis(occurredAt.toEpochMilli() - track.getOpenedAt().toEpochMilli());
            if (track.getFirstPromisedDate() != null) {
                final LocalDate filledOn = LocalDate.ofInstant(occurredAt, zone);
                final long late = ChronoUnit.DAYS.between(track.getFirstPromisedDate(), filledOn);
                delta.setPromiseKept(late <= 0).setDaysLate((int) Math.max(0, late));
            }
        }
        return delta.build();
    }

    private KpiDelta cancelled(final BackorderCancelled c) {
        final String key = LineKeys.of(c.getOrderId(), c.getLineId());
        final LineTrack track = tracks.get(key);
        if (track == null || track.getStage() != LineStage.WAITING) {
            return null;
        }
        final KpiDelta.Builder delta = Deltas.of(c.getEventId(), c.getOccurredAt());
        if (track.getCountedAtOrderTime() && !track.getCancelled()) {
            delta.setBackordersCancelled(1);
        }
        final int remaining = track.getRemaining() - c.getQuantity();
        if (remaining <= 0) {
            tracks.delete(key);
            delta.setOpenBackorders(Deltas.open(track.getSku(), -1, -track.getRemaining(), track.getUnitValue()));
        } else {
            track.setRemaining(remaining);
            track.setCancelled(true);
            tracks.put(key, track);
            delta.setOpenBackorders(Deltas.open(track.getSku(), 0, -c.getQuantity(), track.getUnitValue()));
        }
        return delta.build();
    }
}
