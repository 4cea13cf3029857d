package io.restock.suppliergateway.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Restock's webhook signature, in the common {@code t=...,v1=...} convention:
 * {@code Restock-Signature: t=<unix seconds>,v1=<hex(HMAC-SHA256(secret, "<t>." + raw body))>}.
 * The secret is used as UTF-8 bytes; the hex is lower case.
 */
public final class WebhookSignature {

    public static final String HEADER = "Restock-Signature";
    public static final String DELIVERY_ID_HEADER = "Restock-Delivery-Id";
    public static final String EVENT_TYPE_HEADER = "Restock-Event-Type";

    private WebhookSignature() {
    }

    /** The header value for a body signed at {@code unixSeconds} with {@code secret}. */
    public static String header(final String secret, final long unixSeconds, final byte[] rawBody) {
        return "t=" + unixSeconds + ",v1=" + hex(secret, unixSeconds, rawBody);
    }

    /** hex(HMAC-SHA256(secret, t + "." + body)). */
    public static String hex(final String secret, final long unixSeconds, final byte[] rawBody) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(rawBody));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
