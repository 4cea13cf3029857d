package io.restock.inventory.problem;

import io.restock.service.json.JsonFields;

import java.util.regex.Pattern;

/**
 * What a SKU (and a movement or order id) may look like at the HTTP edges: 1-64 characters, letters,
 * digits and {@code . _ - :}, so it is safe in a URL path and in the {@code supplierId/sku} offer key.
 */
public final class SkuIds {

    public static final int MAX_LENGTH = 64;
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private SkuIds() {
    }

    public static boolean isValid(final String sku) {
        return sku != null && SKU.matcher(sku).matches();
    }

    /** Reads {@code field} as a SKU, adding a violation if it is missing or malformed. */
    public static String read(final JsonFields fields, final String field, final boolean required) {
        final String value = fields.text(field, required, MAX_LENGTH);
        if (value != null && !isValid(value)) {
            fields.add(field, "invalid-sku", "a SKU is 1-64 letters, digits, '.', '_', '-' or ':', starting with a letter or digit");
            return null;
        }
        return value;
    }
}
