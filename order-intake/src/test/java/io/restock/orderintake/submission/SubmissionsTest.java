package io.restock.orderintake.submission;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restock.events.CustomerTier;
import io.restock.orderintake.SampleOrders;
import io.restock.events.ShippingPolicy;
import io.restock.orderintake.submission.Violation.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SubmissionsTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    final Submissions submissions = new Submissions(Clock.fixed(NOW, ZoneOffset.UTC));

    static ObjectNode validOrder() {
        return SampleOrders.validOrder();
    }

    @Test
    void readsAValidOrderWithEveryField() {
        final Parsed<OrderSubmission> parsed = submissions.order(bytes(validOrder()));

        assertThat(parsed).isInstanceOf(Parsed.Valid.class);
        final OrderSubmission order = ((Parsed.Valid<OrderSubmission>) parsed).value();
        assertThat(order.orderId()).isEqualTo("o-1");
        assertThat(order.customer()).isEqualTo(new OrderSubmission.Customer("c-1", "ann@example.com",
                CustomerTier.GOLD, "de-DE"));
        assertThat(order.placedAt()).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
        assertThat(order.shippingPolicy()).isEqualTo(ShippingPolicy.COMPLETE);
        assertThat(order.maxWaitDays()).isEqualTo(14);
        assertThat(order.lines()).extracting(OrderSubmission.Line::unitPrice)
                .containsExactly(new BigDecimal("19.9900"), new BigDecimal("5.0000"));
    }

    @Test
    void defaultsTheOptionalFields() {
        final ObjectNode order = validOrder();
        order.remove("shippingPolicy");
        order.remove("maxWaitDays");
        ((ObjectNode) order.get("customer")).remove(java.util.List.of("email", "tier", "locale"));

        final OrderSubmission parsed = ((Parsed.Valid<OrderSubmission>) submissions.order(bytes(order))).value();

        assertThat(parsed.shippingPolicy()).isEqualTo(ShippingPolicy.PARTIAL);
        assertThat(parsed.maxWaitDays()).isNull();
        assertThat(parsed.customer()).isEqualTo(new OrderSubmission.Customer("c-1", null, CustomerTier.STANDARD, "en"));
    }

    static Stream<Arguments> malformedOrders() {
        return Stream.of(
                arguments("missing order id", change(o -> o.remove("orderId")), "orderId", Code.REQUIRED),
                arguments("order id with a slash", change(o -> o.put("orderId", "a/b")), "orderId", Code.INVALID_FORMAT),
                arguments("order id too long", change(o -> o.put("orderId", "x".repeat(65))), "orderId", Code.TOO_LONG),
                arguments("order id a number", change(o -> o.put("orderId", 7)), "orderId", Code.WRONG_TYPE),
                arguments("missing customer", change(o -> o.remove("customer")), "customer", Code.REQUIRED),
                arguments("missing customer id", change(o -> customer(o).remove("id")), "customer.id", Code.REQUIRED),
                arguments("bad email", change(o -> customer(o).put("email", "nope")), "customer.email",
                        Code.INVALID_FORMAT),
                arguments("unknown tier", change(o -> customer(o).put("tier", "DIAMOND")), "customer.tier",
                        Code.UNKNOWN_VALUE),
                arguments("bad locale", change(o -> customer(o).put("locale", "not a locale")), "customer.locale",
                        Code.INVALID_FORMAT),
                arguments("missing currency", change(o -> o.remove("currency")), "currency", Code.REQUIRED),
                arguments("lower-case currency", change(o -> o.put("currency", "eur")), "currency",
                        Code.INVALID_FORMAT),
                arguments("unknown currency", change(o -> o.put("currency", "XYZ")), "currency", Code.UNKNOWN_VALUE),
                arguments("no lines", change(o -> o.putArray("lines")), "lines", Code.TOO_FEW),
                arguments("lines not an array", change(o -> o.put("lines", "x")), "lines", Code.WRONG_TYPE),
                arguments("too many lines", change(o -> {
                    final ArrayNode lines = o.putArray("lines");
                    for (int i = 0; i <= Submissions.MAX_LINES; i++) {
                        lines.addObject().put("lineId", "l" + i).put("sku", "S").put("quantity", 1)
                                .put("unitPrice", "1");
                    }
                }), "lines", Code.TOO_MANY),
                arguments("duplicate line ids", change(o -> line(o, 1).put("lineId", "1")), "lines[1].lineId",
                        Code.DUPLICATE),
                arguments("zero quantity", change(o -> line(o, 0).put("quantity", 0)), "lines[0].quantity",
                        Code.OUT_OF_RANGE),
                arguments("negative quantity", change(o -> line(o, 0).put("quantity", -3)), "lines[0].quantity",
                        Code.OUT_OF_RANGE),
                arguments("huge quantity", change(o -> line(o, 0).put("quantity", 10_001)), "lines[0].quantity",
                        Code.OUT_OF_RANGE),
                arguments("quantity beyond a long", change(o -> line(o, 0).put("quantity",
                        new java.math.BigInteger("99999999999999999999999"))), "lines[0].quantity", Code.OUT_OF_RANGE),
                arguments("fractional quantity", change(o -> line(o, 0).put("quantity", 1.5)), "lines[0].quantity",
                        Code.WRONG_TYPE),
                arguments("quantity as text", change(o -> line(o, 0).put("quantity", "2")), "lines[0].quantity",
                        Code.WRONG_TYPE),
                arguments("missing sku", change(o -> line(o, 0).remove("sku")), "lines[0].sku", Code.REQUIRED),
                arguments("negative price", change(o -> line(o, 0).put("unitPrice", "-1.00")), "lines[0].unitPrice",
                        Code.INVALID_MONEY),
                arguments("five decimals", change(o -> line(o, 0).put("unitPrice", "1.00001")), "lines[0].unitPrice",
                        Code.INVALID_MONEY),
                arguments("price in exponent form", change(o -> line(o, 0).put("unitPrice", "1e3")),
                        "lines[0].unitPrice", Code.INVALID_MONEY),
                arguments("price too large", change(o -> line(o, 0).put("unitPrice", "1" + "0".repeat(15))),
                        "lines[0].unitPrice", Code.INVALID_MONEY),
                arguments("negative numeric price", change(o -> line(o, 0).put("unitPrice", -0.5)),
                        "lines[0].unitPrice", Code.INVALID_MONEY),
                arguments("price as a boolean", change(o -> line(o, 0).put("unitPrice", true)), "lines[0].unitPrice",
                        Code.WRONG_TYPE),
                arguments("missing price", change(o -> line(o, 0).remove("unitPrice")), "lines[0].unitPrice",
                        Code.REQUIRED),
                arguments("missing placedAt", change(o -> o.remove("placedAt")), "placedAt", Code.REQUIRED),
                arguments("placedAt without offset", change(o -> o.put("placedAt", "2026-11-22T10:00:00")),
                        "placedAt", Code.INVALID_FORMAT),
                arguments("placedAt in the future", change(o -> o.put("placedAt", "2026-11-22T12:06:00Z")),
                        "placedAt", Code.IN_FUTURE),
                arguments("unknown policy", change(o -> o.put("shippingPolicy", "SOMETIMES")), "shippingPolicy",
                        Code.UNKNOWN_VALUE),
                arguments("max wait zero", change(o -> o.put("maxWaitDays", 0)), "maxWaitDays", Code.OUT_OF_RANGE),
                arguments("unknown top-level field", change(o -> o.put("maxWait", 3)), "maxWait", Code.UNKNOWN_FIELD),
                arguments("unknown line field", change(o -> line(o, 1).put("discount", "1")), "lines[1].discount",
                        Code.UNKNOWN_FIELD),
                arguments("unknown customer field", change(o -> customer(o).put("name", "Ann")), "customer.name",
                        Code.UNKNOWN_FIELD),
                arguments("not JSON", "{\"orderId\": ", "", Code.MALFORMED_JSON),
                arguments("duplicate JSON key", "{\"orderId\":\"a\",\"orderId\":\"b\"}", "", Code.MALFORMED_JSON),
                arguments("trailing garbage", validOrder() + " x", "", Code.MALFORMED_JSON),
                arguments("an array body", "[]", "", Code.WRONG_TYPE),
                arguments("empty body", "", "", Code.REQUIRED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedOrders")
    void refusesMalformedOrdersNamingTheField(final String name, final String body, final String field,
                                              final Code code) {
        final Parsed<OrderSubmission> parsed = submissions.order(body.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed).isInstanceOf(Parsed.Invalid.class);
        assertThat(((Parsed.Invalid<OrderSubmission>) parsed).violations())
                .extracting(Violation::field, Violation::code)
                .contains(org.assertj.core.groups.Tuple.tuple(field, code));
    }

    @Test
    void reportsEveryViolationAtOnce() {
        final ObjectNode order = validOrder();
        order.remove("currency");
        line(order, 0).put("quantity", 0);
        line(order, 1).put("unitPrice", "x");

        final var violations = ((Parsed.Invalid<OrderSubmission>) submissions.order(bytes(order))).violations();

        assertThat(violations).extracting(Violation::field)
                .containsExactlyInAnyOrder("currency", "lines[0].quantity", "lines[1].unitPrice");
    }

    @Test
    void readsCancellationsAndRefusesDuplicateLineIds() {
        assertThat(submissions.cancellation("o-1", new byte[0]))
                .isEqualTo(new Parsed.Valid<>(new CancellationSubmission("o-1", java.util.List.of(), null)));
        assertThat(submissions.cancellation("o-1", "{\"lineIds\":[\"1\"],\"reason\":\"changed mind\"}"
                .getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Parsed.Valid<>(new CancellationSubmission("o-1", java.util.List.of("1"), "changed mind")));
        final var duplicate = submissions.cancellation("o-1", "{\"lineIds\":[\"1\",\"1\"]}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(((Parsed.Invalid<CancellationSubmission>) duplicate).violations())
                .extracting(Violation::field, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lineIds[1]", Code.DUPLICATE));
        final var lineOnly = submissions.lineCancellation("o-1", "2", "{\"lineIds\":[\"1\"]}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(((Parsed.Invalid<CancellationSubmission>) lineOnly).violations())
                .extracting(Violation::code).containsExactly(Code.UNKNOWN_FIELD);
    }

    private static String change(final Consumer<ObjectNode> change) {
        final ObjectNode order = validOrder();
        change.accept(order);
        return order.toString();
    }

    private static ObjectNode customer(final ObjectNode order) {
        return (ObjectNode) order.get("customer");
    }

    private static ObjectNode line(final ObjectNode order, final int index) {
        return (ObjectNode) order.get("lines").get(index);
    }

    private static byte[] bytes(final ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
