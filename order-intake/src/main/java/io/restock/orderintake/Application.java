package io.restock.orderintake;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * order-intake: the shops' front door. HTTP API on port 8080 (ORDER_INTAKE_PORT), the Kafka entrance on
 * each shop's {@code shops.<shopId>.order-submissions}, and the order status view. See order-intake/README.md.
 */
@OpenAPIDefinition(info = @Info(title = "order-intake", version = "1",
        description = "Restock's shop API: create orders (idempotent), cancel orders or lines, read line status."))
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The shop's API key as 'Authorization: Bearer <key>' (or 'X-Api-Key: <key>')",
        in = SecuritySchemeIn.HEADER)
public final class Application {

    private Application() {
    }

    public static void main(final String[] args) {
        Micronaut.run(Application.class, args);
    }
}
