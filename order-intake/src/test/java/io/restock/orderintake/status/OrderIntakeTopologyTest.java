package io.restock.orderintake.status;

import io.restock.orderintake.SampleOrders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restock.events.LineAllocated;
import io.restock.events.LineEvent;
import io.restock.events.OrderCancellationRequested;
import io.restock.events.OrderEvent;
import io.restock.events.OrderPlaced;
import io.restock.events.ShippingPolicy;
import io.restock.orderintake.shops.ShopRules;
import io.restock.orderintake.view.Acceptance;
import io.restock.orderintake.submission.IntakeHeaders;
import io.restock.orderintake.view.LineStatus;
import io.restock.orderintake.view.OrderView;
import io.restock.orderintake.submission.OrderEventMapper;
import io.restock.orderintake.submission.OrderSubmission;
import io.restock.orderintake.submission.Parsed;
import io.restock.orderintake.submission.Submissions;
import io.restock.schemas.deadletter.DeadLetters;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.topics.Topics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OrderIntakeTopologyTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    final EventSerdes serdes = EventSerdes.inMemoryRegistry();
    final Submissions submissions = new Submissions(Clock.fixed(NOW, ZoneOffset.UTC));
    final List<long[]> applied = new ArrayList<>();
    TopologyTestDriver driver;
    TestInputTopic<String, OrderEvent> orderEvents;
    TestInputTopic<String, LineEvent> lineEvents;
    TestInputTopic<byte[], byte[]> submissionsTopic;
    TestOutputTopic<String, OrderEvent> orderEventsOut;
    TestOutputTopic<byte[], byte[]> deadLetters;
    TestOutputTopic<byte[], byte[]> outcomes;

    /** shop-a sets no maximum wait; shop-b accepts 5 days, shop-c 30. */
    static final ShopRules SHOPS = new ShopRules() {
        private final Map<String, Integer> maxWaits = new java.util.HashMap<>(Map.of("shop-b", 5, "shop-c", 30));

        @Override
        public boolean isKnown(final String shopId) {
            return Set.of("shop-a", "shop-b", "shop-c").contains(shopId);
        }

        @Override
        public Integer maxWaitDays(final String shopId) {
            return maxWaits.get(shopId);
        }
    };

    @BeforeEach
    void start() {
        final Topology topology = OrderIntakeTopology.build(serdes, submissions, SHOPS,
                (partition, offset) -> applied.add(new long[]{partition, offset}));
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "order-intake");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(topology, props, NOW);
        final var key = Serdes.String();
        orderEvents = driver.createInputTopic(Topics.ORDER_EVENTS.name(), key.serializer(),
                Topics.ORDER_EVENTS.valueSerde(serdes).serializer());
        lineEvents = driver.createInputTopic(Topics.LINE_EVENTS.name(), key.serializer(),
                Topics.LINE_EVENTS.valueSerde(serdes).serializer());
        submissionsTopic = submissionsOf("shop-a");
        orderEventsOut = driver.createOutputTopic(Topics.ORDER_EVENTS.name(), key.deserializer(),
                Topics.ORDER_EVENTS.valueSerde(serdes).deserializer());
        deadLetters = deadLettersOf("shop-a");
        outcomes = outcomesOf("shop-a");
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void namesEveryNodeAndStoreInOneCoPartitionedSubTopology() {
        final Topology topology = OrderIntakeTopology.build(serdes, submissions, SHOPS, (p, o) -> { });

        assertThat(topology.describe().toString()).isEqualTo("""
                Topologies:
                   Sub-topology: 0
                    Source: read-shop-submissions (topics: shops\\.([A-Za-z0-9_-]{1,64})\\.order-submissions)
                      --> validate-shop-submissions
                    Processor: validate-shop-submissions (stores: [order-views])
                      --> write-order-events, write-submission-dead-letters, write-submission-outcomes
                      <-- read-shop-submissions
                    Source: read-delivery-dates (topics: [promises.delivery-dates])
                      --> apply-delivery-dates
                    Source: read-line-events (topics: [inventory.line-events])
                      --> apply-line-events
                    Source: read-order-events (topics: [orders.order-events])
                      --> apply-order-events
                    Processor: apply-delivery-dates (stores: [order-views])
                      --> none
                      <-- read-delivery-dates
                    Processor: apply-line-events (stores: [order-views])
                      --> none
                      <-- read-line-events
                    Processor: apply-order-events (stores: [order-views])
                      --> none
                      <-- read-order-events
                    Sink: write-order-events (topic: orders.order-events)
                      <-- validate-shop-submissions
                    Sink: write-submission-dead-letters (extractor class: dlq.shops.<shopId>.order-submissions)
                      <-- validate-shop-submissions
                    Sink: write-submission-outcomes (extractor class: shops.<shopId>.submission-outcomes)
                      <-- validate-shop-submissions

                """);
    }

    @Test
    void foldsOrderAndLineEventsIntoTheViewWithTheOrdersAcceptance() {
        final OrderEvent placed = placed("o-1");
        final RecordHeaders headers = new RecordHeaders();
        headers.add(IntakeHeaders.IDEMPOTENCY_KEY, "key-1".getBytes(StandardCharsets.UTF_8));
        headers.add(IntakeHeaders.REQUEST_HASH, "hash-1".getBytes(StandardCharsets.UTF_8));
        orderEvents.pipeInput(new TestRecord<>("o-1", placed, headers, NOW));
        lineEvents.pipeInput("o-1", new LineEvent(new LineAllocated("l-e", NOW, "o-1", "1", "SKU-1", 2, 2,
                ShippingPolicy.PARTIAL)));
        orderEvents.pipeInput("o-1", new OrderEvent(new OrderCancellationRequested("c-e", NOW, "o-1", "shop-a",
                List.of("2"), null)));

        final OrderView view = views().get("o-1");
        assertThat(view.acceptance()).isEqualTo(new Acceptance("o-1", "shop-a", eventId(placed),
                NOW.toEpochMilli(), "key-1", "hash-1"));
        assertThat(view.lines()).extracting(l -> l.status(view.shipsNow()))
                .containsExactly(LineStatus.READY_TO_SHIP, LineStatus.CANCELLATION_REQUESTED);
        assertThat(view.version()).isEqualTo(3);
        assertThat(applied).hasSize(2);
    }

    @Test
    void republishesAValidJsonSubmissionAsOrderPlaced() {
        submissionsTopic.pipeInput(bytes("o-7"), submission("o-7", "shop-a"), NOW);

        final var out = orderEventsOut.readKeyValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.getFirst().key).isEqualTo("o-7");
        final OrderPlaced placed = (OrderPlaced) out.getFirst().value.getEvent();
        final OrderSubmission expected = ((Parsed.Valid<OrderSubmission>) submissions.order(
                SampleOrders.validOrder().put("orderId", "o-7").toString().getBytes(StandardCharsets.UTF_8))).value();
        assertThat(placed).usingRecursiveComparison()
                .isEqualTo(OrderEventMapper.placed(expected, "shop-a", placed.getEventId(), NOW).getEvent());
        assertThat(views().get("o-7").placed()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void theKafkaEntranceGivesAnOrderTheTighterOfTheCustomersAndTheShopsMaximumWait() {
        // SampleOrders' customer accepts 14 days.
        submissionsTopic.pipeInput(bytes("o-a"), submission("o-a", "shop-a"), NOW);
        submissionsOf("shop-b").pipeInput(bytes("o-b"), submission("o-b", "shop-b"), NOW);
        submissionsOf("shop-c").pipeInput(bytes("o-c"), submission("o-c", "shop-c"), NOW);

        assertThat(orderEventsOut.readValuesToList()).extracting(e -> ((OrderPlaced) e.getEvent()).getMaxWaitDays())
                .containsExactly(14, 5, 14);
        assertThat(views().get("o-b").maxWaitDays()).isEqualTo(5);
    }

    @Test
    void anOrderEventWrittenFromAShopSubmissionCarriesNoHeadersOfTheSubmission() {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(IntakeHeaders.IDEMPOTENCY_KEY, "key-1".getBytes(StandardCharsets.UTF_8));
        headers.add(IntakeHeaders.REQUEST_HASH, "hash-1".getBytes(StandardCharsets.UTF_8));
        headers.add("shop-trace", "t-1".getBytes(StandardCharsets.UTF_8));

        submissionsTopic.pipeInput(new TestRecord<>(bytes("o-8"), submission("o-8", "shop-a"), headers, NOW));

        assertThat(orderEventsOut.readRecordsToList()).singleElement()
                .satisfies(r -> assertThat(r.headers().toArray()).isEmpty());
    }

    @Test
    void deadLettersPoisonAndInvalidSubmissionsWithTheReasonAndKeepGoing() {
        submissionsTopic.pipeInput(bytes("o-1"), "{not json".getBytes(StandardCharsets.UTF_8), NOW);
        final ObjectNode badQuantity = SampleOrders.validOrder().put("orderId", "o-2");
        ((ObjectNode) badQuantity.get("lines").get(0)).put("quantity", 0);
        submissionsTopic.pipeInput(bytes("o-2"), envelope(badQuantity, "shop-a"), NOW);
        submissionsTopic.pipeInput(bytes("o-3"), submission("o-3", "shop-z"), NOW);
        submissionsTopic.pipeInput(bytes("wrong-key"), submission("o-4", "shop-a"), NOW);
        submissionsTopic.pipeInput(bytes("o-5"), submission("o-5", "shop-a"), NOW);

        final var dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(r -> DeadLetters.header(r.headers(), DeadLetters.ERROR_REASON).orElseThrow())
                .containsExactly("MALFORMED_JSON", "OUT_OF_RANGE", "SHOP_MISMATCH", "KEY_MISMATCH");
        assertThat(dead.get(1).headers().lastHeader(DeadLetters.STAGE).value())
                .isEqualTo("validation".getBytes(StandardCharsets.UTF_8));
        assertThat(DeadLetters.header(dead.get(1).headers(), DeadLetters.ERROR_MESSAGE).orElseThrow())
                .contains("order.lines[0].quantity");
        assertThat(dead.get(1).value()).isEqualTo(envelope(badQuantity, "shop-a"));
        assertThat(orderEventsOut.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("o-5");
    }

    @Test
    void dropsARepublishedSubmissionAndRefusesADifferentOneForTheSameOrder() {
        submissionsTopic.pipeInput(bytes("o-1"), submission("o-1", "shop-a"), NOW);
        submissionsTopic.pipeInput(bytes("o-1"), submission("o-1", "shop-a"), NOW);
        final ObjectNode other = SampleOrders.validOrder().put("orderId", "o-1").put("currency", "USD");
        submissionsTopic.pipeInput(bytes("o-1"), envelope(other, "shop-a"), NOW);

        assertThat(orderEventsOut.readKeyValuesToList()).hasSize(1);
        assertThat(deadLetters.readRecordsToList())
                .extracting(r -> DeadLetters.header(r.headers(), DeadLetters.ERROR_REASON).orElseThrow())
                .containsExactly("ORDER_EXISTS");
        final List<JsonNode> told = json(outcomes);
        assertThat(told).extracting(o -> o.get("outcome").asText()).containsExactly("ACCEPTED", "DUPLICATE", "REJECTED");
        assertThat(told.get(1).get("eventId")).isEqualTo(told.get(0).get("eventId"));
        assertThat(told.get(2).get("reason").asText()).isEqualTo("ORDER_EXISTS");
    }

    @Test
    void cancelsOnlyAnOrderOfTheSameShopWithKnownLines() {
        submissionsTopic.pipeInput(bytes("o-1"), submission("o-1", "shop-a"), NOW);
        orderEventsOut.readKeyValuesToList();

        submissionsOf("shop-b").pipeInput(bytes("o-1"), cancellation("o-1", "shop-b", "[]"), NOW);
        submissionsTopic.pipeInput(bytes("o-1"), cancellation("o-1", "shop-a", "[\"9\"]"), NOW);
        submissionsTopic.pipeInput(bytes("o-2"), cancellation("o-2", "shop-a", "[]"), NOW);
        submissionsTopic.pipeInput(bytes("o-1"), cancellation("o-1", "shop-a", "[\"2\"]"), NOW);

        final var dead = new ArrayList<>(deadLettersOf("shop-b").readRecordsToList());
        dead.addAll(deadLetters.readRecordsToList());
        assertThat(dead).extracting(r -> DeadLetters.header(r.headers(), DeadLetters.ERROR_REASON).orElseThrow())
                .containsExactly("UNKNOWN_ORDER", "UNKNOWN_LINE", "UNKNOWN_ORDER");
        final var out = orderEventsOut.readValuesToList();
        assertThat(out).hasSize(1);
        assertThat(((OrderCancellationRequested) out.getFirst().getEvent()).getLineIds()).containsExactly("2");
    }

    @Test
    void aSubmissionWhoseBodyNamesAnotherShopIsRejectedAsShopMismatchAndPlacesNoOrder() {
        submissionsTopic.pipeInput(bytes("o-1"), submission("o-1", "shop-b"), NOW);
        submissionsTopic.pipeInput(bytes("o-1"), cancellation("o-1", "shop-b", "[]"), NOW);

        assertThat(orderEventsOut.isEmpty()).isTrue();
        assertThat(views().get("o-1")).isNull();
        final var dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(r -> DeadLetters.header(r.headers(), DeadLetters.ERROR_REASON).orElseThrow())
                .containsExactly("SHOP_MISMATCH", "SHOP_MISMATCH");
        assertThat(dead).extracting(r -> DeadLetters.header(r.headers(), DeadLetters.SOURCE_TOPIC).orElseThrow())
                .containsOnly("shops.shop-a.order-submissions");
        assertThat(json(outcomes)).extracting(o -> o.get("outcome").asText() + " " + o.get("reason").asText()
                + " " + o.get("shopId").asText()).containsExactly("REJECTED SHOP_MISMATCH shop-a",
                "REJECTED SHOP_MISMATCH shop-a");
        assertThat(outcomesOf("shop-b").isEmpty()).isTrue();
        assertThat(deadLettersOf("shop-b").isEmpty()).isTrue();
    }

    @Test
    void theShopIsTheTopicsWhenTheBodyNamesNone() {
        submissionsOf("shop-b").pipeInput(bytes("o-1"), ("{\"type\":\"OrderPlaced\",\"order\":"
                + SampleOrders.validOrder().put("orderId", "o-1") + "}").getBytes(StandardCharsets.UTF_8), NOW);

        final OrderPlaced placed = (OrderPlaced) orderEventsOut.readValue().getEvent();
        assertThat(placed.getShopId()).isEqualTo("shop-b");
        assertThat(placed.getMaxWaitDays()).isEqualTo(5);
        final JsonNode told = json(outcomesOf("shop-b")).getFirst();
        assertThat(told.get("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(told.get("eventId").asText()).isEqualTo(placed.getEventId());
        assertThat(told.get("orderId").asText()).isEqualTo("o-1");
        assertThat(told.get("topic").asText()).isEqualTo("shops.shop-b.order-submissions");
    }

    @Test
    void everySubmissionOfAKnownShopGetsExactlyOneOutcomeOnItsShopsTopic() {
        submissionsTopic.pipeInput(bytes("o-1"), submission("o-1", "shop-a"), NOW);
        submissionsTopic.pipeInput(bytes("o-2"), "{not json".getBytes(StandardCharsets.UTF_8), NOW);
        submissionsTopic.pipeInput(bytes("o-1"), cancellation("o-1", "shop-a", "[\"1\"]"), NOW);

        final List<JsonNode> told = json(outcomes);
        assertThat(told).extracting(o -> o.get("outcome").asText() + " " + o.path("type").asText("-") + " "
                + o.get("offset").asLong()).containsExactly("ACCEPTED OrderPlaced 0", "REJECTED - 1",
                "ACCEPTED OrderCancellationRequested 2");
        assertThat(told.get(1).get("reason").asText()).isEqualTo("MALFORMED_JSON");
    }

    @Test
    void aSubmissionsTopicOfAShopThatIsNotConfiguredIsSkippedWithoutOutput() {
        submissionsOf("shop-z").pipeInput(bytes("o-1"), submission("o-1", "shop-z"), NOW);

        assertThat(orderEventsOut.isEmpty()).isTrue();
        assertThat(outcomesOf("shop-z").isEmpty()).isTrue();
        assertThat(deadLettersOf("shop-z").isEmpty()).isTrue();
        assertThat(views().get("o-1")).isNull();
    }

    private TestInputTopic<byte[], byte[]> submissionsOf(final String shopId) {
        return driver.createInputTopic(Topics.shopSubmissions(shopId).name(), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private TestOutputTopic<byte[], byte[]> outcomesOf(final String shopId) {
        return driver.createOutputTopic(Topics.shopSubmissionOutcomes(shopId).name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private TestOutputTopic<byte[], byte[]> deadLettersOf(final String shopId) {
        return driver.createOutputTopic(Topics.shopSubmissions(shopId).deadLetterTopic(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private static List<JsonNode> json(final TestOutputTopic<byte[], byte[]> topic) {
        return topic.readValuesToList().stream().map(value -> {
            try {
                return JSON.readTree(value);
            } catch (final java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    private KeyValueStore<String, OrderView> views() {
        return driver.getKeyValueStore(OrderIntakeTopology.ORDER_VIEWS);
    }

    private static OrderEvent placed(final String orderId) {
        final OrderSubmission order = new OrderSubmission(orderId, new OrderSubmission.Customer("c-1", null,
                io.restock.events.CustomerTier.STANDARD, "en"), "EUR", List.of(
                new OrderSubmission.Line("1", "SKU-1", 2, java.math.BigDecimal.ONE),
                new OrderSubmission.Line("2", "SKU-2", 1, java.math.BigDecimal.TEN)), NOW, ShippingPolicy.PARTIAL, null);
        return OrderEventMapper.placed(order, "shop-a", "e-" + orderId, NOW);
    }

    private static String eventId(final OrderEvent event) {
        return ((OrderPlaced) event.getEvent()).getEventId();
    }

    static byte[] submission(final String orderId, final String shopId) {
        return envelope(SampleOrders.validOrder().put("orderId", orderId), shopId);
    }

    static byte[] envelope(final ObjectNode order, final String shopId) {
        return ("{\"type\":\"OrderPlaced\",\"shopId\":\"" + shopId + "\",\"order\":" + order + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] cancellation(final String orderId, final String shopId, final String lineIds) {
        return ("{\"type\":\"OrderCancellationRequested\",\"shopId\":\"" + shopId + "\",\"orderId\":\"" + orderId
                + "\",\"lineIds\":" + lineIds + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
