package io.restock.inventory.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.restock.events.SkuPolicy;
import io.restock.inventory.problem.SkuIds;
import io.restock.service.json.JsonFields;
import io.restock.service.problem.Violation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * SKU policies as the catalog API takes them (one JSON object per SKU; CSV rows are turned into the
 * same objects by {@link PolicyCsv}), validated and mapped to {@link SkuPolicy} in one place.
 *
 * <p>Rules: {@code backorderable}, {@code reorderPoint} and {@code targetLevel} are required; every
 * number is a whole number {@code >= 0}; {@code safetyStock <= reorderPoint <= targetLevel} (the reorder
 * point includes the safety stock); {@code maxWaitDays <= 3650}, {@code handlingDays <= 365}; substitutes
 * are at most {@value #MAX_SUBSTITUTES} distinct valid SKUs, not the SKU itself.
 */
final class PolicyRequests {

    static final int MAX_SUBSTITUTES = 20;
    static final int MAX_DESCRIPTION = 500;
    static final Set<String> FIELDS = Set.of("sku", "description", "backorderable", "maxWaitDays", "reorderPoint",
            "safetyStock", "targetLevel", "handlingDays", "substitutes", "dropShipAllowed");

    /** Policies and the violations found; {@code policies} is empty when {@code violations} is not. */
    record Parsed(List<SkuPolicy> policies, List<Violation> violations) {
        boolean isValid() {
            return violations.isEmpty();
        }
    }

    private PolicyRequests() {
    }

    /** {@code PUT /catalog/skus/{sku}}: the body's {@code sku}, if given, must be the path's. */
    static Parsed single(final String pathSku, final JsonNode body, final Instant now) {
        final List<Violation> violations = new ArrayList<>();
        if (!SkuIds.isValid(pathSku)) {
            violations.add(new Violation("sku", "invalid-sku",
                    "the SKU in the path is not 1-64 letters, digits, '.', '_', '-' or ':'"));
            return new Parsed(List.of(), violations);
        }
        final Row row = row(body, pathSku, now);
        return row.policy == null ? new Parsed(List.of(), row.violations) : new Parsed(List.of(row.policy), List.of());
    }

    /**
     * {@code POST /catalog/skus}: all or nothing. Each element is validated; violations are named
     * {@code <label>[i].<field>} ({@code rows} for JSON, {@code line} numbers for CSV come in via labels).
     */
    static Parsed bulk(final List<JsonNode> rows, final List<String> labels, final Instant now) {
        final List<Violation> violations = new ArrayList<>();
        final List<SkuPolicy> policies = new ArrayList<>();
        final Map<String, String> seen = new HashMap<>();
        if (rows.isEmpty()) {
            violations.add(new Violation("", "empty", "no policies in the body"));
        }
        for (int i = 0; i < rows.size(); i++) {
            final Row row = row(rows.get(i), null, now);
            final String label = labels.get(i);
            row.violations.forEach(v -> violations.add(v.prefixed(label)));
            if (row.policy != null) {
                final String previous = seen.putIfAbsent(row.policy.getSku(), label);
                if (previous != null) {
                    violations.add(new Violation(label + ".sku", "duplicate-sku",
                            row.policy.getSku() + " appears already at " + previous));
                }
                policies.add(row.policy);
            }
        }
        return violations.isEmpty() ? new Parsed(policies, List.of()) : new Parsed(List.of(), violations);
    }

    private record Row(SkuPolicy policy, List<Violation> violations) {
    }

    private static Row row(final JsonNode body, final String pathSku, final Instant now) {
        final JsonFields f = JsonFields.of(body, FIELDS);
        String sku = SkuIds.read(f, "sku", pathSku == null);
        if (pathSku != null) {
            if (sku != null && !sku.equals(pathSku)) {
                f.add("sku", "sku-mismatch", "the body's sku " + sku + " is not the path's " + pathSku);
            }
            sku = pathSku;
        }
        final String description = f.text("description", false, MAX_DESCRIPTION);
        final Boolean backorderable = f.bool("backorderable", true);
        final Integer maxWait = range(f, "maxWaitDays", false, 3650);
        final Integer reorderPoint = range(f, "reorderPoint", true, Integer.MAX_VALUE);
        final Integer safetyStock = range(f, "safetyStock", false, Integer.MAX_VALUE);
        final Integer targetLevel = range(f, "targetLevel", true, Integer.MAX_VALUE);
        final Integer handling = range(f, "handlingDays", false, 365);
        final List<String> substitutes = f.textList("substitutes");
        final Boolean dropShip = f.bool("dropShipAllowed", false);
        if (reorderPoint != null && targetLevel != null && reorderPoint > targetLevel) {
            f.add("reorderPoint", "above-target-level",
                    "the reorder point (" + reorderPoint + ") must not exceed the target level (" + targetLevel + ")");
        }
        if (safetyStock != null && reorderPoint != null && safetyStock > reorderPoint) {
            f.add("safetyStock", "above-reorder-point",
                    "the reorder point includes the safety stock, so safetyStock (" + safetyStock
                            + ") must not exceed reorderPoint (" + reorderPoint + ")");
        }
        if (substitutes != null) {
            checkSubstitutes(f, sku, substitutes);
        }
        if (!f.isValid()) {
            return new Row(null, f.violations());
        }
        final SkuPolicy policy = SkuPolicy.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(now)
                .setSku(sku)
                .setDescription(description)
                .setBackorderable(backorderable)
                .setMaxWaitDays(maxWait)
                .setReorderPoint(reorderPoint)
                .setSafetyStock(safetyStock == null ? 0 : safetyStock)
                .setTargetLevel(targetLevel)
                .setHandlingDays(handling == null ? 0 : handling)
                .setSubstitutes(substitutes == null ? List.of() : List.copyOf(substitutes))
                .setDropShipAllowed(dropShip != null && dropShip)
                .build();
        return new Row(policy, List.of());
    }

    private static Integer range(final JsonFields f, final String name, final boolean required, final int max) {
        final Integer value = f.integer(name, required);
        if (value == null) {
            return null;
        }
        if (value < 0) {
            f.add(name, "must-not-be-negative", "must be 0 or more");
            return null;
        }
        if (value > max) {
            f.add(name, "too-large", "must be at most " + max);
            return null;
        }
        return value;
    }

    private static void checkSubstitutes(final JsonFields f, final String sku, final List<String> substitutes) {
        if (substitutes.size() > MAX_SUBSTITUTES) {
            f.add("substitutes", "too-many", "at most " + MAX_SUBSTITUTES + " substitutes");
            return;
        }
        final Set<String> distinct = new LinkedHashSet<>();
        final Set<String> reported = new HashSet<>();
        for (int i = 0; i < substitutes.size(); i++) {
            final String s = substitutes.get(i);
            final String field = "substitutes[" + i + "]";
            if (!SkuIds.isValid(s)) {
                f.add(field, "invalid-sku", "'" + s + "' is not a SKU");
            } else if (s.equals(sku)) {
                f.add(field, "self-substitute", "a SKU cannot substitute itself");
            } else if (!distinct.add(s) && reported.add(s)) {
                f.add(field, "duplicate-substitute", s + " is listed twice");
            }
        }
    }
}
