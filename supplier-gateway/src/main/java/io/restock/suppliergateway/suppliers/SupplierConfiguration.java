package io.restock.suppliergateway.suppliers;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * One supplier from {@code supplier-gateway.suppliers.<id>}, as {@link #toSupplier()} turns it into a
 * {@link Supplier} (whose parameters say what each setting means): {@code name} (default: the id), {@code channel}
 * (KAFKA, the default, or WEBHOOK), {@code webhook-url}, {@code signing-secrets} (newest first, at most two),
 * {@code api-key-sha256}, {@code contact}. The registry topic overrides these (admin API).
 */
@EachProperty("supplier-gateway.suppliers")
public record SupplierConfiguration(@Parameter String id,
                                    @Nullable String name,
                                    @Bindable(defaultValue = "KAFKA") Channel channel,
                                    @Nullable String webhookUrl,
                                    @Nullable List<String> signingSecrets,
                                    @Nullable String apiKeySha256,
                                    @Nullable String contact) {

    public Supplier toSupplier() {
        return new Supplier(id, name == null ? id : name, channel, webhookUrl, signingSecrets, apiKeySha256, contact);
    }
}
