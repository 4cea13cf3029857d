package io.restock.notifier.decision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * Deterministic ids: a notification is named by the events it tells about, so the same causes give
 * the same id however often they are replayed. The id is the deduplication key of the sender, the
 * email's Message-ID and the webhook's delivery id.
 */
public final class NotificationIds {

    private NotificationIds() {
    }

    /** {@code n-} and the first 128 bits of SHA-256 over the sorted, distinct cause event ids. */
    public static String of(final Collection<String> causeEventIds) {
        if (causeEventIds.isEmpty()) {
            throw new IllegalArgumentException("a notification needs at least one cause");
        }
        try {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (final String id : new TreeSet<>(causeEventIds)) {
                sha.update(id.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return "n-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    /** The audit event id of a notification's outcome ({@code sent}, {@code suppressed}, ...). */
    public static String auditEventId(final String notificationId, final String outcome) {
        return notificationId + "/" + outcome;
    }
}
