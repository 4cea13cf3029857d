package io.restock.notifier.decision;

import io.restock.events.NotificationChannel;
import io.restock.events.NotificationKind;
import io.restock.notifier.internal.ContactLine;
import io.restock.notifier.internal.Notice;
import io.restock.notifier.internal.NotificationRequested;
import io.restock.notifier.internal.OrderContact;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides what the notices of one order that fell due together become (rule 10), and updates what
 * the order's contact record remembers (the date each line was last told, closed lines):
 * <ol>
 *   <li>no contact (no {@code OrderPlaced} seen) → suppressed {@code UNKNOWN_ORDER};</li>
 *   <li>a date change of a closed line → suppressed {@code LINE_CLOSED}; a date change that moved less
 *       than the threshold from the date last told → suppressed {@code BELOW_THRESHOLD};</li>
 *   <li>an opted-out customer → suppressed {@code OPTED_OUT}; no usable channel → {@code NO_CHANNEL};</li>
 *   <li>the rest → one notification, notices sorted by kind then line, its id the hash of all causes.</li>
 * </ol>
 * Channel: the customer's preferred one if usable, else email when the order has an address, else
 * the shop's webhook when the shop has one.
 */
public final class Decider {

    private final NotifierSettings settings;

    public Decider(final NotifierSettings settings) {
        this.settings = settings;
    }

    public Decision decide(final String orderId, final List<Notice> due, final OrderContact contact, final long now) {
        final List<Decision.Suppression> suppressed = new ArrayList<>();
        if (contact == null) {
            return new Decision(Optional.empty(), List.of(new Decision.Suppression(due, "UNKNOWN_ORDER")));
        }
        final List<Notice> kept = new ArrayList<>();
        for (final Notice notice : due) {
            final Optional<ContactLine> line = line(contact, notice.getLineId());
            if (PendingBook.kind(notice) == NotificationKind.DELIVERY_DATE_CHANGED) {
                if (line.isPresent() && line.get().getClosed()) {
                    suppressed.add(new Decision.Suppression(List.of(notice), "LINE_CLOSED"));
                    continue;
                }
                final LocalDate told = line.map(ContactLine::getToldDate).orElse(null) != null
                        ? line.get().getToldDate() : notice.getPreviousDate();
                notice.setPreviousDate(told);
                final DateMove move = new DateMove(told, notice.getDate());
                if (!move.reaches(settings.dateChangeThreshold())) {
                    suppressed.add(new Decision.Suppression(List.of(notice), "BELOW_THRESHOLD: moved "
                            + move.days() + " day(s) from " + told + ", threshold " + settings.dateChangeThreshold()));
                    continue;
                }
            }
            if (PendingBook.closesLine(PendingBook.kind(notice))) {
                line.ifPresent(l -> l.setClosed(true));
            }
            kept.add(notice);
        }
        if (kept.isEmpty()) {
            return new Decision(Optional.empty(), suppressed);
        }
        final NotifierSettings.CustomerPreference preference = settings.preference(contact.getCustomerId());
        if (preference.optedOut()) {
            suppressed.add(new Decision.Suppression(kept, "OPTED_OUT"));
            return new Decision(Optional.empty(), suppressed);
        }
        final Optional<Channel> channel = channel(contact, preference);
        if (channel.isEmpty()) {
            suppressed.add(new Decision.Suppression(kept, "NO_CHANNEL: no email address and no webhook for shop "
                    + contact.getShopId()));
            return new Decision(Optional.empty(), suppressed);
        }
        kept.sort(Comparator.comparing(PendingBook::kind).thenComparing(Notice::getLineId));
        final List<String> causes = causes(kept);
        for (final Notice notice : kept) {
            final NotificationKind kind = PendingBook.kind(notice);
            if (kind == NotificationKind.BACKORDER_OPENED || kind == NotificationKind.DELIVERY_DATE_CHANGED) {
                line(contact, notice.getLineId()).ifPresent(l -> l.setToldDate(notice.getDate()));
            }
        }
        final NotificationRequested request = NotificationRequested.newBuilder()
                .setNotificationId(NotificationIds.of(causes))
                .setRequestedAt(Instant.ofEpochMilli(now))
                .setOrderId(orderId)
                .setShopId(contact.getShopId())
                .setCustomerId(contact.getCustomerId())
                .setLocale(contact.getLocale())
                .setChannel(channel.get().channel().name())
                .setRecipient(channel.get().recipient())
                .setKind(kept.getFirst().getKind())
                .setNotices(kept)
                .setCauseEventIds(causes)
                .build();
        return new Decision(Optional.of(request), suppressed);
    }

    /** Every cause event id of the notices, in order, once. */
    public static List<String> causes(final List<Notice> notices) {
        return notices.stream().flatMap(n -> n.getCauseEventIds().stream()).distinct().toList();
    }

    private Optional<Channel> channel(final OrderContact contact, final NotifierSettings.CustomerPreference preference) {
        final Optional<Channel> email = Optional.ofNullable(contact.getEmail()).filter(e -> !e.isBlank())
                .map(e -> new Channel(NotificationChannel.EMAIL, e));
        final Optional<Channel> webhook = settings.webhook(contact.getShopId())
                .map(w -> new Channel(NotificationChannel.WEBHOOK, w.url()));
        if (preference.channel() == NotificationChannel.WEBHOOK && webhook.isPresent()) {
            return webhook;
        }
        return email.or(() -> webhook);
    }

    private static Optional<ContactLine> line(final OrderContact contact, final String lineId) {
        return contact.getLines().stream().filter(l -> l.getLineId().equals(lineId)).findFirst();
    }

    private record Channel(NotificationChannel channel, String recipient) {
    }
}
