package io.restock.notifier.decision;

import io.restock.notifier.internal.Notice;
import io.restock.notifier.internal.NotificationRequested;

import java.util.List;
import java.util.Optional;

/**
 * What to do with the notices of one order that fell due together: at most one notification to
 * send, and the notices not sent, each group with the reason.
 */
public record Decision(Optional<NotificationRequested> send, List<Suppression> suppressed) {

    /** Notices that will not be sent, and why (a reason code, then details). */
    public record Suppression(List<Notice> notices, String reason) {
    }
}
