package io.restock.notifier.decision;

import io.restock.events.NotificationKind;
import io.restock.notifier.internal.Notice;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The notices about one order that wait to be sent: where grouping and coalescing happen. Times
 * are wall-clock millis, passed in.
 * <ul>
 *   <li>A date change of a line waits {@code coalescingWindow} from the first change; further changes
 *       of that line in the meantime replace its date (the last one wins) and add their causes. A date
 *       change of a line whose backorder notice is still waiting updates that notice's date instead.</li>
 *   <li>Every other notice waits until the order's earliest waiting non-date notice is due, or
 *       {@code groupingWindow} if there is none, so what arrives together goes out together. Two
 *       notices of the same kind and line (a cancellation's release and its backorder cancellation)
 *       merge.</li>
 *   <li>A cancellation, shipment or rejection of a line drops the line's waiting date change (returned
 *       as superseded, to be audited).</li>
 * </ul>
 */
public final class PendingBook {

    private final List<Notice> notices;

    public PendingBook(final List<Notice> notices) {
        this.notices = new ArrayList<>(notices);
    }

    public List<Notice> notices() {
        return List.copyOf(notices);
    }

    public boolean isEmpty() {
        return notices.isEmpty();
    }

    /**
     * Adds a notice that arrived at {@code now}; sets its {@code receivedAt} and {@code dueAt}.
     *
     * @return waiting notices this one made pointless (superseded date changes), removed from the book
     */
    public List<Notice> add(final Notice incoming, final long now, final NotifierSettings settings) {
        incoming.setReceivedAt(now);
        final NotificationKind kind = kind(incoming);
        if (kind == NotificationKind.DELIVERY_DATE_CHANGED) {
            for (final Notice waiting : notices) {
                if (waiting.getLineId().equals(incoming.getLineId())
                        && (kind(waiting) == NotificationKind.DELIVERY_DATE_CHANGED
                        || kind(waiting) == NotificationKind.BACKORDER_OPENED)) {
                    waiting.setDate(incoming.getDate());
                    addCauses(waiting, incoming);
                    return List.of();
                }
            }
            incoming.setDueAt(now + settings.coalescingWindow().toMillis());
            notices.add(incoming);
            return List.of();
        }
        final List<Notice> superseded = new ArrayList<>();
        if (closesLine(kind)) {
            final Iterator<Notice> it = notices.iterator();
            while (it.hasNext()) {
                final Notice waiting = it.next();
                if (waiting.getLineId().equals(incoming.getLineId())
                        && kind(waiting) == NotificationKind.DELIVERY_DATE_CHANGED) {
                    superseded.add(waiting);
                    it.remove();
                }
            }
        }
        for (final Notice waiting : notices) {
            if (waiting.getLineId().equals(incoming.getLineId()) && kind(waiting) == kind) {
                waiting.setQuantity(waiting.getQuantity() + incoming.getQuantity());
                addCauses(waiting, incoming);
                return superseded;
            }
        }
        final long groupDue = notices.stream().filter(n -> kind(n) != NotificationKind.DELIVERY_DATE_CHANGED)
                .mapToLong(Notice::getDueAt).filter(due -> due > now).min()
                .orElse(now + settings.groupingWindow().toMillis());
        incoming.setDueAt(groupDue);
        notices.add(incoming);
        return superseded;
    }

    /** Removes and returns the notices due at {@code now}, in arrival order. */
    public List<Notice> takeDue(final long now) {
        final List<Notice> due = new ArrayList<>();
        final Iterator<Notice> it = notices.iterator();
        while (it.hasNext()) {
            final Notice n = it.next();
            if (n.getDueAt() <= now) {
                due.add(n);
                it.remove();
            }
        }
        return due;
    }

    public static NotificationKind kind(final Notice notice) {
        return NotificationKind.valueOf(notice.getKind());
    }

    static boolean closesLine(final NotificationKind kind) {
        return kind == NotificationKind.CANCELLED || kind == NotificationKind.SHIPPED
                || kind == NotificationKind.REJECTED;
    }

    private static void addCauses(final Notice into, final Notice from) {
        final List<String> causes = new ArrayList<>(into.getCauseEventIds());
        from.getCauseEventIds().stream().filter(id -> !causes.contains(id)).forEach(causes::add);
        into.setCauseEventIds(causes);
    }
}
