package io.restock.orderintake.submission;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.restock.events.CustomerTier;
import io.restock.events.ShippingPolicy;
import io.restock.orderintake.submission.Violation.Code;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place order and cancellation submissions are read and validated, for the HTTP API and the
 * JSON topic alike. Reading is strict: unknown fields are refused (a misspelt optional field such
 * as {@code maxWaitDays} would otherwise be dropped silently), duplicate JSON keys are refused, and
 * every violation in a body is reported at once, each with its field path.
 *
 * <p>Limits: at most {@value #MAX_LINES} lines; quantities 1..{@value #MAX_QUANTITY}; ids 1..64 of
 * {@code [A-Za-z0-9._:-]}; unit prices are non-negative decimals with at most 4 fraction digits and
 * 15 integer digits (Avro {@code decimal(19,4)}), as a JSON string ({@code "19.99"}, preferred) or
 * number; {@code placedAt} an ISO-8601 instant no more than {@link #CLOCK_SKEW} in the future.
 */
public final class Submissions {

    public static final int MAX_LINES = 100;
    public static final int MAX_QUANTITY = 10_000;
    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_WAIT_DAYS = 365;
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** Characters of an id, {@code [A-Za-z0-9._:-]} (checked by hand: a regex class is slow on the request path). */
    private static final boolean[] ID_CHARS = new boolean[128];
    /** Locale tags seen valid, with their canonical form (Locale.forLanguageTag is slow on the request path). */
    private static final ConcurrentHashMap<String, String> KNOWN_LOCALES = new ConcurrentHashMap<>();
    private static final int MAX_KNOWN_LOCALES = 1024;

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            ID_CHARS[c] = true;
            ID_CHARS[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ID_CHARS[c] = true;
        }
        for (final char c : "._:-".toCharArray()) {
            ID_CHARS[c] = true;
        }
    }
    private static final Set<String> ORDER_FIELDS = Set.of("orderId", "customer", "currency", "lines", "placedAt",
            "shippingPolicy", "maxWaitDays");
    private static final Set<String> CUSTOMER_FIELDS = Set.of("id", "email", "tier", "locale");
    private static final Set<String> LINE_FIELDS = Set.of("lineId", "sku", "quantity", "unitPrice");
    private static final Set<String> CANCELLATION_FIELDS = Set.of("lineIds", "reason");
    private static final int MAX_REASON = 500;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Clock clock;

    public Submissions(final Clock clock) {
        this.clock = clock;
    }

    /** Parses JSON bytes; a syntax error becomes a {@link Code#MALFORMED_JSON} violation. */
    public static Parsed<JsonNode> parseJson(final byte[] body) {
        if (body == null || body.length == 0) {
            return new Parsed.Invalid<>(List.of(new Violation("", Code.REQUIRED, "the body is empty")));
        }
        try {
            final JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                return new Parsed.Invalid<>(List.of(new Violation("", Code.REQUIRED, "the body is empty")));
            }
            return new Parsed.Valid<>(node);
        } catch (final JsonProcessingException e) {
            return new Parsed.Invalid<>(List.of(new Violation("", Code.MALFORMED_JSON,
                    "not valid JSON: " + e.getOriginalMessage())));
        } catch (final IOException e) {
            return new Parsed.Invalid<>(List.of(new Violation("", Code.MALFORMED_JSON, "unreadable body")));
        }
    }

    /** Reads and validates an order (the HTTP create body). */
    public Parsed<OrderSubmission> order(final byte[] body) {
        return switch (parseJson(body)) {
            case Parsed.Valid<JsonNode> valid -> order(valid.value(), "");
            case Parsed.Invalid<JsonNode> invalid -> new Parsed.Invalid<>(invalid.violations());
        };
    }

    /** Reads and validates an order object found at {@code path} ("" for the top level). */
    public Parsed<OrderSubmission> order(final JsonNode node, final String path) {
        final List<Violation> violations = new ArrayList<>();
        if (!node.isObject()) {
            violations.add(new Violation(path, Code.WRONG_TYPE, "must be a JSON object"));
            return new Parsed.Invalid<>(violations);
        }
        unknownFields(node, ORDER_FIELDS, path, violations);
        final String orderId = id(node, "orderId", path, violations);
        final OrderSubmission.Customer customer = customer(node.get("customer"), join(path, "customer"), violations);
        final String currency = currency(node, path, violations);
        final List<OrderSubmission.Line> lines = lines(node.get("lines"), join(path, "lines"), violations);
        final Instant placedAt = placedAt(node, path, violations);
        final ShippingPolicy policy = enumValue(node, "shippingPolicy", path, ShippingPolicy.class,
                ShippingPolicy.PARTIAL, violations);
        final Integer maxWaitDays = optionalInt(node, "maxWaitDays", path, 1, MAX_WAIT_DAYS, violations);
        if (!violations.isEmpty()) {
            return new Parsed.Invalid<>(violations);
        }
        return new Parsed.Valid<>(new OrderSubmission(orderId, customer, currency, lines, placedAt, policy,
                maxWaitDays));
    }

    /** Reads and validates a cancellation body (may be empty: the whole order). */
    public Parsed<CancellationSubmission> cancellation(final String orderId, final byte[] body) {
        if (body == null || body.length == 0) {
            return new Parsed.Valid<>(new CancellationSubmission(orderId, List.of(), null));
        }
        return switch (parseJson(body)) {
            case Parsed.Valid<JsonNode> valid -> cancellation(orderId, valid.value(), "", CANCELLATION_FIELDS);
            case Parsed.Invalid<JsonNode> invalid -> new Parsed.Invalid<>(invalid.violations());
        };
    }

    /** Reads the optional body of a one-line cancellation: only {@code reason} is allowed. */
    public Parsed<CancellationSubmission> lineCancellation(final String orderId, final String lineId,
                                                           final byte[] body) {
        if (body == null || body.length == 0) {
            return new Parsed.Valid<>(new CancellationSubmission(orderId, List.of(lineId), null));
        }
        return switch (parseJson(body)) {
            case Parsed.Valid<JsonNode> valid -> switch (cancellation(orderId, valid.value(), "", Set.of("reason"))) {
                case Parsed.Valid<CancellationSubmission> ok ->
                        new Parsed.Valid<>(new CancellationSubmission(orderId, List.of(lineId), ok.value().reason()));
                case Parsed.Invalid<CancellationSubmission> bad -> bad;
            };
            case Parsed.Invalid<JsonNode> invalid -> new Parsed.Invalid<>(invalid.violations());
        };
    }

    /**
     * Reads a cancellation object: {@code lineIds} (optional array of ids, empty = whole order) and
     * {@code reason} (optional text), plus whatever else {@code allowed} names (the caller reads those).
     */
    public Parsed<CancellationSubmission> cancellation(final String orderId, final JsonNode node, final String path,
                                                       final Set<String> allowed) {
        final List<Violation> violations = new ArrayList<>();
        if (!node.isObject()) {
            return new Parsed.Invalid<>(List.of(new Violation(path, Code.WRONG_TYPE, "must be a JSON object")));
        }
        unknownFields(node, allowed, path, violations);
        final List<String> lineIds = new ArrayList<>();
        final JsonNode ids = node.get("lineIds");
        if (ids != null && !ids.isNull()) {
            if (!ids.isArray()) {
                violations.add(new Violation(join(path, "lineIds"), Code.WRONG_TYPE, "must be an array of line ids"));
            } else if (ids.size() > MAX_LINES) {
                violations.add(new Violation(join(path, "lineIds"), Code.TOO_MANY,
                        "at most " + MAX_LINES + " line ids"));
            } else {
                final Set<String> seen = new HashSet<>();
                for (int i = 0; i < ids.size(); i++) {
                    final String field = join(path, "lineIds") + "[" + i + "]";
                    final String id = idValue(ids.get(i), field, violations);
                    if (id != null && !seen.add(id)) {
                        violations.add(new Violation(field, Code.DUPLICATE, "line id " + id + " is listed twice"));
                    }
                    if (id != null) {
                        lineIds.add(id);
                    }
                }
            }
        }
        final String reason = optionalText(node, "reason", path, MAX_REASON, violations);
        if (!violations.isEmpty()) {
            return new Parsed.Invalid<>(violations);
        }
        return new Parsed.Valid<>(new CancellationSubmission(orderId, List.copyOf(lineIds), reason));
    }

    /** Whether a path segment (order or line id in a URL) is a well-formed id. */
    public static boolean isId(final String value) {
        return value != null && isIdText(value);
    }

    /** {@code [A-Za-z0-9._:-]{1,64}}. */
    static boolean isIdText(final String value) {
        final int length = value.length();
        if (length == 0 || length > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            final char c = value.charAt(i);
            if (c >= ID_CHARS.length || !ID_CHARS[c]) {
                return false;
            }
        }
        return true;
    }

    /** {@code \d{1,15}(\.\d{1,4})?} with ASCII digits. */
    static boolean isMoneyText(final String value) {
        final int dot = value.indexOf('.');
        final int integers = dot < 0 ? value.length() : dot;
        final int fraction = dot < 0 ? 0 : value.length() - dot - 1;
        if (integers < 1 || integers > 15 || (dot >= 0 && (fraction < 1 || fraction > 4))) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (i != dot && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** {@code [^@\s]{1,64}@[^@\s]+\.[^@\s]+}: one '@', no white space, a dot inside the domain. */
    static boolean isEmail(final String value) {
        final int at = value.indexOf('@');
        if (at < 1 || at > 64 || value.indexOf('@', at + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (isRegexSpace(value.charAt(i))) {
                return false;
            }
        }
        final int lastDot = value.lastIndexOf('.', value.length() - 2);
        return lastDot > at + 1;
    }

    /** What {@code \s} matches in a Java regex without UNICODE_CHARACTER_CLASS. */
    private static boolean isRegexSpace(final char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static boolean isCapital(final char c) {
        return c >= 'A' && c <= 'Z';
    }

    private OrderSubmission.Customer customer(final JsonNode node, final String path, final List<Violation> out) {
        if (node == null || node.isNull()) {
            out.add(new Violation(path, Code.REQUIRED, "the customer is required"));
            return null;
        }
        if (!node.isObject()) {
            out.add(new Violation(path, Code.WRONG_TYPE, "must be a JSON object"));
            return null;
        }
        unknownFields(node, CUSTOMER_FIELDS, path, out);
        final String id = id(node, "id", path, out);
        final String email = optionalText(node, "email", path, 254, out);
        if (email != null && !isEmail(email)) {
            out.add(new Violation(join(path, "email"), Code.INVALID_FORMAT, "not an email address"));
        }
        final CustomerTier tier = enumValue(node, "tier", path, CustomerTier.class, CustomerTier.STANDARD, out);
        String locale = optionalText(node, "locale", path, 35, out);
        if (locale != null) {
            final String known = KNOWN_LOCALES.get(locale);
            final Locale parsed = known != null ? null : Locale.forLanguageTag(locale);
            if (known != null) {
                locale = known;
            } else if (parsed.getLanguage().isEmpty() || !parsed.toLanguageTag().equalsIgnoreCase(locale)) {
                out.add(new Violation(join(path, "locale"), Code.INVALID_FORMAT,
                        "not a BCP 47 language tag such as en or de-DE"));
            } else {
                if (KNOWN_LOCALES.size() < MAX_KNOWN_LOCALES) {
                    KNOWN_LOCALES.put(locale, parsed.toLanguageTag());
                }
                locale = parsed.toLanguageTag();
            }
        }
        return new OrderSubmission.Customer(id, email, tier, locale == null ? "en" : locale);
    }

    private String currency(final JsonNode node, final String path, final List<Violation> out) {
        final String field = join(path, "currency");
        final String code = requiredText(node, "currency", path, out);
        if (code == null) {
            return null;
        }
        if (code.length() != 3 || !isCapital(code.charAt(0)) || !isCapital(code.charAt(1))
                || !isCapital(code.charAt(2))) {
            out.add(new Violation(field, Code.INVALID_FORMAT, "an ISO 4217 code in capitals, such as EUR"));
            return null;
        }
        try {
            Currency.getInstance(code);
            return code;
        } catch (final IllegalArgumentException e) {
            out.add(new Violation(field, Code.UNKNOWN_VALUE, "not an ISO 4217 currency: " + code));
            return null;
        }
    }

    private List<OrderSubmission.Line> lines(final JsonNode node, final String path, final List<Violation> out) {
        if (node == null || node.isNull()) {
            out.add(new Violation(path, Code.REQUIRED, "an order needs at least one line"));
            return List.of();
        }
        if (!node.isArray()) {
            out.add(new Violation(path, Code.WRONG_TYPE, "must be an array of lines"));
            return List.of();
        }
        if (node.isEmpty()) {
            out.add(new Violation(path, Code.TOO_FEW, "an order needs at least one line"));
            return List.of();
        }
        if (node.size() > MAX_LINES) {
            out.add(new Violation(path, Code.TOO_MANY, "at most " + MAX_LINES + " lines, got " + node.size()));
            return List.of();
        }
        final List<OrderSubmission.Line> lines = new ArrayList<>(node.size());
        final Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            final String linePath = path + "[" + i + "]";
            final JsonNode line = node.get(i);
            if (!line.isObject()) {
                out.add(new Violation(linePath, Code.WRONG_TYPE, "must be a JSON object"));
                continue;
            }
            unknownFields(line, LINE_FIELDS, linePath, out);
            final String lineId = id(line, "lineId", linePath, out);
            if (lineId != null && !ids.add(lineId)) {
                out.add(new Violation(join(linePath, "lineId"), Code.DUPLICATE,
                        "line id " + lineId + " appears more than once"));
            }
            final String sku = id(line, "sku", linePath, out);
            final Integer quantity = requiredInt(line, "quantity", linePath, 1, MAX_QUANTITY, out);
            final BigDecimal price = money(line.get("unitPrice"), join(linePath, "unitPrice"), out);
            if (lineId != null && sku != null && quantity != null && price != null) {
                lines.add(new OrderSubmission.Line(lineId, sku, quantity, price));
            }
        }
        return lines;
    }

    private Instant placedAt(final JsonNode node, final String path, final List<Violation> out) {
        final String text = requiredText(node, "placedAt", path, out);
        if (text == null) {
            return null;
        }
        final String field = join(path, "placedAt");
        try {
            final Instant placedAt = OffsetDateTimes.parse(text);
            if (placedAt.isAfter(clock.instant().plus(CLOCK_SKEW))) {
                out.add(new Violation(field, Code.IN_FUTURE, "is in the future"));
                return null;
            }
            return placedAt;
        } catch (final DateTimeParseException e) {
            out.add(new Violation(field, Code.INVALID_FORMAT,
                    "an ISO-8601 date-time with offset, such as 2026-11-22T10:15:30Z"));
            return null;
        }
    }

    private static BigDecimal money(final JsonNode node, final String field, final List<Violation> out) {
        if (node == null || node.isNull()) {
            out.add(new Violation(field, Code.REQUIRED, "the unit price is required"));
            return null;
        }
        final BigDecimal value;
        if (node.isTextual()) {
            if (!isMoneyText(node.textValue())) {
                out.add(new Violation(field, Code.INVALID_MONEY,
                        "a non-negative decimal with at most 15 integer and 4 fraction digits, such as \"19.99\""));
                return null;
            }
            value = new BigDecimal(node.textValue());
        } else if (node.isNumber()) {
            value = node.decimalValue();
            if (value.signum() < 0 || value.scale() > 4 || value.precision() - value.scale() > 15) {
                out.add(new Violation(field, Code.INVALID_MONEY,
                        "a non-negative decimal with at most 15 integer and 4 fraction digits, such as \"19.99\""));
                return null;
            }
        } else {
            out.add(new Violation(field, Code.WRONG_TYPE, "a decimal string such as \"19.99\""));
            return null;
        }
        return value.setScale(4);
    }

    private static String id(final JsonNode node, final String name, final String path, final List<Violation> out) {
        final JsonNode value = node.get(name);
        final String field = join(path, name);
        if (value == null || value.isNull()) {
            out.add(new Violation(field, Code.REQUIRED, name + " is required"));
            return null;
        }
        return idValue(value, field, out);
    }

    private static String idValue(final JsonNode value, final String field, final List<Violation> out) {
        final String text = textValue(value, field, out);
        if (text == null) {
            return null;
        }
        if (text.length() > MAX_ID_LENGTH) {
            out.add(new Violation(field, Code.TOO_LONG, "at most " + MAX_ID_LENGTH + " characters"));
            return null;
        }
        if (!isIdText(text)) {
            out.add(new Violation(field, Code.INVALID_FORMAT, "letters, digits, '.', '_', ':' and '-' only"));
            return null;
        }
        return text;
    }

    private static String requiredText(final JsonNode node, final String name, final String path,
                                       final List<Violation> out) {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            out.add(new Violation(join(path, name), Code.REQUIRED, name + " is required"));
            return null;
        }
        return textValue(value, join(path, name), out);
    }

    private static String optionalText(final JsonNode node, final String name, final String path, final int maxLength,
                                       final List<Violation> out) {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        final String text = textValue(value, join(path, name), out);
        if (text != null && text.length() > maxLength) {
            out.add(new Violation(join(path, name), Code.TOO_LONG, "at most " + maxLength + " characters"));
            return null;
        }
        return text;
    }

    /** The text of a present value; null with a violation of {@code field} when it is not a string. */
    private static String textValue(final JsonNode value, final String field, final List<Violation> out) {
        if (!value.isTextual()) {
            out.add(new Violation(field, Code.WRONG_TYPE, "must be a string"));
            return null;
        }
        return value.textValue();
    }

    private static Integer requiredInt(final JsonNode node, final String name, final String path, final int min,
                                       final int max, final List<Violation> out) {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            out.add(new Violation(join(path, name), Code.REQUIRED, name + " is required"));
            return null;
        }
        return intValue(value, join(path, name), min, max, out);
    }

    private static Integer optionalInt(final JsonNode node, final String name, final String path, final int min,
                                       final int max, final List<Violation> out) {
        final JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : intValue(value, join(path, name), min, max, out);
    }

    private static Integer intValue(final JsonNode value, final String field, final int min, final int max,
                                    final List<Violation> out) {
        if (!value.isIntegralNumber()) {
            out.add(new Violation(field, Code.WRONG_TYPE, "must be a whole number"));
            return null;
        }
        if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            out.add(new Violation(field, Code.OUT_OF_RANGE, "must be between " + min + " and " + max));
            return null;
        }
        return value.intValue();
    }

    private static <E extends Enum<E>> E enumValue(final JsonNode node, final String name, final String path,
                                                   final Class<E> type, final E fallback, final List<Violation> out) {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        final String text = textValue(value, join(path, name), out);
        if (text == null) {
            return null;
        }
        for (final E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        final List<String> names = new ArrayList<>();
        for (final E constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        out.add(new Violation(join(path, name), Code.UNKNOWN_VALUE, "one of " + String.join(", ", names)));
        return null;
    }

    private static void unknownFields(final JsonNode node, final Set<String> known, final String path,
                                      final List<Violation> out) {
        for (final Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            final String name = names.next();
            if (!known.contains(name)) {
                out.add(new Violation(join(path, name), Code.UNKNOWN_FIELD, "unknown field"));
            }
        }
    }

    private static String join(final String path, final String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
