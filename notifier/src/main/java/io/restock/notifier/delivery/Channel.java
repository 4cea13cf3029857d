package io.restock.notifier.delivery;

import io.restock.notifier.internal.NotificationRequested;
import io.restock.notifier.message.Message;

/** One way of reaching a customer. Implementations must be safe to call again with the same notification. */
public interface Channel {

    /** Delivers once; {@code attempt} counts the tries of this notification, 1 for the first. */
    void deliver(NotificationRequested request, Message message, int attempt) throws DeliveryException;
}
