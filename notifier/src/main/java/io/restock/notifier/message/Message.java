package io.restock.notifier.message;

/** A rendered notification: subject, plain-text body and HTML body. */
public record Message(String subject, String text, String html) {
}
