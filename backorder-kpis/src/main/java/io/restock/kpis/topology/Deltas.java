package io.restock.kpis.topology;

import io.restock.kpis.internal.KpiDelta;
import io.restock.kpis.internal.OpenBackorderChange;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** Builders of {@link KpiDelta}s, every field at its neutral value. */
final class Deltas {

    private Deltas() {
    }

    static KpiDelta.Builder of(final String sourceEventId, final Instant at) {
        return KpiDelta.newBuilder().setSourceEventId(sourceEventId).setAt(at);
    }

    static OpenBackorderChange open(final String sku, final int lines, final int units, final BigDecimal unitValue) {
        return new OpenBackorderChange(sku, lines, units,
                unitValue.multiply(BigDecimal.valueOf(units)).setScale(4, RoundingMode.HALF_UP));
    }
}
