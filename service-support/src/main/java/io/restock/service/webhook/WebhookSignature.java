package io.restock.service.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Restock's one webhook contract, for shops (notifier) and suppliers (supplier-gateway): a JSON POST signed
 * in the common {@code t=...,v1=...} convention,
 * {@code Restock-Signature: t=<unix seconds>,v1=<hex(HMAC-SHA256(secret, "<t>." + raw body))>} (the secret
 * as UTF-8 bytes, the hex lower case; verify with {@link WebhookVerifier}), and the header set of
 * {@link #headers}: {@code Restock-Delivery-Id} (the same on every retry: receivers drop repeats),
 * {@code Restock-Event-Type}, {@code Restock-Attempt} (1 for the first try). Until the next release the
 * notifier also sends its former names {@code Restock-Delivery} and {@code Restock-Event}, with the same values
 * ({@link #withFormerNotifierNames}).
 */
public final class WebhookSignature {

    public static final String HEADER = "Restock-Signature";
    public static final String DELIVERY_ID_HEADER = "Restock-Delivery-Id";
    public static final String EVENT_TYPE_HEADER = "Restock-Event-Type";
    public static final String ATTEMPT_HEADER = "Restock-Attempt";
    /** The notifier's former name of {@link #DELIVERY_ID_HEADER}; still sent for one release. */
    @Deprecated
    public static final String LEGACY_DELIVERY_HEADER = "Restock-Delivery";
    /** The notifier's former name of {@link #EVENT_TYPE_HEADER}; still sent for one release. */
    @Deprecated
    public static final String LEGACY_EVENT_HEADER = "Restock-Event";

    private WebhookSignature() {
    }

    /**
     * Every Restock header of one delivery (besides {@code Content-Type: application/json}), in the order to
     * send them: the signature of {@code rawBody} at {@code unixSeconds}, the delivery id, the event type and
     * the attempt number (1-based).
     */
    public static Map<String, String> headers(final String secret, final long unixSeconds, final byte[] rawBody,
                                              final String deliveryId, final String eventType, final int attempt) {
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HEADER, header(secret, unixSeconds, rawBody));
        headers.put(DELIVERY_ID_HEADER, deliveryId);
        headers.put(EVENT_TYPE_HEADER, eventType);
        headers.put(ATTEMPT_HEADER, Integer.toString(attempt));
        return headers;
    }

    /** {@link #headers} plus the notifier's former names of the delivery id and event type (one more release). */
    @SuppressWarnings("deprecation")
    public static Map<String, String> withFormerNotifierNames(final Map<String, String> headers) {
        final Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(LEGACY_DELIVERY_HEADER, headers.get(DELIVERY_ID_HEADER));
        all.put(LEGACY_EVENT_HEADER, headers.get(EVENT_TYPE_HEADER));
        return all;
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
