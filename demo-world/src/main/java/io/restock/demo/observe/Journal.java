package io.restock.demo.observe;

import java.time.Instant;

/** One thing that happened to an order, as the world saw it on a topic or in the mailbox. */
public record Journal(Instant at, String text) {
}
