package io.restock.localkafka.clients;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A Kafka consumer polled on a daemon thread of its own: how Restock's tools (the demo's suppliers, warehouse and
 * event feed, the fault verifier's suppliers and warehouse, the pipeline benchmark's observer) read topics while
 * they do other things. The owner makes the consumer, subscribes or assigns it, then {@link #start()}s; from then
 * on only the polling thread touches it (each batch goes to the owner's handler on that thread, rebalance
 * listeners run there too) until {@link #close()} wakes it up and closes it.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class BackgroundConsumer<K, V> implements AutoCloseable {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<K, V> consumer;
    private final Duration pollTimeout;
    private final java.util.function.Consumer<ConsumerRecords<K, V>> batches;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    /**
     * @param threadName  the polling thread's name
     * @param consumer    the consumer, subscribed or assigned by the owner before {@link #start()}
     * @param pollTimeout how long one poll waits for records
     * @param batches     gets each poll's records (maybe none), on the polling thread
     */
    public BackgroundConsumer(final String threadName, final Consumer<K, V> consumer, final Duration pollTimeout,
                              final java.util.function.Consumer<ConsumerRecords<K, V>> batches) {
        this.consumer = consumer;
        this.pollTimeout = pollTimeout;
        this.batches = batches;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    /**
     * The settings of a reader with a consumer group of its own: {@code bootstrapServers}, {@code groupId}, from the
     * earliest offset when the group has none, {@code read_committed}. The caller adds what it needs beyond them.
     */
    public static Properties groupSettings(final String bootstrapServers, final String groupId) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    public void start() {
        thread.start();
    }

    /** Ends polling after the batch in hand; for a handler that knows there is nothing more to do. */
    public void stop() {
        running = false;
    }

    /**
     * Why polling stopped before {@link #close()}, if it did: the handler's or the consumer's exception. It also
     * ends the thread as an uncaught exception, so it shows where nobody asks for it.
     */
    public Throwable failure() {
        return failure.get();
    }

    private void run() {
        try {
            while (running) {
                batches.accept(consumer.poll(pollTimeout));
            }
        } catch (final WakeupException e) {
            if (running) {
                failure.set(e);
            }
        } catch (final RuntimeException e) {
            failure.set(e);
            throw e;
        } finally {
            consumer.close(CLOSE_TIMEOUT);
        }
    }

    /** Stops polling, closes the consumer and waits (up to 10 s) for the thread to end. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(JOIN_TIMEOUT.toMillis());
    }
}
