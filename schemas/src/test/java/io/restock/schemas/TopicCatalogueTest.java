package io.restock.schemas;

import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.Topics;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicCatalogueTest {

    @Test
    void topicNamesAreDomainDotDatasetInKebabCase() {
        for (final Topic<?, ?> topic : Topics.ALL) {
            assertThat(topic.name()).matches("[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*");
        }
        assertThat(new HashSet<>(Topics.ALL.stream().map(Topic::name).toList())).hasSize(Topics.ALL.size());
    }

    @Test
    void tablesAreCompactedAndEventLogsAreNot() {
        assertThat(Topics.ALL.stream().filter(t -> t.spec().compacted()).map(Topic::name))
                .containsExactlyInAnyOrder("catalog.sku-policies", "catalog.supplier-offers", "inventory.stock-levels",
                        "promises.sku-supply");
    }

    @Test
    void everyEventCarriesAnEventIdAndWhenItOccurred() {
        final List<String> missing = new ArrayList<>();
        for (final Topic<?, ?> topic : Topics.ALL) {
            topic.valueSchema().ifPresent(schema -> events(schema).forEach(event -> {
                final Schema.Field id = event.getField("eventId");
                final Schema.Field at = event.getField("occurredAt");
                if (id == null || id.schema().getType() != Schema.Type.STRING) {
                    missing.add(event.getName() + ".eventId");
                }
                if (at == null || at.schema().getLogicalType() == null
                        || !at.schema().getLogicalType().getName().equals("timestamp-millis")) {
                    missing.add(event.getName() + ".occurredAt");
                }
            }));
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void eventNamesAreEntityAndPastTenseVerb() {
        for (final Topic<?, ?> topic : Topics.ALL) {
            topic.valueSchema().ifPresent(schema -> events(schema).forEach(event ->
                    assertThat(event.getName()).as("event on " + topic.name())
                            .matches("[A-Z][A-Za-z]+(ed|Sent|Level|Policy|Offer|Supply|Shortfall)")));
        }
    }

    @Test
    void supplierTopicsAreTheSuppliersOwn() {
        assertThat(Topics.supplierPurchaseOrders("acme-tools").name()).isEqualTo("suppliers.acme-tools.purchase-orders");
        assertThatThrownBy(() -> Topics.supplierPurchaseOrders("Acme.*")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shopTopicsAreTheShopsOwnAndNameTheShop() {
        assertThat(Topics.shopSubmissions("demo-shop").name()).isEqualTo("shops.demo-shop.order-submissions");
        assertThat(Topics.shopSubmissionOutcomes("demo-shop").name()).isEqualTo("shops.demo-shop.submission-outcomes");
        assertThat(Topics.shopSubmissions("demo-shop").deadLetterTopic())
                .isEqualTo("dlq.shops.demo-shop.order-submissions");
        assertThat(Topics.shopTopics("Shop_7")).extracting(Topic::name)
                .containsExactly("shops.Shop_7.order-submissions", "shops.Shop_7.submission-outcomes");
    }

    @Test
    void aShopIdThatWouldBlurTopicNamesOrAclPrefixesNamesNoTopic() {
        for (final String bad : List.of("acme.west", "acme:1", "", "a/b", "x".repeat(65))) {
            assertThatThrownBy(() -> Topics.shopSubmissions(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Topics.shopSubmissionOutcomes(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Topics.shopSubmissions(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theShopOfASubmissionsTopicIsReadFromItsNameOnly() {
        assertThat(Topics.shopOfSubmissions(Topics.shopSubmissions("other-shop").name())).contains("other-shop");
        assertThat(Topics.shopOfSubmissions("shops.other-shop.submission-outcomes")).isEmpty();
        assertThat(Topics.shopOfSubmissions("shops.a.b.order-submissions")).isEmpty();
        assertThat(Topics.shopOfSubmissions("dlq.shops.a.order-submissions")).isEmpty();
        assertThat(Topics.shopOfSubmissions("orders.order-events")).isEmpty();
        assertThat(Topics.shopOfSubmissions(null)).isEmpty();
        assertThat(Topics.SHOP_SUBMISSIONS_PATTERN.matcher("shops.acme.order-submissions").matches()).isTrue();
    }

    /** The event records a topic carries: the union branches of an envelope or of the value, or the record itself. */
    private static List<Schema> events(final Schema value) {
        if (value.getType() == Schema.Type.UNION) {
            return value.getTypes();
        }
        final Schema.Field event = value.getField("event");
        return event != null && event.schema().getType() == Schema.Type.UNION ? event.schema().getTypes() : List.of(value);
    }
}
