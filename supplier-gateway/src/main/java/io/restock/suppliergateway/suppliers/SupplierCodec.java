package io.restock.suppliergateway.suppliers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON form of a {@link Supplier} on the compacted topic {@code supplier-gateway.suppliers}
 * (key: supplier id; a null value removes the supplier).
 */
public final class SupplierCodec {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private SupplierCodec() {
    }

    public static String write(final Supplier supplier) {
        try {
            return JSON.writeValueAsString(supplier);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot write supplier " + supplier.id(), e);
        }
    }

    /** The supplier, or null for a tombstone; an unreadable record throws. */
    public static Supplier read(final String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, Supplier.class);
        } catch (final JsonProcessingException e) {
            throw new IllegalArgumentException("not a supplier record: " + e.getOriginalMessage(), e);
        }
    }
}
