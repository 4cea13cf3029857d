package io.restock.suppliergateway;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/**
 * supplier-gateway: purchase orders out to suppliers (their own Kafka topic, or a signed webhook) and
 * supplier answers in over HTTP ({@code /purchase-orders}), plus the supplier registry's admin API
 * ({@code /admin/suppliers}). HTTP port 8084 ({@code SUPPLIER_GATEWAY_PORT}). See supplier-gateway/README.md.
 */
@OpenAPIDefinition(info = @Info(title = "Restock supplier gateway", version = "1",
        description = "Suppliers read their purchase orders and answer them: acknowledgements, promised dates, shipment notices."))
public final class Application {

    private Application() {
    }

    public static void main(final String[] args) {
        Micronaut.run(Application.class, args);
    }
}
