package io.restock.orderintake.view;

/** A line's status as shops read it. */
public enum LineStatus {
    /** Accepted; inventory-stream has not decided the line yet. */
    PENDING,
    /** Stock is reserved, but a COMPLETE order waits for its other lines. */
    ALLOCATED,
    /** Stock is reserved and may ship now (PARTIAL, or a COMPLETE order that is whole). */
    READY_TO_SHIP,
    /** Some units wait for stock; see the promised date. Allocated units, if any, are reported too. */
    BACKORDERED,
    /** Not accepted: see reason and substitutes. */
    REJECTED,
    /** The shop asked to cancel; not yet confirmed by inventory-stream. */
    CANCELLATION_REQUESTED,
    /** A supplier shipped the line's units straight to the customer (drop-ship); nothing else waits. */
    SHIPPED,
    /** Nothing is reserved or waiting for the line any more. */
    CANCELLED
}
