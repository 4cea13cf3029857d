package io.restock.suppliergateway.suppliers;

import java.util.List;
import java.util.Objects;

/**
 * One supplier in the registry.
 *
 * @param id             lower-case kebab-case; names its topic {@code suppliers.<id>.purchase-orders}
 * @param channel        how purchase orders reach it
 * @param webhookUrl     where webhooks go (WEBHOOK only)
 * @param signingSecrets webhook secrets, newest first, at most two (rotation: add the new one first,
 *                       drop the old one once the supplier verifies with the new one)
 * @param apiKeySha256   lower-case hex SHA-256 of the supplier's API key; the key itself is never stored
 * @param contact        free text for operators (e-mail, phone)
 */
public record Supplier(String id, String name, Channel channel, String webhookUrl, List<String> signingSecrets,
                       String apiKeySha256, String contact) {

    public static final int MAX_SECRETS = 2;

    public Supplier {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        signingSecrets = signingSecrets == null ? List.of() : List.copyOf(signingSecrets);
        if (signingSecrets.size() > MAX_SECRETS) {
            throw new IllegalArgumentException("at most " + MAX_SECRETS + " signing secrets");
        }
        if (channel == Channel.WEBHOOK && (webhookUrl == null || signingSecrets.isEmpty())) {
            throw new IllegalArgumentException("a WEBHOOK supplier needs a webhook URL and a signing secret");
        }
    }

    /** The secret new deliveries are signed with. */
    public String signingSecret() {
        return signingSecrets.getFirst();
    }

    /** The same supplier without secrets, for reading back over the admin API. */
    public Supplier redacted() {
        return new Supplier(id, name, channel, webhookUrl,
                signingSecrets.stream().map(s -> "***").toList(), apiKeySha256, contact);
    }
}
