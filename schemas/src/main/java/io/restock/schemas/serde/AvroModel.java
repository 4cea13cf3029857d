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

    /**
     * {@link #MODEL} with Avro's generated encoders on ({@code customEncode}, which avro-maven-plugin generates
     * for records without logical types, e.g. inventory-stream's {@code SkuState} and {@code LineState}): the same
     * bytes as the generic writer (the binary encoding is Avro's, not the coder's choice), written without the
     * generic writer's per-field lookups. Off in Avro by default ({@code org.apache.avro.specific.use_custom_coders});
     * used for writing private records ({@link PrivateAvroSerde}), where a profile of inventory-stream put the
     * generic writer at ~8% of the stream thread.
     */
    public static final SpecificData WITH_GENERATED_ENCODERS = withGeneratedEncoders();

    private AvroModel() {
    }

    private static SpecificData create() {
        final SpecificData model = new SpecificData(AvroModel.class.getClassLoader());
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        return model;
    }

    private static SpecificData withGeneratedEncoders() {
        final SpecificData model = create();
        model.setCustomCoders(true);
        return model;
    }
}
