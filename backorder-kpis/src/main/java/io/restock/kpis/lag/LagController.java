package io.restock.kpis.lag;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /lag}: the last consumer-lag measurement of every Restock consumer group ({@link ConsumerLag}); every
 * instance measures the whole cluster itself, so no forwarding.
 */
@Controller("/lag")
public final class LagController {

    private final ConsumerLag lag;

    public LagController(final ConsumerLag lag) {
        this.lag = lag;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public ConsumerLag.Snapshot lag() {
        return lag.latest();
    }
}
