package io.restock.backorder.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.restock.events.SupplierOffer;
import io.restock.service.json.JsonFields;
import io.restock.service.problem.Violation;
import io.restock.schemas.topics.Topics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Supplier offers from JSON: every field checked, every problem named (field, stable code, message),
 * all-or-nothing for a bulk request. Unknown fields are refused, so a misspelt {@code packsize} does not
 * silently become a pack of 1.
 */
final class OfferRequests {

    static final Set<String> FIELDS = Set.of("supplierId", "sku", "leadTimeDays", "unitCost", "currency",
            "minimumOrderQuantity", "packSize", "dropShip", "reliability", "active");
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final int MAX_LEAD_TIME_DAYS = 3650;

    /** The valid offers, or every violation found. */
    record Parsed(List<SupplierOffer> offers, List<Violation> violations) {
        boolean isValid() {
            return violations.isEmpty();
        }
    }

    private OfferRequests() {
    }

    /** One offer; {@code supplierId} and {@code sku} from the path win, and must match the body if it names them. */
    static Parsed single(final String supplierId, final String sku, final JsonNode body, final Instant now) {
        final List<Violation> violations = new ArrayList<>();
        final SupplierOffer offer = offer(body, supplierId, sku, now, violations);
        return new Parsed(offer == null ? List.of() : List.of(offer), violations);
    }

    /** Many offers; a violation names its row ({@code rows[3].packSize}). */
    static Parsed bulk(final JsonNode array, final Instant now) {
        final List<Violation> violations = new ArrayList<>();
        final List<SupplierOffer> offers = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            final List<Violation> row = new ArrayList<>();
            final SupplierOffer offer = offer(array.get(i), null, null, now, row);
            final String prefix = "rows[" + i + "]";
            row.forEach(v -> violations.add(v.prefixed(prefix)));
            if (offer != null) {
                offers.add(offer);
            }
        }
        return new Parsed(violations.isEmpty() ? offers : List.of(), violations);
    }

    private static SupplierOffer offer(final JsonNode node, final String pathSupplier, final String pathSku,
                                       final Instant now, final List<Violation> violations) {
        final JsonFields f = JsonFields.of(node, FIELDS);
        final String supplierId = identity(f, "supplierId", pathSupplier);
        final String sku = identity(f, "sku", pathSku);
        if (supplierId != null && !Topics.isValidSupplierId(supplierId)) {
            f.add("supplierId", "invalid-supplier-id",
                    "lower-case letters, digits and '-', starting with a letter or digit, at most 63");
        }
        if (sku != null && !SKU.matcher(sku).matches()) {
            f.add("sku", "invalid-sku", "letters, digits and . _ : -, at most 64");
        }
        final Integer leadTime = f.integer("leadTimeDays", true, 0, MAX_LEAD_TIME_DAYS);
        final BigDecimal unitCost = f.money("unitCost", true, 4, 14);
        final String currency = f.text("currency", true);
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            f.add("currency", "invalid-currency", "an ISO 4217 code such as EUR");
        }
        final Integer moq = f.integer("minimumOrderQuantity", false, 1, 1_000_000);
        final Integer pack = f.integer("packSize", false, 1, 1_000_000);
        final Boolean dropShip = f.bool("dropShip", false);
        final Boolean active = f.bool("active", false);
        Double reliability = null;
        if (f.has("reliability")) {
            final JsonNode r = node.get("reliability");
            if (!r.isNumber() || r.asDouble() < 0 || r.asDouble() > 1) {
                f.add("reliability", "out-of-range", "a number from 0 to 1");
            } else {
                reliability = r.asDouble();
            }
        }
        violations.addAll(f.violations());
        if (!f.isValid()) {
            return null;
        }
        return new SupplierOffer(UUID.randomUUID().toString(), now, supplierId, sku, leadTime,
                unitCost.setScale(4, RoundingMode.HALF_UP), currency, moq == null ? 1 : moq, pack == null ? 1 : pack,
                Boolean.TRUE.equals(dropShip), reliability == null ? 1.0 : reliability, active == null || active);
    }

    /** supplierId or sku: from the path when there is one (the body may repeat it, but must agree). */
    private static String identity(final JsonFields f, final String field, final String fromPath) {
        if (fromPath == null) {
            return f.text(field, true);
        }
        final String inBody = f.has(field) ? f.text(field, false) : null;
        if (inBody != null && !fromPath.equals(inBody)) {
            f.add(field, "does-not-match-path", "the body says " + inBody + ", the path " + fromPath);
        }
        return fromPath;
    }
}
