package io.restock.suppliergateway;

import io.restock.suppliergateway.directory.SupplierDirectory;

import java.util.Map;
import java.util.UUID;

/** The two KAFKA suppliers the service ITs configure, acme and globex, with API keys of this test run. */
public final class KafkaSuppliers {

    public static final String ACME_KEY = "acme-key-" + UUID.randomUUID();
    public static final String GLOBEX_KEY = "globex-key-" + UUID.randomUUID();

    private KafkaSuppliers() {
    }

    /** Their {@code supplier-gateway.suppliers.<id>} settings: channel KAFKA and the hash of their API key. */
    public static Map<String, Object> settings() {
        return Map.of(
                "supplier-gateway.suppliers.acme.channel", "KAFKA",
                "supplier-gateway.suppliers.acme.api-key-sha256", SupplierDirectory.sha256Hex(ACME_KEY),
                "supplier-gateway.suppliers.globex.channel", "KAFKA",
                "supplier-gateway.suppliers.globex.api-key-sha256", SupplierDirectory.sha256Hex(GLOBEX_KEY));
    }
}
