package io.restock.notifier.delivery;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * How webhook bodies are signed: {@code Restock-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>} where
 * the HMAC key is the shop's secret (UTF-8) and the MAC input is {@code <t> + "." + <raw body bytes>}.
 * A receiver recomputes it over the raw body, compares in constant time, and rejects timestamps too
 * far from its clock (replay).
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "Restock-Signature";
    public static final String DELIVERY_HEADER = "Restock-Delivery";
    public static final String EVENT_HEADER = "Restock-Event";

    private WebhookSignature() {
    }

    public static String header(final String secret, final long unixSeconds, final byte[] body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds, body);
    }

    static String hmac(final String secret, final long unixSeconds, final byte[] body) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always there", e);
        }
    }
}
