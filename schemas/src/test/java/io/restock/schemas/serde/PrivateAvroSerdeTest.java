package io.restock.schemas.serde;

import io.restock.events.LineQuantity;
import io.restock.events.PromiseBasis;
import io.restock.events.SkuPromise;
import io.restock.events.Substitute;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Private records (stores, changelogs, repartition topics) outlive a build: each carries its writer schema's
 * fingerprint, so a later build reads what an earlier one wrote and refuses, clearly, what it cannot know.
 */
class PrivateAvroSerdeTest {

    private static final String TOPIC = "some-app-some-store-changelog";
    private static final SkuPromise PROMISE = SkuPromise.newBuilder().setEventId("ev-1")
            .setOccurredAt(Instant.parse("2026-11-22T10:00:00Z")).setSku("KETTLE-BLUE")
            .setEarliestDate(LocalDate.parse("2026-12-01")).setSupplierId("acme").setBasis(PromiseBasis.NEW_ORDER)
            .build();

    private final PrivateAvroSerde<SkuPromise> serde = new PrivateAvroSerde<>(SkuPromise.class);

    @Test
    void aRecordCarriesItsSchemaFingerprintAndReadsBackAsWritten() {
        final byte[] bytes = serde.serialize(TOPIC, PROMISE);

        assertThat(bytes[0]).isEqualTo(PrivateAvroSerde.FORMAT);
        assertThat(ByteBuffer.wrap(bytes, 1, 8).getLong())
                .isEqualTo(SchemaNormalization.parsingFingerprint64(SkuPromise.getClassSchema()));
        assertThat(serde.deserialize(TOPIC, bytes)).usingRecursiveComparison().isEqualTo(PROMISE);
    }

    @Test
    void aRecordWrittenWithAnEarlierKeptSchemaIsReadAsTheCurrentType() throws IOException {
        final Schema v1;
        try (InputStream in = getClass().getResourceAsStream("/state-schemas/io.restock.events.SkuPromise/v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        final GenericRecord old = new GenericData.Record(v1);
        old.put("eventId", "ev-0");
        old.put("occurredAt", Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
        old.put("sku", "KETTLE-RED");
        old.put("earliestDate", (int) LocalDate.parse("2026-11-20").toEpochDay());
        old.put("basis", new GenericData.EnumSymbol(v1.getField("basis").schema(), "INBOUND"));

        final SkuPromise read = serde.deserialize(TOPIC, framed(SchemaNormalization.parsingFingerprint64(v1),
                bare(v1, old)));

        assertThat(read.getSku()).isEqualTo("KETTLE-RED");
        assertThat(read.getEarliestDate()).isEqualTo(LocalDate.parse("2026-11-20"));
        assertThat(read.getBasis()).isEqualTo(PromiseBasis.INBOUND);
        assertThat(read.getSupplierId()).as("the field added since, at its default").isNull();
    }

    @Test
    void aRecordWrittenWithASchemaThisBuildDoesNotKnowIsRefusedNamingTheFingerprint() {
        final byte[] current = serde.serialize(TOPIC, PROMISE);
        final byte[] fromNewerBuild = framed(0x0123456789abcdefL, Arrays.copyOfRange(current, 9, current.length));

        assertThatThrownBy(() -> serde.deserialize(TOPIC, fromNewerBuild))
                .isInstanceOfSatisfying(EventDecodingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.UNKNOWN_SCHEMA_ID);
                    assertThat(e.getMessage()).contains("SkuPromise", "0123456789abcdef",
                            "state-schemas/io.restock.events.SkuPromise/", "reset");
                });
    }

    @Test
    void bareAvroWrittenBeforeRecordsCarriedTheirSchemaIsStillRead() {
        final byte[] before = new PlainAvroSerde<>(SkuPromise.class).serialize(TOPIC, PROMISE);

        assertThat(serde.deserialize(TOPIC, before)).usingRecursiveComparison().isEqualTo(PROMISE);
    }

    @Test
    void truncatedOrCorruptBytesAreRefusedNotMisread() {
        final byte[] bytes = serde.serialize(TOPIC, PROMISE);

        assertThatThrownBy(() -> serde.deserialize(TOPIC, java.util.Arrays.copyOf(bytes, 5)))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.NOT_FRAMED));
        assertThatThrownBy(() -> serde.deserialize(TOPIC, java.util.Arrays.copyOf(bytes, bytes.length + 2)))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.CORRUPT_PAYLOAD));
    }

    @Test
    void aKeptEarlierSchemaTheCurrentOneCannotReadFailsTheSerdesConstruction() {
        assertThatThrownBy(() -> new PrivateAvroSerde<>(Substitute.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("state-schemas/io.restock.events.Substitute/v1.avsc cannot be read as the current");
    }

    @Test
    void onlyRecordsWhoseEncodingStartsWithAnEvenByteCanTellBareAvroFromTheFormat() {
        assertThat(PrivateAvroSerde.startsWithAnEvenByte(SkuPromise.getClassSchema())).isTrue();
        assertThat(PrivateAvroSerde.startsWithAnEvenByte(new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"delta\",\"type\":\"int\"}]}"))).isFalse();
        assertThat(PrivateAvroSerde.startsWithAnEvenByte(new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"done\",\"type\":\"boolean\"}]}"))).isFalse();
    }

    private static byte[] bare(final Schema schema, final GenericRecord record) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] framed(final long fingerprint, final byte[] avro) {
        return ByteBuffer.allocate(9 + avro.length).put(PrivateAvroSerde.FORMAT).putLong(fingerprint).put(avro).array();
    }

    @Test
    void generatedEncodersWriteTheSameBytesAsTheGenericWriter() throws IOException, NoSuchMethodException {
        // LineQuantity has no logical types, so avro-maven-plugin generated its own encoder, which the serde uses.
        assertThat(LineQuantity.class.getDeclaredMethod("customEncode", Encoder.class)).isNotNull();
        assertThat(AvroModel.WITH_GENERATED_ENCODERS.useCustomCoders()).isTrue();
        assertThat(AvroModel.MODEL.useCustomCoders()).isFalse();
        final PrivateAvroSerde<LineQuantity> quantities = new PrivateAvroSerde<>(LineQuantity.class);
        for (final LineQuantity value : new LineQuantity[] {new LineQuantity("1", "KETTLE-RED", 7),
                new LineQuantity("", "", 0), new LineQuantity("line-2", "sku-\u00e9", Integer.MAX_VALUE)}) {
            final ByteArrayOutputStream generic = new ByteArrayOutputStream();
            final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(generic, null);
            new SpecificDatumWriter<LineQuantity>(LineQuantity.getClassSchema(), AvroModel.MODEL).write(value, encoder);
            encoder.flush();
            final byte[] written = quantities.serialize(TOPIC, value);

            assertThat(Arrays.copyOfRange(written, 9, written.length)).isEqualTo(generic.toByteArray());
            assertThat(quantities.deserialize(TOPIC, written)).isEqualTo(value);
        }
    }
}
