package io.restock.service.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference verifier for Restock webhooks, for suppliers to use or port. Rules, in order:
 * <ol>
 *   <li>the header parses as comma-separated {@code key=value} pairs with exactly one {@code t} (unix
 *       seconds) and at least one {@code v1} (64 hex digits); other keys are ignored (future schemes);</li>
 *   <li>{@code |now - t|} is at most the tolerance (default 5 minutes): refuses replays of old deliveries;</li>
 *   <li>some {@code v1} equals {@code hex(HMAC-SHA256(secret, t + "." + rawBody))} for one of the
 *       secrets (at most two, during rotation), compared in constant time, over the body's raw bytes
 *       exactly as received (never re-serialised JSON).</li>
 * </ol>
 * After verifying, deduplicate by the {@code Restock-Delivery-Id} header: deliveries are at least once.
 */
public final class WebhookVerifier {

    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    /** Why a delivery was refused, or {@link #VALID}. */
    public enum Result {
        VALID, MALFORMED_HEADER, TIMESTAMP_OUT_OF_TOLERANCE, SIGNATURE_MISMATCH
    }

    private final List<String> secrets;
    private final Duration tolerance;

    public WebhookVerifier(final List<String> secrets, final Duration tolerance) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret");
        }
        this.secrets = List.copyOf(secrets);
        this.tolerance = tolerance;
    }

    public Result verify(final String header, final byte[] rawBody, final Instant now) {
        if (header == null) {
            return Result.MALFORMED_HEADER;
        }
        Long timestamp = null;
        final List<String> signatures = new ArrayList<>();
        for (final String part : header.split(",")) {
            final int eq = part.indexOf('=');
            if (eq <= 0) {
                return Result.MALFORMED_HEADER;
            }
            final String key = part.substring(0, eq).trim();
            final String value = part.substring(eq + 1).trim();
            if (key.equals("t")) {
                if (timestamp != null || !value.matches("[0-9]{1,12}")) {
                    return Result.MALFORMED_HEADER;
                }
                timestamp = Long.parseLong(value);
            } else if (key.equals("v1")) {
                if (!value.matches("[0-9a-f]{64}")) {
                    return Result.MALFORMED_HEADER;
                }
                signatures.add(value);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return Result.MALFORMED_HEADER;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return Result.TIMESTAMP_OUT_OF_TOLERANCE;
        }
        for (final String secret : secrets) {
            final byte[] expected = WebhookSignature.hex(secret, timestamp, rawBody).getBytes(StandardCharsets.US_ASCII);
            for (final String signature : signatures) {
                if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
                    return Result.VALID;
                }
            }
        }
        return Result.SIGNATURE_MISMATCH;
    }
}
