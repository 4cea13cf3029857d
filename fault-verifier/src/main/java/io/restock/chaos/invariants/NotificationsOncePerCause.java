package io.restock.chaos.invariants;

import io.restock.chaos.history.History;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * No duplicate customer notification per cause (DOMAIN.md rule 10): on {@code notifications.customer-notifications}
 * one {@code CustomerNotificationSent} per notification id and no cause event in two sent notifications of one
 * kind; every email the SMTP catcher caught carries the {@code Message-ID} of a recorded email notification, and
 * every recorded email notification was caught. The same {@code Message-ID} caught twice is the notifier's
 * documented failure window (a crash between sending and recording: notifier/README.md) and is counted, not
 * failed; {@link #duplicateEmails} says how many.
 */
public final class NotificationsOncePerCause implements Invariant.Rule {

    /** Emails caught more than once with one Message-ID (the documented resend after a crash). */
    public static long duplicateEmails(final History history) {
        return history.emailMessageIds().size() - new HashSet<>(history.emailMessageIds()).size();
    }

    @Override
    public void check(final History history, final Invariant.Violations violations) {
        final Map<String, String> byId = new HashMap<>();
        final Map<String, String> byCause = new HashMap<>();
        final Set<String> recordedEmails = new HashSet<>();
        for (final History.Notification notification : history.notifications()) {
            if (!notification.sent()) {
                continue;
            }
            final String earlier = byId.putIfAbsent(notification.notificationId(), notification.eventId());
            if (earlier != null) {
                violations.add(notification.notificationId(), "sent twice (events " + earlier
                        + ", " + notification.eventId() + ")");
                continue;
            }
            for (final String cause : notification.causeEventIds()) {
                final String other = byCause.putIfAbsent(notification.kind() + "/" + cause,
                        notification.notificationId());
                if (other != null) {
                    violations.add(cause, notification.kind() + " told twice for one cause "
                            + "(notifications " + other + ", " + notification.notificationId() + ")");
                }
            }
            if ("EMAIL".equals(notification.channel())) {
                recordedEmails.add(notification.notificationId());
            }
        }
        final Set<String> caught = new HashSet<>();
        for (final String messageId : history.emailMessageIds()) {
            final String id = notificationId(messageId);
            caught.add(id);
            if (!recordedEmails.contains(id)) {
                violations.add(messageId, "email caught but no CustomerNotificationSent "
                        + "(EMAIL) records it");
            }
        }
        recordedEmails.stream().filter(id -> !caught.contains(id)).sorted().forEach(id -> violations.add(id,
                "recorded as sent by email but never caught by the SMTP server"));
    }

    /** {@code <id@restock>} → {@code id}. */
    static String notificationId(final String messageId) {
        String id = messageId.trim();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        final int at = id.lastIndexOf('@');
        return at < 0 ? id : id.substring(0, at);
    }
}
