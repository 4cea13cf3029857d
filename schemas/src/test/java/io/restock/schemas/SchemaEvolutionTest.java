package io.restock.schemas;

import io.restock.events.OrderEvent;
import io.restock.events.LineQuantity;
import io.restock.events.OrderPlaced;
import io.restock.events.ShipmentRequestRevoked;
import io.restock.events.ShipmentRequested;
import io.restock.events.ShippingPolicy;
import io.restock.schemas.registry.InMemorySchemaRegistryClient;
import io.restock.schemas.serde.ConfluentAvroSerde;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Records written under one version of a schema are read under the next, both ways a release meets them. */
class SchemaEvolutionTest {

    private static final String TOPIC = Topics.ORDER_EVENTS.name();

    /** v2 of the order-events value: OrderPlaced gains an optional giftMessage with a default. */
    private static Schema v2() {
        final String v1 = OrderEvent.getClassSchema().toString();
        return new Schema.Parser().parse(v1.replace(
                "{\"name\":\"currency\"",
                "{\"name\":\"giftMessage\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"currency\""));
    }

    /** v0: OrderPlaced before maxWaitDays existed. */
    private static Schema v0() {
        final String v1 = OrderEvent.getClassSchema().toString();
        final String field = "{\"name\":\"maxWaitDays\",\"type\":[\"null\",\"int\"],\"doc\":\"The customer's own limit in days; "
                + "the SKU's and shop's limits still apply.\",\"default\":null},";
        assertThat(v1).contains(field);
        return new Schema.Parser().parse(v1.replace(field, ""));
    }

    @Test
    void aV1RecordIsReadByAV2Reader() throws Exception {
        final var registry = new InMemorySchemaRegistryClient();
        final var serde = new ConfluentAvroSerde<>(OrderEvent.class, registry, false, true);
        final byte[] v1bytes = serde.serialize(TOPIC, new OrderEvent(SampleEvents.orderPlaced()));

        final int writerId = ByteBuffer.wrap(v1bytes, 1, 4).getInt();
        final Schema writer = registry.schemaById(writerId);
        final var reader = new GenericDatumReader<GenericRecord>(writer, v2());
        final GenericRecord read = reader.read(null,
                DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(v1bytes, 5, v1bytes.length), null));

        final GenericRecord placed = (GenericRecord) read.get("event");
        assertThat(placed.get("giftMessage")).isNull();
        assertThat(placed.get("orderId").toString()).isEqualTo("o-1");
        assertThat(placed.get("maxWaitDays")).isEqualTo(14);
    }

    @Test
    void aRecordWrittenUnderAnOlderSchemaIsReadAsTheCurrentClass() throws Exception {
        final var registry = new InMemorySchemaRegistryClient();
        final Schema old = v0();
        final int oldId = registry.register(Topics.ORDER_EVENTS.valueSubject(), old);

        final GenericRecord oldEvent = toGeneric(new OrderEvent(SampleEvents.orderPlaced()), old);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(oldId).array());
        final var encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(old, genericWithDecimals()).write(oldEvent, encoder);
        encoder.flush();

        final OrderEvent read = new ConfluentAvroSerde<>(OrderEvent.class, registry, false, false)
                .deserialize(TOPIC, out.toByteArray());

        final OrderPlaced placed = (OrderPlaced) read.getEvent();
        assertThat(placed.getMaxWaitDays()).as("field the old writer did not have takes its default").isNull();
        assertThat(placed.getOrderId()).isEqualTo("o-1");
        assertThat(placed.getLines().getFirst().getUnitPrice()).isEqualByComparingTo("19.99");
    }

    @Test
    void aBareShipmentRequestedOfReleaseV1IsReadThroughTheUnionOfV2AsAShipmentRequested() {
        final var registry = new InMemorySchemaRegistryClient();
        final ShipmentRequested written = new ShipmentRequested("e-1", java.time.Instant.parse("2026-11-22T10:00:00Z"),
                "sr-1", "o-1", ShippingPolicy.PARTIAL, java.util.List.of(new LineQuantity("1", "SKU-1", 3)));
        final byte[] v1bytes = new ConfluentAvroSerde<>(ShipmentRequested.class, registry, false, true)
                .serialize(Topics.SHIPMENT_REQUESTS.name(), written);

        final Object read = Topics.SHIPMENT_REQUESTS.valueSerde(EventSerdes.registry(registry, false)).deserializer()
                .deserialize(Topics.SHIPMENT_REQUESTS.name(), v1bytes);

        assertThat(read).isEqualTo(written);
        final ShipmentRequestRevoked withdrawn = new ShipmentRequestRevoked("e-2", written.getOccurredAt(), "o-1",
                "CANCELLED", java.util.List.of(new LineQuantity("1", "SKU-1", 3)));
        final var union = Topics.SHIPMENT_REQUESTS.valueSerde(EventSerdes.registry(registry, true));
        assertThat(union.deserializer().deserialize(Topics.SHIPMENT_REQUESTS.name(),
                union.serializer().serialize(Topics.SHIPMENT_REQUESTS.name(), withdrawn))).isEqualTo(withdrawn);
    }

    /** Re-reads a specific record as a generic one under another schema (by field name). */
    private static GenericRecord toGeneric(final OrderEvent event, final Schema target) throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final var encoder = EncoderFactory.get().binaryEncoder(out, null);
        new org.apache.avro.specific.SpecificDatumWriter<OrderEvent>(OrderEvent.getClassSchema()).write(event, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(OrderEvent.getClassSchema(), target, genericWithDecimals())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static GenericData genericWithDecimals() {
        final GenericData data = new GenericData();
        data.addLogicalTypeConversion(new org.apache.avro.Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.DateConversion());
        return data;
    }
}
