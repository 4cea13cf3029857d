package io.restock.suppliergateway.answers;

import com.fasterxml.jackson.databind.JsonNode;
import io.restock.events.AcknowledgedLine;
import io.restock.events.LinePromise;
import io.restock.events.PromisedDateChanged;
import io.restock.events.PurchaseOrderAcknowledged;
import io.restock.events.PurchaseOrderRejected;
import io.restock.events.ShipmentDispatched;
import io.restock.events.ShippedLine;
import io.restock.events.SupplierEvent;
import io.restock.service.json.JsonFields;
import io.restock.service.problem.Violation;
import io.restock.suppliergateway.purchaseorders.PurchaseOrderView;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a supplier's answer (JSON) about one of its purchase orders into a {@code SupplierEvent}, or says
 * why not: {@link Outcome.Invalid} (400: missing, mistyped, unknown fields) or {@link Outcome.Refused}
 * (422: well-formed but not fitting the order). The rules:
 * <ul>
 *   <li>a line must exist on the order and not be cancelled; the order must not be cancelled;</li>
 *   <li>an accepted quantity, and a quantity in one shipment notice, may not exceed the ordered quantity
 *       (over-delivery is arranged with the buyer, not announced); 0 accepted rejects the line;</li>
 *   <li>promised dates and expected arrival may not be before today (the gateway's zone, UTC by default);</li>
 *   <li>a line may appear once per answer.</li>
 * </ul>
 * Pure: ids and the clock are passed in.
 */
public final class Answers {

    /** The result of reading an answer. */
    public sealed interface Outcome {
        record Accepted(SupplierEvent event) implements Outcome {
        }

        record Invalid(List<Violation> violations) implements Outcome {
        }

        record Refused(List<Violation> violations) implements Outcome {
        }
    }

    /** Who answers, about what, when; the ids of the event to write. */
    public record Context(String supplierId, PurchaseOrderView purchaseOrder, String messageId, String eventId,
                          Instant now, LocalDate today) {
    }

    public static final String ACCEPT = "ACCEPT";
    public static final String REJECT = "REJECT";

    private Answers() {
    }

    /** The {@code messageId} of any answer body, or null if it has none (then {@link #read} reports it). */
    public static String messageId(final JsonNode body) {
        final JsonNode id = body == null ? null : body.get("messageId");
        return id != null && id.isTextual() && !id.textValue().isBlank() && id.textValue().length() <= JsonFields.MAX_TEXT
                ? id.textValue().strip() : null;
    }

    /** Which kind of answer a path segment names. */
    public enum Kind {
        ACKNOWLEDGEMENT, PROMISED_DATES, SHIPMENT
    }

    public static Outcome read(final Kind kind, final JsonNode body, final Context context) {
        return switch (kind) {
            case ACKNOWLEDGEMENT -> acknowledgement(body, context);
            case PROMISED_DATES -> promisedDates(body, context);
            case SHIPMENT -> shipment(body, context);
        };
    }

    /**
     * {@code {"messageId", "decision": "ACCEPT", "promisedDate"?, "lines"?: [{"lineId", "acceptedQuantity"?, "promisedDate"?}]}}:
     * every open line is accepted, at its listed quantity (default: the ordered one) and date (default:
     * the top-level {@code promisedDate}). {@code {"messageId", "decision": "REJECT", "reason", "lineIds"?}}:
     * the listed lines, or with none the whole order, are rejected.
     */
    static Outcome acknowledgement(final JsonNode body, final Context c) {
        final JsonFields f = JsonFields.of(body, Set.of("messageId", "decision", "promisedDate", "lines", "reason", "lineIds"));
        f.text("messageId", true);
        final String decision = f.text("decision", true);
        if (decision != null && !decision.equals(ACCEPT) && !decision.equals(REJECT)) {
            f.add("decision", "unknown-decision", "must be ACCEPT or REJECT");
        }
        if (REJECT.equals(decision)) {
            final String reason = f.text("reason", true);
            final List<String> lineIds = f.has("lineIds") ? f.textList("lineIds") : List.of();
            if (!f.violations().isEmpty()) {
                return new Outcome.Invalid(f.violations());
            }
            final List<Violation> refused = new ArrayList<>();
            orderOpen(c, refused);
            final Set<String> seen = new HashSet<>();
            for (int i = 0; i < lineIds.size(); i++) {
                openLine(c, lineIds.get(i), "lineIds[" + i + "]", seen, refused);
            }
            return refused.isEmpty()
                    ? new Outcome.Accepted(new SupplierEvent(new PurchaseOrderRejected(c.eventId(), c.now(),
                    c.purchaseOrder().purchaseOrderId(), c.supplierId(), c.messageId(), lineIds, reason)))
                    : new Outcome.Refused(refused);
        }
        final LocalDate defaultDate = f.date("promisedDate", false);
        final List<JsonFields> items = f.objects("lines", false, Set.of("lineId", "acceptedQuantity", "promisedDate"));
        record Item(String lineId, Integer quantity, LocalDate date) {
        }
        final List<Item> listed = new ArrayList<>();
        if (items != null) {
            for (final JsonFields item : items) {
                listed.add(new Item(item.text("lineId", true), item.integer("acceptedQuantity", false, 0, Integer.MAX_VALUE),
                        item.date("promisedDate", false)));
            }
        }
        if (!f.violations().isEmpty()) {
            return new Outcome.Invalid(f.violations());
        }
        final List<Violation> refused = new ArrayList<>();
        orderOpen(c, refused);
        final Set<String> seen = new HashSet<>();
        final Map<String, Item> byLine = new LinkedHashMap<>();
        for (int i = 0; i < listed.size(); i++) {
            final Item item = listed.get(i);
            final String at = "lines[" + i + "]";
            final PurchaseOrderView.Line line = openLine(c, item.lineId(), at + ".lineId", seen, refused);
            if (line == null) {
                continue;
            }
            if (item.quantity() != null && item.quantity() > line.quantity()) {
                refused.add(new Violation(at + ".acceptedQuantity", "quantity-above-ordered",
                        "line " + line.lineId() + " was ordered " + line.quantity() + "; accept at most that"));
            }
            notPast(item.date(), at + ".promisedDate", c, refused);
            byLine.put(line.lineId(), item);
        }
        notPast(defaultDate, "promisedDate", c, refused);
        final List<AcknowledgedLine> lines = new ArrayList<>();
        for (final PurchaseOrderView.Line line : c.purchaseOrder().lines()) {
            if (line.cancelled()) {
                continue;
            }
            final Item item = byLine.get(line.lineId());
            final LocalDate date = item != null && item.date() != null ? item.date() : defaultDate;
            if (date == null) {
                refused.add(new Violation("promisedDate", "promised-date-missing",
                        "line " + line.lineId() + " has no promised date: give one per line or a top-level promisedDate"));
                continue;
            }
            final int quantity = item != null && item.quantity() != null ? item.quantity() : line.quantity();
            lines.add(new AcknowledgedLine(line.lineId(), quantity, date));
        }
        return refused.isEmpty()
                ? new Outcome.Accepted(new SupplierEvent(new PurchaseOrderAcknowledged(c.eventId(), c.now(),
                c.purchaseOrder().purchaseOrderId(), c.supplierId(), c.messageId(), lines)))
                : new Outcome.Refused(refused);
    }

    /** {@code {"messageId", "lines": [{"lineId", "promisedDate"}]}}. */
    static Outcome promisedDates(final JsonNode body, final Context c) {
        final JsonFields f = JsonFields.of(body, Set.of("messageId", "lines"));
        f.text("messageId", true);
        final List<LineValue<LocalDate>> dates = lines(f, "promisedDate", item -> item.date("promisedDate", true));
        if (!f.violations().isEmpty()) {
            return new Outcome.Invalid(f.violations());
        }
        final List<Violation> refused = new ArrayList<>();
        orderOpen(c, refused);
        final Set<String> seen = new HashSet<>();
        final List<LinePromise> promises = new ArrayList<>();
        for (int i = 0; i < dates.size(); i++) {
            final LineValue<LocalDate> date = dates.get(i);
            openLine(c, date.lineId(), "lines[" + i + "].lineId", seen, refused);
            notPast(date.value(), "lines[" + i + "].promisedDate", c, refused);
            promises.add(new LinePromise(date.lineId(), date.value()));
        }
        return refused.isEmpty()
                ? new Outcome.Accepted(new SupplierEvent(new PromisedDateChanged(c.eventId(), c.now(),
                c.purchaseOrder().purchaseOrderId(), c.supplierId(), c.messageId(), promises)))
                : new Outcome.Refused(refused);
    }

    /** {@code {"messageId", "shipmentId", "expectedArrival", "carrier"?, "trackingNumber"?, "lines": [{"lineId", "quantity"}]}}. */
    static Outcome shipment(final JsonNode body, final Context c) {
        final JsonFields f = JsonFields.of(body, Set.of("messageId", "shipmentId", "expectedArrival", "carrier",
                "trackingNumber", "lines"));
        f.text("messageId", true);
        final String shipmentId = f.text("shipmentId", true);
        final LocalDate arrival = f.date("expectedArrival", true);
        final String carrier = f.text("carrier", false);
        final String tracking = f.text("trackingNumber", false);
        final List<LineValue<Integer>> quantities = lines(f, "quantity",
                item -> item.integer("quantity", true, 1, Integer.MAX_VALUE));
        if (!f.violations().isEmpty()) {
            return new Outcome.Invalid(f.violations());
        }
        final List<Violation> refused = new ArrayList<>();
        orderOpen(c, refused);
        notPast(arrival, "expectedArrival", c, refused);
        final Set<String> seen = new HashSet<>();
        final List<ShippedLine> lines = new ArrayList<>();
        for (int i = 0; i < quantities.size(); i++) {
            final LineValue<Integer> shipped = quantities.get(i);
            final PurchaseOrderView.Line line = openLine(c, shipped.lineId(), "lines[" + i + "].lineId", seen, refused);
            if (line != null && shipped.value() > line.quantity()) {
                refused.add(new Violation("lines[" + i + "].quantity", "quantity-above-ordered",
                        "line " + line.lineId() + " was ordered " + line.quantity() + "; ship at most that"));
            }
            lines.add(new ShippedLine(shipped.lineId(), shipped.value()));
        }
        return refused.isEmpty()
                ? new Outcome.Accepted(new SupplierEvent(new ShipmentDispatched(c.eventId(), c.now(),
                c.purchaseOrder().purchaseOrderId(), c.supplierId(), c.messageId(), shipmentId, arrival, carrier,
                tracking, lines)))
                : new Outcome.Refused(refused);
    }

    /** A line's id and one value the supplier gave for it. */
    private record LineValue<T>(String lineId, T value) {
    }

    /**
     * The objects of the required array {@code lines}, each with a {@code lineId} and the field {@code valueField}
     * that {@code read} takes; what cannot be read is in {@code f}'s violations.
     */
    private static <T> List<LineValue<T>> lines(final JsonFields f, final String valueField,
                                               final Function<JsonFields, T> read) {
        final List<JsonFields> items = f.objects("lines", true, Set.of("lineId", valueField));
        final List<LineValue<T>> lines = new ArrayList<>();
        if (items != null) {
            for (final JsonFields item : items) {
                lines.add(new LineValue<>(item.text("lineId", true), read.apply(item)));
            }
        }
        return lines;
    }

    private static void orderOpen(final Context c, final List<Violation> refused) {
        if (c.purchaseOrder().cancelled()) {
            refused.add(new Violation("", "purchase-order-cancelled",
                    "purchase order " + c.purchaseOrder().purchaseOrderId() + " was cancelled"));
        }
    }

    private static PurchaseOrderView.Line openLine(final Context c, final String lineId, final String field,
                                                   final Set<String> seen, final List<Violation> refused) {
        if (!seen.add(lineId)) {
            refused.add(new Violation(field, "duplicate-line", "line " + lineId + " appears more than once"));
            return null;
        }
        final PurchaseOrderView.Line line = c.purchaseOrder().line(lineId).orElse(null);
        if (line == null) {
            refused.add(new Violation(field, "unknown-line", "purchase order " + c.purchaseOrder().purchaseOrderId()
                    + " has no line " + lineId));
            return null;
        }
        if (line.cancelled()) {
            refused.add(new Violation(field, "line-cancelled", "line " + lineId + " was cancelled"));
            return null;
        }
        return line;
    }

    private static void notPast(final LocalDate date, final String field, final Context c, final List<Violation> refused) {
        if (date != null && date.isBefore(c.today())) {
            refused.add(new Violation(field, "date-in-past", date + " is before today (" + c.today() + ")"));
        }
    }
}
