package io.restock.inventory.topology;

import io.restock.events.StockMovement;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * What a warehouse movement says, as a short digest kept with its movement id, so that a movement id
 * reused for other content is told apart from a retry of the same movement. The digest covers the
 * movement's type and every field but {@code eventId} and {@code occurredAt} (the HTTP edge fills
 * {@code occurredAt} with the time of the request when the warehouse gives none, so a retry differs there):
 * the SKU, warehouse, quantities, order line, purchase-order line, reason, carrier and tracking number.
 * Used by the SKU writer ({@link AllocationProcessor}) and by the warehouse HTTP edge.
 */
public final class MovementDigest {

    private static final Set<String> NOT_CONTENT = Set.of("eventId", "occurredAt");

    private MovementDigest() {
    }

    /** Hex of the first 16 bytes of SHA-256 over the movement's type and content fields, length-prefixed. */
    public static String of(final StockMovement movement) {
        final SpecificRecord event = (SpecificRecord) movement.getEvent();
        final Schema schema = event.getSchema();
        final StringBuilder text = new StringBuilder(128).append(schema.getName());
        for (final Schema.Field field : schema.getFields()) {
            if (NOT_CONTENT.contains(field.name())) {
                continue;
            }
            final Object value = event.get(field.pos());
            final String shown = value == null ? "-" : String.valueOf(value).length() + ":" + value;
            text.append('|').append(field.name()).append('=').append(shown);
        }
        try {
            final byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
