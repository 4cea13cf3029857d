package io.restock.notifier.decision;

import io.restock.events.NotificationChannel;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operator may tune in the notifier's decisions (rule 10). Bound from {@code notifier.*} in
 * application.yml by the Micronaut factory; tests build it directly.
 *
 * @param dateChangeThreshold  a date change is told only if the date moved by at least this much. Dates
 *                             are whole days, so a move is a whole number of days: a threshold of
 *                             {@code PT2H} tells every move of one day or more, and a move of 0 days
 *                             (same date) is never told
 * @param coalescingWindow     changes to one line's date within this long after the first are told
 *                             as one, with the latest date
 * @param groupingWindow       other notices about one order that arrive within this long of the first
 *                             go out in one message
 * @param scanInterval         how often (wall-clock) pending notices are checked for being due
 * @param customers            per-customer preferences by customer id
 * @param shops                per-shop webhook endpoints by shop id (only the URL is used here)
 */
public record NotifierSettings(Duration dateChangeThreshold, Duration coalescingWindow, Duration groupingWindow,
                               Duration scanInterval, Map<String, CustomerPreference> customers,
                               Map<String, ShopWebhook> shops) {

    public NotifierSettings {
        Objects.requireNonNull(dateChangeThreshold, "dateChangeThreshold");
        Objects.requireNonNull(coalescingWindow, "coalescingWindow");
        Objects.requireNonNull(groupingWindow, "groupingWindow");
        Objects.requireNonNull(scanInterval, "scanInterval");
        if (dateChangeThreshold.isNegative() || coalescingWindow.isNegative() || groupingWindow.isNegative()
                || scanInterval.isZero() || scanInterval.isNegative()) {
            throw new IllegalArgumentException("windows and threshold must not be negative, scan interval > 0");
        }
        customers = Map.copyOf(customers);
        shops = Map.copyOf(shops);
    }

    /** Threshold 1 day, coalescing 10 minutes, grouping 30 seconds, scan every second, no preferences. */
    public static NotifierSettings defaults() {
        return new NotifierSettings(Duration.ofDays(1), Duration.ofMinutes(10), Duration.ofSeconds(30),
                Duration.ofSeconds(1), Map.of(), Map.of());
    }

    public NotifierSettings withThreshold(final Duration threshold) {
        return new NotifierSettings(threshold, coalescingWindow, groupingWindow, scanInterval, customers, shops);
    }

    public NotifierSettings withCustomers(final Map<String, CustomerPreference> preferences) {
        return new NotifierSettings(dateChangeThreshold, coalescingWindow, groupingWindow, scanInterval, preferences,
                shops);
    }

    public NotifierSettings withShops(final Map<String, ShopWebhook> webhooks) {
        return new NotifierSettings(dateChangeThreshold, coalescingWindow, groupingWindow, scanInterval, customers,
                webhooks);
    }

    public CustomerPreference preference(final String customerId) {
        return customers.getOrDefault(customerId, CustomerPreference.DEFAULT);
    }

    public Optional<ShopWebhook> webhook(final String shopId) {
        return Optional.ofNullable(shops.get(shopId));
    }

    /**
     * A customer's wishes.
     *
     * @param channel  the preferred channel, or null for the default (email when there is an address,
     *                 else the shop's webhook)
     * @param optedOut tell this customer nothing (every notice is audited as suppressed)
     */
    public record CustomerPreference(NotificationChannel channel, boolean optedOut) {
        public static final CustomerPreference DEFAULT = new CustomerPreference(null, false);
    }

    /** A shop's webhook: where to POST and the secret the body is signed with (HMAC-SHA256). */
    public record ShopWebhook(String url, String signingSecret) {
        public ShopWebhook {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(signingSecret, "signingSecret");
        }

        @Override
        public String toString() {
            return "ShopWebhook[url=" + url + ", signingSecret=***]";
        }
    }
}
