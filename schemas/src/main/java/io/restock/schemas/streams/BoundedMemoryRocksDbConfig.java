package io.restock.schemas.streams;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

import java.util.Map;

/**
 * Bounds the off-heap memory of every RocksDB store in the JVM: one LRU block cache shared by all
 * stores, with memtables charged to it through a shared write-buffer manager, and index and filter
 * blocks cached in it too. Sizes come from {@link #TOTAL_BYTES_CONFIG} and
 * {@link #WRITE_BUFFER_BYTES_CONFIG} (defaults 64 MiB and 16 MiB) as seen by the first store opened.
 * The shared cache lives as long as the JVM, so {@link #close} does not close it.
 */
public final class BoundedMemoryRocksDbConfig implements RocksDBConfigSetter {

    public static final String TOTAL_BYTES_CONFIG = "restock.rocksdb.total.bytes";
    public static final String WRITE_BUFFER_BYTES_CONFIG = "restock.rocksdb.write-buffer.bytes";
    static final long DEFAULT_TOTAL_BYTES = 64L << 20;
    static final long DEFAULT_WRITE_BUFFER_BYTES = 16L << 20;
    private static final double HIGH_PRIORITY_POOL_RATIO = 0.1;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;

    private static synchronized void initialise(final Map<String, Object> configs) {
        if (cache != null) {
            return;
        }
        RocksDB.loadLibrary();
        final long total = bytes(configs, TOTAL_BYTES_CONFIG, DEFAULT_TOTAL_BYTES);
        final long writeBuffers = bytes(configs, WRITE_BUFFER_BYTES_CONFIG, DEFAULT_WRITE_BUFFER_BYTES);
        cache = new LRUCache(total, -1, false, HIGH_PRIORITY_POOL_RATIO);
        writeBufferManager = new WriteBufferManager(writeBuffers, cache);
    }

    private static long bytes(final Map<String, Object> configs, final String key, final long fallback) {
        final Object value = configs.get(key);
        return value == null ? fallback : Long.parseLong(value.toString());
    }

    @Override
    public void setConfig(final String storeName, final Options options, final Map<String, Object> configs) {
        initialise(configs);
        final BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBufferManager);
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(final String storeName, final Options options) {
        // The cache and the write-buffer manager are shared by every store: never closed here.
    }
}
