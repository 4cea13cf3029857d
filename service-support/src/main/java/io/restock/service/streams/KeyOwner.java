package io.restock.service.streams;

import org.apache.kafka.streams.state.HostInfo;

/** Which instance answers for a key: this one (read its store's partition) or another (forward to it). */
public sealed interface KeyOwner {

    /** The key's partition is active on this instance. */
    record Local(int partition) implements KeyOwner {
    }

    /** The key's partition is active on {@code host} (its {@code application.server}). */
    record Remote(HostInfo host, int partition) implements KeyOwner {
    }
}
