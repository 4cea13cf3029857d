package io.restock.schemas;

import io.restock.events.OrderEvent;
import io.restock.schemas.compatibility.BackwardCompatibility;
import io.restock.schemas.compatibility.ReleasedSchemas;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's schema gate: the current value schema of every topic reads every released version
 * ({@code BACKWARD_TRANSITIVE}), and the checker names the field when a change breaks that.
 */
class SchemaCompatibilityTest {

    private static final ReleasedSchemas RELEASED = ReleasedSchemas.inRepository();

    @Test
    void everyAvroTopicHasAReleasedSchema() {
        for (final Topic<?, ?> topic : Topics.ALL) {
            if (topic.valueSchema().isPresent()) {
                assertThat(RELEASED.versions(topic.name()))
                        .as("released schemas of " + topic.name() + " under " + RELEASED.dir()
                                + " (run ReleaseSchemas, see README)")
                        .isNotEmpty();
            }
        }
    }

    @Test
    void currentSchemasReadEveryReleasedVersion() {
        final List<String> problems = new ArrayList<>();
        for (final Topic<?, ?> topic : Topics.ALL) {
            topic.valueSchema().ifPresent(current ->
                    BackwardCompatibility.check(topic.name(), current, RELEASED.versions(topic.name()))
                            .forEach(v -> problems.add(v.describe())));
        }
        assertThat(problems).as("backward-incompatible schema changes").isEmpty();
    }

    @Test
    void addingARequiredFieldWithoutDefaultFailsAndNamesTheField() {
        final var violations = checkEditedOrderEvent("{\"name\":\"currency\"",
                "{\"name\":\"warehouseId\",\"type\":\"string\"},{\"name\":\"currency\"");

        assertThat(violations).hasSize(1);
        assertThat(violations.getFirst().field()).isEqualTo("OrderEvent.event<OrderPlaced>.warehouseId");
        assertThat(violations.getFirst().describe())
                .contains("orders.order-events", "warehouseId", "released v1", "READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void changingAFieldTypeFailsAndNamesTheField() {
        final var violations = checkEditedOrderEvent(
                "{\"name\":\"quantity\",\"type\":\"int\",\"doc\":\"Units (each).\"}",
                "{\"name\":\"quantity\",\"type\":\"string\"}");

        assertThat(violations).extracting(BackwardCompatibility.Violation::field)
                .containsExactly("OrderEvent.event<OrderPlaced>.lines[].quantity");
        assertThat(violations.getFirst().kind()).isEqualTo("TYPE_MISMATCH");
    }

    @Test
    void removingAnEnumSymbolWithoutADefaultFailsAndNamesTheField() {
        final String current = io.restock.events.LineEvent.getClassSchema().toString();
        assertThat(current).contains(",\"DUPLICATE_LINE\"");
        final Schema broken = new Schema.Parser().parse(current.replace(",\"DUPLICATE_LINE\"", ""));

        final var violations = BackwardCompatibility.check("inventory.line-events", broken,
                List.of(io.restock.events.LineEvent.getClassSchema()));

        assertThat(violations).extracting(BackwardCompatibility.Violation::field)
                .containsExactly("LineEvent.event<LineRejected>.reason");
        assertThat(violations.getFirst().detail()).contains("DUPLICATE_LINE");
    }

    @Test
    void droppingAnEventTypeFromATopicFailsAndNamesIt() {
        final Schema current = io.restock.events.StockMovement.getClassSchema();
        final Schema withoutShipped = Schema.createRecord("StockMovement", null, "io.restock.events", false, List.of(
                new Schema.Field("event", Schema.createUnion(
                        current.getField("event").schema().getTypes().subList(0, 2)))));

        final var violations = BackwardCompatibility.check("inventory.stock-movements", withoutShipped,
                List.of(current));

        assertThat(violations).extracting(BackwardCompatibility.Violation::field)
                .containsExactly("StockMovement.event<StockShipped>");
    }

    @Test
    void addingAnOptionalFieldWithADefaultPasses() {
        assertThat(checkEditedOrderEvent("{\"name\":\"currency\"",
                "{\"name\":\"warehouseId\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"currency\""))
                .isEmpty();
    }

    /**
     * The checker's verdict on orders.order-events' current schema with the first {@code find} replaced by
     * {@code replacement}, against the current one as if it were released v1.
     */
    private static List<BackwardCompatibility.Violation> checkEditedOrderEvent(final String find,
                                                                             final String replacement) {
        final String current = OrderEvent.getClassSchema().toString();
        assertThat(current).contains(find);
        final Schema edited = new Schema.Parser().parse(current.replaceFirst(java.util.regex.Pattern.quote(find),
                java.util.regex.Matcher.quoteReplacement(replacement)));
        return BackwardCompatibility.check("orders.order-events", edited, List.of(OrderEvent.getClassSchema()));
    }
}
