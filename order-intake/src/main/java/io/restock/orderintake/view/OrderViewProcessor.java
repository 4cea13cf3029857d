package io.restock.orderintake.view;

import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A processor of order-intake's topology that reads or writes the order views (the {@value OrderView#STORE} store,
 * key orderId): once initialised, the store is {@link #views()} and the context {@link #context()}.
 */
public abstract class OrderViewProcessor<KIn, VIn, KOut, VOut> extends ContextualProcessor<KIn, VIn, KOut, VOut> {

    private KeyValueStore<String, OrderView> views;

    @Override
    public void init(final ProcessorContext<KOut, VOut> context) {
        super.init(context);
        this.views = context.getStateStore(OrderView.STORE);
    }

    protected final KeyValueStore<String, OrderView> views() {
        return views;
    }
}
