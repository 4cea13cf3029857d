package io.restock.demo.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo's products and what two suppliers offer for them, generated from a seed. SKU {@code DEMO-0000} is
 * the most popular (Zipf rank 0). Most SKUs are backorderable with a maximum wait both suppliers can meet;
 * a few are not backorderable, and a few have a maximum wait shorter than any lead time (their shortfalls are
 * rejected {@code WAIT_TOO_LONG}). Supplier {@value #KAFKA_SUPPLIER} is fast and dear, {@value #WEBHOOK_SUPPLIER}
 * slow and cheap, with different minimum quantities and pack sizes.
 */
public final class Catalog {

    public static final String KAFKA_SUPPLIER = "acme";
    public static final String WEBHOOK_SUPPLIER = "brightparts";

    /** One SKU's policy, price and starting stock. */
    public record Sku(String sku, int rank, BigDecimal unitPrice, boolean backorderable, int maxWaitDays,
                      int reorderPoint, int safetyStock, int targetLevel, int handlingDays, List<String> substitutes,
                      int initialStock, String description) {
        public Map<String, Object> policyJson() {
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("sku", sku);
            body.put("backorderable", backorderable);
            body.put("maxWaitDays", maxWaitDays);
            body.put("reorderPoint", reorderPoint);
            body.put("safetyStock", safetyStock);
            body.put("targetLevel", targetLevel);
            body.put("handlingDays", handlingDays);
            body.put("substitutes", substitutes);
            body.put("description", description);
            return body;
        }
    }

    /** One supplier's offer for one SKU. */
    public record Offer(String supplierId, String sku, int leadTimeDays, BigDecimal unitCost, int minimumOrderQuantity,
                        int packSize) {
        public Map<String, Object> json() {
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("supplierId", supplierId);
            body.put("sku", sku);
            body.put("leadTimeDays", leadTimeDays);
            body.put("unitCost", unitCost.toPlainString());
            body.put("currency", "EUR");
            body.put("minimumOrderQuantity", minimumOrderQuantity);
            body.put("packSize", packSize);
            return body;
        }
    }

    private static final String[] NOUNS = {"Kettle", "Lamp", "Mug", "Kite", "Drill", "Scarf", "Tent", "Clock",
        "Teapot", "Bottle", "Backpack", "Candle", "Puzzle", "Helmet", "Blender", "Toaster"};
    private static final String[] COLOURS = {"blue", "red", "green", "black", "white", "amber", "teal", "grey"};

    private final List<Sku> skus;
    private final List<Offer> offers;
    private final Map<String, Sku> bySku = new LinkedHashMap<>();
    private final Map<String, Offer> byOffer = new LinkedHashMap<>();

    private Catalog(final List<Sku> skus, final List<Offer> offers) {
        this.skus = List.copyOf(skus);
        this.offers = List.copyOf(offers);
        skus.forEach(s -> bySku.put(s.sku(), s));
        offers.forEach(o -> byOffer.put(o.supplierId() + "/" + o.sku(), o));
    }

    public static Catalog generate(final int count, final long seed) {
        final Random random = new Random(seed);
        final List<Sku> skus = new ArrayList<>();
        final List<Offer> offers = new ArrayList<>();
        for (int rank = 0; rank < count; rank++) {
            final String sku = "DEMO-%04d".formatted(rank);
            final BigDecimal price = BigDecimal.valueOf(5 + random.nextInt(195)).add(new BigDecimal("0.99"));
            final boolean backorderable = random.nextDouble() >= 0.05;
            final boolean impatient = random.nextDouble() < 0.05;
            final int handling = 1 + random.nextInt(2);
            final int maxWait = impatient ? 3 : 18 + random.nextInt(13);
            final int safety = 1 + random.nextInt(3);
            final int reorder = safety + random.nextInt(6);
            final int target = reorder + 15 + random.nextInt(30);
            final List<String> substitutes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                final int other = random.nextInt(count);
                final String candidate = "DEMO-%04d".formatted(other);
                if (other != rank && !substitutes.contains(candidate)) {
                    substitutes.add(candidate);
                }
            }
            // Popular SKUs start with more stock, but not enough for their demand.
            final int initial = rank < 20 ? 10 + random.nextInt(20) : random.nextInt(12);
            final String description = NOUNS[rank % NOUNS.length] + ", " + COLOURS[(rank / NOUNS.length) % COLOURS.length];
            skus.add(new Sku(sku, rank, price, backorderable, maxWait, reorder, safety, target, handling, substitutes,
                    initial, description));
            final BigDecimal baseCost = price.multiply(new BigDecimal("0.55"));
            final boolean acmeCheaper = random.nextDouble() < 0.35;
            offers.add(new Offer(KAFKA_SUPPLIER, sku, 3 + random.nextInt(4),
                    cost(baseCost, acmeCheaper ? 0.95 : 1.10), 5 + 5 * random.nextInt(3), 5));
            offers.add(new Offer(WEBHOOK_SUPPLIER, sku, 6 + random.nextInt(6),
                    cost(baseCost, acmeCheaper ? 1.05 : 0.90), 12 + random.nextInt(3) * 12, 12));
        }
        return new Catalog(skus, offers);
    }

    private static BigDecimal cost(final BigDecimal base, final double factor) {
        return base.multiply(BigDecimal.valueOf(factor)).setScale(2, RoundingMode.HALF_UP);
    }

    public List<Sku> skus() {
        return skus;
    }

    public List<Offer> offers() {
        return offers;
    }

    public Sku sku(final String sku) {
        return bySku.get(sku);
    }

    public Sku byRank(final int rank) {
        return skus.get(rank);
    }

    /** A supplier's offer for a SKU, or null. */
    public Offer offer(final String supplierId, final String sku) {
        return byOffer.get(supplierId + "/" + sku);
    }
}
