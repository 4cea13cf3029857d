package io.restock.orderintake.shops;

import io.restock.orderintake.submission.Digests;
import io.restock.orderintake.submission.Submissions;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The shops that may use the API, from configuration. API keys are looked up by their SHA-256, so
 * only hashes are held; comparing hashes instead of keys also keeps the lookup free of timing
 * differences that depend on the secret.
 */
@Singleton
public final class ShopDirectory implements ShopRules {

    private final Map<String, Shop> byKeyHash = new HashMap<>();
    private final Map<String, Shop> byId = new HashMap<>();

    public ShopDirectory(final List<ShopConfiguration> shops) {
        for (final ShopConfiguration config : shops) {
            if (!Submissions.isId(config.shopId()) || config.shopId().contains("/")) {
                throw new IllegalStateException("restock.shops: not a valid shop id: " + config.shopId());
            }
            final String hash = config.apiKeySha256();
            if (hash == null || !hash.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalStateException("restock.shops." + config.shopId()
                        + ".api-key-sha256 must be the 64-digit hex SHA-256 of the shop's API key");
            }
            final Integer maxWait = maxWaitDays(config);
            final Shop shop = new Shop(config.shopId(), new RateLimiter(config.rateLimitPerSecond(),
                    config.rateLimitBurst(), System::nanoTime), maxWait);
            if (byKeyHash.put(hash.toLowerCase(Locale.ROOT), shop) != null) {
                throw new IllegalStateException("two shops share one API key: " + config.shopId());
            }
        }
        byKeyHash.values().forEach(shop -> byId.put(shop.id(), shop));
    }

    private static Integer maxWaitDays(final ShopConfiguration config) {
        final String text = config.maxWaitDays();
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            final int days = Integer.parseInt(text.trim());
            if (days >= 1 && days <= Submissions.MAX_WAIT_DAYS) {
                return days;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException("restock.shops." + config.shopId() + ".max-wait-days must be a whole "
                + "number of days 1.." + Submissions.MAX_WAIT_DAYS + " (or empty: none), was '" + text + "'");
    }

    /** The shop whose API key this is. */
    public Optional<Shop> authenticate(final String apiKey) {
        if (apiKey == null || apiKey.isEmpty() || apiKey.length() > 256) {
            return Optional.empty();
        }
        return Optional.ofNullable(byKeyHash.get(Digests.sha256Hex(apiKey.getBytes(StandardCharsets.UTF_8))));
    }

    /** Every configured shop's id, sorted. */
    public SortedSet<String> ids() {
        return new TreeSet<>(byId.keySet());
    }

    @Override
    public boolean isKnown(final String shopId) {
        return byId.containsKey(shopId);
    }

    @Override
    public Integer maxWaitDays(final String shopId) {
        final Shop shop = byId.get(shopId);
        return shop == null ? null : shop.maxWaitDays();
    }
}
