package io.restock.notifier.topology;

import io.restock.events.CustomerNotificationSuppressed;
import io.restock.events.LineBackordered;
import io.restock.events.NotificationEvent;
import io.restock.events.NotificationKind;
import io.restock.events.OrderLine;
import io.restock.events.OrderPlaced;
import io.restock.events.ShipmentRequested;
import io.restock.events.ShippingPolicy;
import io.restock.events.StockShipped;
import io.restock.notifier.decision.Decider;
import io.restock.notifier.decision.Decision;
import io.restock.notifier.decision.NotificationIds;
import io.restock.notifier.decision.NotifierSettings;
import io.restock.notifier.decision.PendingBook;
import io.restock.notifier.internal.ContactLine;
import io.restock.notifier.internal.Notice;
import io.restock.notifier.internal.OrderContact;
import io.restock.notifier.internal.PendingNotices;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Order-keyed decisions: keeps each order's contact ({@value NotifierTopology#ORDER_CONTACTS}) and its
 * waiting notices ({@value NotifierTopology#PENDING_NOTICES}); a wall-clock punctuation every
 * {@code scanInterval} takes the notices that are due and forwards a {@code NotificationRequested}
 * (to the outbox) or {@code NotificationEvent}s with {@code CustomerNotificationSuppressed} (audit).
 *
 * <p>READY_TO_SHIP follows the order's shipping policy (kept in the contact): a PARTIAL order's line is told
 * when its backorder is filled ({@code BackorderAllocated} with nothing left waiting); a COMPLETE order ships
 * only whole, so its lines' fills are not told on their own (audited {@value #COMPLETE_ORDER}) and the customer
 * is told once, with every line, when inventory-stream asks the warehouse to ship the whole order (the COMPLETE
 * {@code ShipmentRequested} on {@code inventory.shipment-requests}), if a line of it was backordered (an order
 * all in stock at order time is not a notifier concern, as {@code LineAllocated} is not).
 *
 * <p>Why wall-clock and not stream time: stream time only advances when records arrive on the task,
 * so on a quiet partition a lone date change would wait for the next unrelated event. Wall-clock
 * punctuation bounds the delay by window + scan interval. Ids do not depend on timing (they hash the
 * causes), and under exactly-once the store changes and the forwarded records commit together.
 */
final class DecisionProcessor extends ContextualProcessor<String, SpecificRecord, String, SpecificRecord> {

    private static final String UNKNOWN_CUSTOMER = "unknown";
    /** Why a line's READY_TO_SHIP of a COMPLETE order is not told on its own. */
    static final String COMPLETE_ORDER = "COMPLETE_ORDER: told once, when the whole order is ready to ship";

    private final NotifierSettings settings;
    private final Decider decider;
    private KeyValueStore<String, OrderContact> contacts;
    private KeyValueStore<String, PendingNotices> pending;

    DecisionProcessor(final NotifierSettings settings) {
        this.settings = settings;
        this.decider = new Decider(settings);
    }

    @Override
    public void init(final ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        this.contacts = context.getStateStore(NotifierTopology.ORDER_CONTACTS);
        this.pending = context.getStateStore(NotifierTopology.PENDING_NOTICES);
        context.schedule(settings.scanInterval(), PunctuationType.WALL_CLOCK_TIME, this::flushDue);
    }

    @Override
    public void process(final Record<String, SpecificRecord> record) {
        final String orderId = record.key();
        if (orderId == null || record.value() == null) {
            return;
        }
        if (record.value() instanceof OrderPlaced placed) {
            if (contacts.get(orderId) == null) {
                contacts.put(orderId, contact(placed));
            }
            return;
        }
        final OrderContact contact = contacts.get(orderId);
        final boolean complete = contact != null && ShippingPolicy.COMPLETE.name().equals(contact.getShippingPolicy());
        if (record.value() instanceof LineBackordered && contact != null && !contact.getBackordered()) {
            contact.setBackordered(true);
            contacts.put(orderId, contact);
        }
        if (record.value() instanceof StockShipped shipped && contact != null) {
            // The same shipment can be on inventory.stock-movements twice (a warehouse retry after an ambiguous
            // answer, same movement id); inventory-stream applies it once, and the customer hears of it once.
            if (contact.getToldShipments().contains(shipped.getMovementId())) {
                return;
            }
            final List<String> told = new ArrayList<>(contact.getToldShipments());
            told.add(shipped.getMovementId());
            contact.setToldShipments(told);
            contacts.put(orderId, contact);
        }
        if (record.value() instanceof ShipmentRequested request) {
            // A COMPLETE order is ready to ship when its whole-order request goes out: told once, with every line.
            if (complete && contact.getBackordered() && request.getShippingPolicy() == ShippingPolicy.COMPLETE) {
                final List<Notice> ready = Notices.readyToShip(request);
                for (final Notice notice : ready) {
                    add(orderId, new Notices.Translation(notice, null));
                }
            }
            return;
        }
        final Notices.Translation translation = Notices.of(record.value());
        if (translation.notice() == null) {
            return;
        }
        if (complete && translation.suppressedReason() == null
                && NotificationKind.READY_TO_SHIP.name().equals(translation.notice().getKind())) {
            suppress(orderId, List.of(translation.notice()), COMPLETE_ORDER, context().currentSystemTimeMs());
            return;
        }
        add(orderId, translation);
    }

    private void add(final String orderId, final Notices.Translation translation) {
        final long now = context().currentSystemTimeMs();
        if (translation.suppressedReason() != null) {
            suppress(orderId, List.of(translation.notice()), translation.suppressedReason(), now);
            return;
        }
        final PendingNotices waiting = pending.get(orderId);
        final PendingBook book = new PendingBook(waiting == null ? List.of() : waiting.getNotices());
        final List<Notice> superseded = book.add(translation.notice(), now, settings);
        for (final Notice old : superseded) {
            suppress(orderId, List.of(old), "SUPERSEDED: line " + old.getLineId() + " is "
                    + translation.notice().getKind(), now);
        }
        pending.put(orderId, new PendingNotices(orderId, book.notices()));
    }

    private void flushDue(final long now) {
        final List<KeyValue<String, PendingNotices>> all = new ArrayList<>();
        try (KeyValueIterator<String, PendingNotices> it = pending.all()) {
            it.forEachRemaining(all::add);
        }
        for (final KeyValue<String, PendingNotices> entry : all) {
            final PendingBook book = new PendingBook(entry.value.getNotices());
            final List<Notice> due = book.takeDue(now);
            if (due.isEmpty()) {
                continue;
            }
            final OrderContact contact = contacts.get(entry.key);
            final Decision decision = decider.decide(entry.key, due, contact, now);
            for (final Decision.Suppression s : decision.suppressed()) {
                suppress(entry.key, s.notices(), s.reason(), now);
            }
            decision.send().ifPresent(request -> context().forward(new Record<>(entry.key, request, now)));
            if (contact != null) {
                contacts.put(entry.key, contact);
            }
            if (book.isEmpty()) {
                pending.delete(entry.key);
            } else {
                pending.put(entry.key, new PendingNotices(entry.key, book.notices()));
            }
        }
    }

    private void suppress(final String orderId, final List<Notice> notices, final String reason, final long now) {
        final OrderContact contact = contacts.get(orderId);
        final List<String> causes = Decider.causes(notices);
        final String notificationId = NotificationIds.of(causes);
        final CustomerNotificationSuppressed event = CustomerNotificationSuppressed.newBuilder()
                .setEventId(NotificationIds.auditEventId(notificationId, "suppressed"))
                .setOccurredAt(Instant.ofEpochMilli(now))
                .setNotificationId(notificationId)
                .setOrderId(orderId)
                .setLineIds(notices.stream().map(Notice::getLineId).distinct().toList())
                .setCustomerId(contact == null ? UNKNOWN_CUSTOMER : contact.getCustomerId())
                .setKind(NotificationKind.valueOf(notices.getFirst().getKind()))
                .setReason(reason)
                .setCauseEventIds(causes)
                .build();
        context().forward(new Record<>(orderId, new NotificationEvent(event), now));
    }

    private static OrderContact contact(final OrderPlaced placed) {
        final List<ContactLine> lines = new ArrayList<>();
        for (final OrderLine line : placed.getLines()) {
            lines.add(new ContactLine(line.getLineId(), line.getSku(), line.getQuantity(), (LocalDate) null, false));
        }
        return new OrderContact(placed.getOrderId(), placed.getShopId(), placed.getCustomer().getCustomerId(),
                placed.getCustomer().getEmail(), placed.getCustomer().getLocale(), lines,
                placed.getShippingPolicy().name(), false, new ArrayList<>());
    }
}
