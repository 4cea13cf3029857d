package io.restock.suppliergateway.directory;

import io.restock.suppliergateway.suppliers.SupplierConfiguration;
import io.restock.suppliergateway.suppliers.SupplierCodec;
import io.restock.suppliergateway.suppliers.Supplier;
import io.restock.suppliergateway.streams.GatewayStores;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The supplier registry as the service sees it: suppliers from configuration
 * ({@code supplier-gateway.suppliers.<id>}), overridden per id by the compacted topic
 * {@code supplier-gateway.suppliers} (the admin API writes it; the topology keeps it as a global store).
 * API keys are compared as SHA-256 hex digests; the keys themselves are never stored.
 */
@Singleton
public final class SupplierDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(SupplierDirectory.class);

    private final Map<String, Supplier> configured;
    private final GatewayStores stores;

    public SupplierDirectory(final List<SupplierConfiguration> configuration, final GatewayStores stores) {
        final Map<String, Supplier> byId = new LinkedHashMap<>();
        configuration.forEach(c -> byId.put(c.id(), c.toSupplier()));
        this.configured = Map.copyOf(byId);
        this.stores = stores;
    }

    public Map<String, Supplier> configured() {
        return configured;
    }

    /** Every supplier, registry topic over configuration. */
    public Map<String, Supplier> all() {
        final Map<String, Supplier> all = new LinkedHashMap<>(configured);
        stores.supplierRecords().forEach((id, json) -> {
            try {
                final Supplier s = SupplierCodec.read(json);
                if (s == null) {
                    all.remove(id);
                } else {
                    all.put(id, s);
                }
            } catch (final IllegalArgumentException e) {
                LOG.warn("ignoring unreadable registry record for supplier {}: {}", id, e.getMessage());
            }
        });
        return all;
    }

    public Optional<Supplier> find(final String id) {
        return Optional.ofNullable(all().get(id));
    }

    /** The supplier whose API key this is. */
    public Optional<Supplier> authenticate(final String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Optional.empty();
        }
        final byte[] digest = sha256Hex(apiKey).getBytes(StandardCharsets.US_ASCII);
        return all().values().stream()
                .filter(s -> s.apiKeySha256() != null
                        && MessageDigest.isEqual(digest, s.apiKeySha256().toLowerCase().getBytes(StandardCharsets.US_ASCII)))
                .findFirst();
    }

    public static String sha256Hex(final String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
