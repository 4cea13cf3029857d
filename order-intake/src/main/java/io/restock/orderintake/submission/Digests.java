package io.restock.orderintake.submission;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex: request bodies (idempotency) and API keys (stored hashed). */
public final class Digests {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    private Digests() {
    }

    public static String sha256Hex(final byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    public static byte[] sha256(final byte[] bytes) {
        final MessageDigest digest = SHA256.get();
        digest.reset();
        return digest.digest(bytes);
    }
}
