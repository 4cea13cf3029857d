package io.restock.inventory.topology;

import io.restock.inventory.allocation.SkuBook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SKU writer's decoded copy of recently used {@code sku-stock} headers, least recently used
 * dropped first. The store stays the truth: every change is written to it (and so to its changelog)
 * as before, this copy only saves reading and decoding a header the writer itself wrote moments ago.
 * It belongs to one task's processor and is emptied whenever the processor is (re)initialised or
 * closed, so a task that is restored, revived after an aborted transaction or moved never reads an
 * entry the store no longer agrees with.
 */
final class HeaderCache {

    private final Map<String, SkuBook.Header> entries;

    HeaderCache(final int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        this.entries = new LinkedHashMap<>(Math.min(maxEntries, 1024) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, SkuBook.Header> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The header last written for {@code sku}, or null if this copy does not hold it. */
    SkuBook.Header get(final String sku) {
        return entries.get(sku);
    }

    void put(final String sku, final SkuBook.Header header) {
        entries.put(sku, header);
    }

    void remove(final String sku) {
        entries.remove(sku);
    }

    void clear() {
        entries.clear();
    }
}
