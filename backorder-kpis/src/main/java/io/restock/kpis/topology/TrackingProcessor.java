package io.restock.kpis.topology;

import io.restock.kpis.internal.KpiDelta;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.ZoneId;

/**
 * What backorder-kpis' two followers share ({@link LineOutcomes}, one track per order line, and
 * {@link PurchaseOrders}, one per purchase order): a store of tracks keyed by what they follow, the zone a day is
 * taken in against promised dates, and the forwarding of each {@link KpiDelta} under
 * {@link KpiTopology#AGGREGATE_KEY}.
 *
 * @param <T> the track kept per followed entity
 */
abstract class TrackingProcessor<T> extends ContextualProcessor<String, SpecificRecord, String, KpiDelta> {

    /** The zone a fill's or a receipt's day is taken in, against promised dates. */
    protected final ZoneId zone;
    /** The tracks, keyed by what they follow; an entry is removed once its entity is closed. */
    protected KeyValueStore<String, T> tracks;
    private final String storeName;

    TrackingProcessor(final String storeName, final ZoneId zone) {
        this.storeName = storeName;
        this.zone = zone;
    }

    @Override
    public final void init(final ProcessorContext<String, KpiDelta> context) {
        super.init(context);
        tracks = context.getStateStore(storeName);
    }

    /** Forwards {@code delta} to the aggregator, at the time of the record it came from. */
    protected final void forward(final KpiDelta delta, final long timestamp) {
        context().forward(new Record<>(KpiTopology.AGGREGATE_KEY, delta, timestamp));
    }
}
