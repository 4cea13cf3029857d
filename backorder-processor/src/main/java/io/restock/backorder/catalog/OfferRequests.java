package io.restock.backorder.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.restock.events.SupplierOffer;
import io.restock.service.problem.Violation;
import io.restock.schemas.topics.Topics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
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
        if (node == null || !node.isObject()) {
            violations.add(new Violation("", "not-an-object", "expected a JSON object"));
            return null;
        }
        for (final Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            final String name = names.next();
            if (!FIELDS.contains(name)) {
                violations.add(new Violation(name, "unknown-field", "not a field of a supplier offer; fields are "
                        + FIELDS.stream().sorted().toList()));
            }
        }
        final String supplierId = identity(node, "supplierId", pathSupplier, violations);
        final String sku = identity(node, "sku", pathSku, violations);
        if (supplierId != null && !Topics.isValidSupplierId(supplierId)) {
            violations.add(new Violation("supplierId", "invalid-supplier-id",
                    "lower-case letters, digits and '-', starting with a letter or digit, at most 63"));
        }
        if (sku != null && !SKU.matcher(sku).matches()) {
            violations.add(new Violation("sku", "invalid-sku", "letters, digits and . _ : -, at most 64"));
        }
        final Integer leadTime = integer(node, "leadTimeDays", null, 0, MAX_LEAD_TIME_DAYS, violations);
        final BigDecimal unitCost = money(node, "unitCost", violations);
        final String currency = text(node, "currency", violations);
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            violations.add(new Violation("currency", "invalid-currency", "an ISO 4217 code such as EUR"));
        }
        final Integer moq = integer(node, "minimumOrderQuantity", 1, 1, 1_000_000, violations);
        final Integer pack = integer(node, "packSize", 1, 1, 1_000_000, violations);
        final Boolean dropShip = bool(node, "dropShip", false, violations);
        final Boolean active = bool(node, "active", true, violations);
        Double reliability = 1.0;
        final JsonNode r = node.get("reliability");
        if (r != null && !r.isNull()) {
            if (!r.isNumber() || r.asDouble() < 0 || r.asDouble() > 1) {
                violations.add(new Violation("reliability", "out-of-range", "a number from 0 to 1"));
                reliability = null;
            } else {
                reliability = r.asDouble();
            }
        }
        if (!violations.isEmpty()) {
            return null;
        }
        return new SupplierOffer(UUID.randomUUID().toString(), now, supplierId, sku, leadTime,
                unitCost.setScale(4, RoundingMode.HALF_UP), currency, moq, pack, dropShip, reliability, active);
    }

    private static String identity(final JsonNode node, final String field, final String fromPath,
                                   final List<Violation> violations) {
        final JsonNode value = node.get(field);
        if (fromPath != null) {
            if (value != null && !value.isNull() && !fromPath.equals(value.asText())) {
                violations.add(new Violation(field, "does-not-match-path", "the body says " + value.asText()
                        + ", the path " + fromPath));
            }
            return fromPath;
        }
        return text(node, field, violations);
    }

    private static String text(final JsonNode node, final String field, final List<Violation> violations) {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            violations.add(new Violation(field, "required", "required"));
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            violations.add(new Violation(field, "must-be-text", "a non-empty string"));
            return null;
        }
        return value.asText();
    }

    private static Integer integer(final JsonNode node, final String field, final Integer fallback, final int min,
                                   final int max, final List<Violation> violations) {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                violations.add(new Violation(field, "required", "required"));
            }
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            violations.add(new Violation(field, "must-be-integer", "a whole number"));
            return null;
        }
        if (value.asInt() < min || value.asInt() > max) {
            violations.add(new Violation(field, "out-of-range", "from " + min + " to " + max));
            return null;
        }
        return value.asInt();
    }

    private static BigDecimal money(final JsonNode node, final String field, final List<Violation> violations) {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            violations.add(new Violation(field, "required", "required"));
            return null;
        }
        final BigDecimal amount;
        try {
            amount = value.isNumber() ? value.decimalValue() : value.isTextual() ? new BigDecimal(value.asText()) : null;
        } catch (final NumberFormatException e) {
            violations.add(new Violation(field, "invalid-money", "a decimal amount such as \"12.50\""));
            return null;
        }
        if (amount == null) {
            violations.add(new Violation(field, "invalid-money", "a decimal amount such as \"12.50\""));
            return null;
        }
        if (amount.signum() < 0 || amount.scale() > 4 || amount.precision() - amount.scale() > 14) {
            violations.add(new Violation(field, "invalid-money", "0 or more, at most 4 decimals and 14 integer digits"));
            return null;
        }
        return amount;
    }

    private static Boolean bool(final JsonNode node, final String field, final boolean fallback,
                                final List<Violation> violations) {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            violations.add(new Violation(field, "must-be-boolean", "true or false"));
            return null;
        }
        return value.asBoolean();
    }
}
