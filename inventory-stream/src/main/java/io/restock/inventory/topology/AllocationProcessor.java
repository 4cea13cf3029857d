package io.restock.inventory.topology;

import io.restock.events.CustomerTier;
import io.restock.events.LineQuantity;
import io.restock.events.ShipmentRequestRevoked;
import io.restock.events.ShippingPolicy;
import io.restock.events.SkuPolicy;
import io.restock.events.StockAdjusted;
import io.restock.events.StockLevel;
import io.restock.events.StockMovement;
import io.restock.events.StockReceived;
import io.restock.events.StockShipped;
import io.restock.inventory.allocation.Level;
import io.restock.inventory.allocation.LineRequest;
import io.restock.inventory.allocation.Outcome;
import io.restock.inventory.allocation.SkuBook;
import io.restock.inventory.allocation.StockLookup;
import io.restock.inventory.config.InventorySettings;
import io.restock.inventory.internal.LineCommand;
import io.restock.inventory.internal.LineCommandKind;
import io.restock.inventory.internal.LineState;
import io.restock.inventory.internal.SkuState;
import io.restock.schemas.deadletter.InvalidInputException;
import io.restock.schemas.streams.OutputHeaders;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * The single writer of each SKU: loads the SKU's header from {@code sku-stock} (its lines stay in
 * {@code sku-lines} and its remembered movement ids in {@code sku-movement-ids}, read and written
 * only as the operation needs them), applies the input, stores the header back and forwards what
 * it decided: {@code LineEvent}s and {@code DeliveryDateChanged} keyed by orderId, {@code ShipmentRequestRevoked}
 * keyed by orderId for allocated units sent back to backorder by a shipment that took units they held (a cancelled
 * line's units, or units a line still waited for), and
 * {@code StockShortfall} (a stock shortfall, or a drop-ship line's request naming the line) and {@code StockLevel}
 * keyed by SKU (a stock level whenever on-hand,
 * allocated, backordered or on-order changed). "Now" is the record's timestamp, never the wall
 * clock, so a replay decides the same. Input it cannot apply ({@link InvalidInputException}) leaves
 * the book untouched and is thrown to the processing exception handler, which dead-letters it; so is a
 * movement whose id the SKU applied with other content ({@code MOVEMENT_ID_REUSED}, see {@link MovementDigest}),
 * while a movement id applied with the same content is a retry and is dropped.
 *
 * <p>Substitutes are looked up in the global {@code stock-levels-global} store, a copy of
 * {@code inventory.stock-levels}: it lags the SKUs' own books by up to a commit interval plus the
 * global thread's polling, so an offered substitute may have sold out meanwhile (it is an offer,
 * not a reservation).
 */
final class AllocationProcessor extends ContextualProcessor<String, SkuInput, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(AllocationProcessor.class);
    /** Decoded headers kept per task (~0.5 KB each): the benchmark's 10 000 SKUs over 6 tasks fit. */
    static final int HEADER_CACHE_ENTRIES = 4096;
    static final String RETURNED_TO_BACKORDER = "RETURNED_TO_BACKORDER";

    private final InventorySettings settings;
    private KeyValueStore<String, SkuState> headers;
    private KeyValueStore<String, LineState> lines;
    private KeyValueStore<String, String> movementIds;
    private KeyValueStore<String, Integer> withdrawn;
    private ReadOnlyKeyValueStore<String, Object> levels;
    private final HeaderCache headerCache = new HeaderCache(HEADER_CACHE_ENTRIES);
    /**
     * The movement id of the shipment being processed, or null. A shipment may send allocated units back to backorder
     * ({@link SkuBook#shipWithdrawn}, {@link SkuBook#ship}): every {@link Outcome.Backordered} it yields is such a return.
     */
    private String shipmentMovementId;

    AllocationProcessor(final InventorySettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(final ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        this.headers = context.getStateStore(InventoryTopology.SKU_STOCK);
        this.lines = context.getStateStore(InventoryTopology.SKU_LINES);
        this.movementIds = context.getStateStore(InventoryTopology.SKU_MOVEMENT_IDS);
        this.withdrawn = context.getStateStore(InventoryTopology.WITHDRAWN_SHIPMENTS);
        this.levels = context.getStateStore(InventoryTopology.STOCK_LEVELS_GLOBAL);
        headerCache.clear();
    }

    @Override
    public void close() {
        headerCache.clear();
    }

    @Override
    public void process(final Record<String, SkuInput> input) {
        final Record<String, SkuInput> record = OutputHeaders.cleared(input);
        final String sku = record.key();
        if (sku == null || sku.isEmpty()) {
            throw new InvalidInputException("MISSING_KEY", "record without a SKU key");
        }
        final SkuBook.Header stored = storedHeader(sku);
        final String digest = record.value() instanceof SkuInput.Movement(final StockMovement m)
                ? MovementDigest.of(m) : null;
        final StoredMovementIds ids = StoredMovementIds.of(sku, movementIds, digest);
        final SkuBook book = new SkuBook(stored == null ? SkuBook.Header.empty(sku) : stored,
                StoredSkuLines.of(sku, lines), ids);
        final Level before = book.level();
        final Instant now = Instant.ofEpochMilli(record.timestamp());
        final SkuBook.Context ctx = new SkuBook.Context(settings.priorityRule(), now, settings.zone(),
                settings.defaultMaxWaitDays(), this::available);

        shipmentMovementId = null;
        final String causeId;
        final List<Outcome> outcomes;
        ShippingPolicy shippingPolicy = ShippingPolicy.PARTIAL;
        switch (record.value()) {
            case SkuInput.Command(final LineCommand c) -> {
                causeId = c.getCommandId();
                shippingPolicy = ShippingPolicy.valueOf(c.getShippingPolicy());
                outcomes = c.getKind() == LineCommandKind.ALLOCATE
                        ? book.allocate(new LineRequest(c.getOrderId(), c.getLineId(), c.getQuantity(), c.getUnitPrice(),
                                c.getPlacedAt(), CustomerTier.valueOf(c.getTier()).ordinal(), c.getMaxWaitDays()), ctx)
                        : book.cancel(c.getOrderId(), c.getLineId(), ctx);
            }
            case SkuInput.Movement(final StockMovement m) -> {
                final Movement movement = Movement.of(m);
                if (!sku.equals(movement.sku())) {
                    throw new InvalidInputException("SKU_MISMATCH", "movement for " + movement.sku() + " keyed " + sku);
                }
                switch (ids.seen(movement.id(), digest)) {
                    case REPLAY -> {
                        LOG.info("dropping duplicate movement {} of {}", movement.id(), sku);
                        return;
                    }
                    case REUSED -> throw new InvalidInputException("MOVEMENT_ID_REUSED", "movement id " + movement.id()
                            + " of " + sku + " was applied with other content; a new movement needs a new id");
                    case NEW -> {
                    }
                }
                causeId = movement.eventId();
                outcomes = switch (m.getEvent()) {
                    case StockReceived r -> book.receive(r.getQuantity(), r.getPurchaseOrderId(),
                            r.getPurchaseOrderLineId(), ctx);
                    case StockAdjusted a -> book.adjust(a.getDelta(), ctx);
                    case StockShipped s -> ship(book, sku, s, ctx);
                    default -> throw new InvalidInputException("UNKNOWN_EVENT", "unknown movement " + m.getEvent());
                };
                book.remember(movement.id(), settings.rememberedMovementIds());
            }
            case SkuInput.PolicyChanged(final SkuPolicy p) -> {
                causeId = p == null ? "policy-deleted/" + sku + "/" + record.timestamp() : p.getEventId();
                outcomes = book.changeTerms(p == null ? null : SkuBookCodec.terms(p), ctx);
            }
            case SkuInput.SupplyChanged(final var p) -> {
                causeId = p == null ? "supply-deleted/" + sku + "/" + record.timestamp() : p.getEventId();
                outcomes = book.changeSupply(p == null ? null : SkuBookCodec.schedule(p), changeReason(p), ctx);
            }
            case SkuInput.OfferChanged(final var o) -> {
                causeId = "offer/" + o.getSupplierId() + "/" + sku + "/" + record.timestamp();
                book.changeLeadTime(o.getSupplierId(), o.getLeadTimeDays());
                outcomes = List.of();
            }
        }

        rememberWithdrawn(sku, outcomes);
        if (book.isBlank()) {
            headerCache.remove(sku);
            if (stored != null) {
                headers.delete(sku);
            }
        } else {
            final SkuBook.Header header = book.header();
            headers.put(sku, SkuBookCodec.toState(header));
            headerCache.put(sku, header);
        }
        for (final Outcome outcome : outcomes) {
            final String eventId = OutcomeEvents.eventId(causeId, outcome, sku);
            if (outcome instanceof Outcome.DropShipRequested request) {
                final var terms = book.terms().orElseThrow();
                context().forward(record.withKey(sku).withValue(OutcomeEvents.dropShipRequest(request, eventId, now, sku,
                        book.level(), new OutcomeEvents.SkuTermsView(terms.reorderPoint(), terms.targetLevel()))));
            } else if (outcome instanceof Outcome.ShortfallRaised shortfall) {
                context().forward(record.withKey(sku).withValue(OutcomeEvents.shortfall(shortfall, eventId, now, sku)));
            } else if (outcome instanceof Outcome.DateChanged changed) {
                context().forward(record.withKey(changed.orderId())
                        .withValue(OutcomeEvents.dateChanged(changed, eventId, now, sku)));
            } else {
                context().forward(record.withKey(OutcomeEvents.orderId(outcome))
                        .withValue(OutcomeEvents.lineEvent(outcome, eventId, now, sku, shippingPolicy,
                                shipmentMovementId)));
                if (shipmentMovementId != null && outcome instanceof Outcome.Backordered b) {
                    final String revokeId = causeId + "/shipment-request-revoked/" + b.orderId() + "/" + b.lineId();
                    context().forward(record.withKey(b.orderId()).withValue(new ShipmentRequestRevoked(revokeId, now,
                            b.orderId(), RETURNED_TO_BACKORDER, List.of(new LineQuantity(b.lineId(), sku, b.quantity())))));
                }
            }
        }
        final Level after = book.level();
        if (!after.equals(before)) {
            final String eventId = OutcomeEvents.stockLevelEventId(causeId, sku);
            context().forward(record.withKey(sku).withValue(OutcomeEvents.stockLevel(after, eventId, now, sku)));
        }
    }

    /**
     * A shipment of an open line is applied to it (its allocated units, and beyond them units it still waits for,
     * {@link SkuBook#ship}); one of a line cancelled after its shipment request (units released and remembered in
     * {@value InventoryTopology#WITHDRAWN_SHIPMENTS}) is accounted as units that left anyway
     * ({@link SkuBook#shipWithdrawn}); anything else is refused by the book. Either may return other lines'
     * allocated units to backorder: their shipment requests are revoked.
     */
    private List<Outcome> ship(final SkuBook book, final String sku, final StockShipped s, final SkuBook.Context ctx) {
        final String key = SkuKeys.line(sku, s.getOrderId(), s.getLineId());
        final Integer released = lines.get(key) == null ? withdrawn.get(key) : null;
        shipmentMovementId = s.getMovementId();
        if (released == null) {
            return book.ship(s.getOrderId(), s.getLineId(), s.getQuantity(), ctx);
        }
        if (s.getQuantity() > released) {
            throw new InvalidInputException("SHIPMENT_EXCEEDS_WITHDRAWN", "line " + s.getOrderId() + "/" + s.getLineId()
                    + " was cancelled with " + released + " units requested, " + s.getQuantity() + " shipped");
        }
        final List<Outcome> outcomes = book.shipWithdrawn(s.getQuantity(), ctx);
        if (released == s.getQuantity()) {
            withdrawn.delete(key);
        } else {
            withdrawn.put(key, released - s.getQuantity());
        }
        return outcomes;
    }

    /** Units a cancellation released were asked to ship (or may have been): remembered until shipped. */
    private void rememberWithdrawn(final String sku, final List<Outcome> outcomes) {
        for (final Outcome outcome : outcomes) {
            if (outcome instanceof Outcome.Released r) {
                withdrawn.put(SkuKeys.line(sku, r.orderId(), r.lineId()), r.quantity());
            }
        }
    }

    /** The reason a schedule gives its date changes. */
    private static Outcome.ChangeReason changeReason(final io.restock.events.SkuSupply supply) {
        if (supply == null || supply.getChangeReason() == null) {
            return Outcome.ChangeReason.REPLANNED;
        }
        try {
            return Outcome.ChangeReason.valueOf(supply.getChangeReason());
        } catch (final IllegalArgumentException unknown) {
            return Outcome.ChangeReason.REPLANNED;
        }
    }

    /** The SKU's header as last stored: from the decoded copy if it has it, else from {@code sku-stock}. */
    private SkuBook.Header storedHeader(final String sku) {
        final SkuBook.Header cached = headerCache.get(sku);
        if (cached != null) {
            return cached;
        }
        final SkuState state = headers.get(sku);
        return state == null ? null : SkuBookCodec.fromState(state);
    }

    private int available(final String otherSku) {
        final Object value = levels.get(otherSku);
        final Object level = value instanceof ValueAndTimestamp<?> vt ? vt.value() : value;
        return level instanceof StockLevel l ? Math.max(0, l.getAvailable()) : 0;
    }

    /** The fields every movement has. */
    private record Movement(String id, String eventId, String sku) {
        static Movement of(final StockMovement m) {
            return switch (m.getEvent()) {
                case StockReceived r -> new Movement(r.getMovementId(), r.getEventId(), r.getSku());
                case StockAdjusted a -> new Movement(a.getMovementId(), a.getEventId(), a.getSku());
                case StockShipped s -> new Movement(s.getMovementId(), s.getEventId(), s.getSku());
                default -> throw new InvalidInputException("UNKNOWN_EVENT", "unknown movement " + m.getEvent());
            };
        }
    }
}
