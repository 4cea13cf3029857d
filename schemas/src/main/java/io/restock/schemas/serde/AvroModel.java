package io.restock.schemas.serde;

import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;

/**
 * The one Avro data model Restock reads and writes its events with: specific records whose
 * logical types map to {@code BigDecimal} (money), {@code Instant} (timestamps) and
 * {@code LocalDate} (dates), at every depth of nesting.
 */
public final class AvroModel {

    public static final SpecificData MODEL = create();

    private AvroModel() {
    }

    private static SpecificData create() {
        final SpecificData model = new SpecificData(AvroModel.class.getClassLoader());
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        return model;
    }
}
