package io.restock.notifier.message;

import io.restock.notifier.internal.Notice;
import io.restock.notifier.internal.NotificationRequested;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a notification from the templates in {@code templates/<language>/} on the classpath:
 * {@code layout.txt|html} (placeholders {@code orderId}, {@code sections}), one section per notice
 * from {@code <kind>.txt|html} (kind in lower case, e.g. {@code backorder_opened.txt}),
 * {@code subjects.properties} (one subject per kind, {@code grouped} when several kinds are told at
 * once) and {@code reasons.properties} (rejection reasons in words). Languages: English and German;
 * any other falls back to English. Dates are formatted in the customer's full locale with
 * {@code FormatStyle.LONG} (de-DE: "24. November 2026", en: "November 24, 2026", en-GB: "24 November 2026").
 *
 * <p>Placeholders are {@code {{name}}}; values are HTML-escaped in HTML templates. A template line all
 * of whose placeholders are empty is left out (e.g. the substitutes line when there are none).
 */
public final class MessageRenderer {

    public static final Set<String> LANGUAGES = Set.of("en", "de");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");

    private final String cancelLinkTemplate;
    private final Map<String, String> files = new ConcurrentHashMap<>();

    /** @param cancelLinkTemplate the link a customer follows to cancel, with {@code {orderId}} and {@code {lineId}} */
    public MessageRenderer(final String cancelLinkTemplate) {
        this.cancelLinkTemplate = cancelLinkTemplate;
    }

    public Message render(final NotificationRequested request) {
        final Locale locale = Locale.forLanguageTag(request.getLocale());
        final String language = LANGUAGES.contains(locale.getLanguage()) ? locale.getLanguage() : "en";
        final DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
        final Properties reasons = properties(language, "reasons.properties");
        final List<String> textSections = new ArrayList<>();
        final List<String> htmlSections = new ArrayList<>();
        for (final Notice notice : request.getNotices()) {
            final Map<String, String> values = values(request.getOrderId(), notice, dates, reasons);
            final String name = notice.getKind().toLowerCase(Locale.ROOT);
            textSections.add(fill(file(language, name + ".txt"), values, false).strip());
            htmlSections.add(fill(file(language, name + ".html"), values, true).strip());
        }
        final long kinds = request.getNotices().stream().map(Notice::getKind).distinct().count();
        final String subjectKey = kinds == 1 ? request.getKind().toLowerCase(Locale.ROOT) : "grouped";
        final Map<String, String> order = Map.of("orderId", request.getOrderId());
        final String subject = fill(properties(language, "subjects.properties").getProperty(subjectKey), order, false);
        final String text = fill(file(language, "layout.txt"),
                Map.of("orderId", request.getOrderId(), "sections", String.join("\n\n", textSections)), false);
        final String html = fill(file(language, "layout.html"),
                Map.of("orderId", escape(request.getOrderId()), "sections", String.join("\n", htmlSections)), false);
        return new Message(subject, text, html);
    }

    private Map<String, String> values(final String orderId, final Notice notice, final DateTimeFormatter dates,
                                       final Properties reasons) {
        final Map<String, String> values = new LinkedHashMap<>();
        values.put("orderId", orderId);
        values.put("lineId", notice.getLineId());
        values.put("sku", notice.getSku());
        values.put("quantity", Integer.toString(notice.getQuantity()));
        values.put("date", format(notice.getDate(), dates));
        values.put("previousDate", format(notice.getPreviousDate(), dates));
        values.put("carrier", orEmpty(notice.getCarrier()));
        values.put("trackingNumber", orEmpty(notice.getTrackingNumber()));
        values.put("reason", notice.getReason() == null ? "" : reasons.getProperty(notice.getReason(), notice.getReason()));
        values.put("substitutes", String.join(", ", notice.getSubstitutes()));
        values.put("cancelUrl", cancelLinkTemplate.replace("{orderId}", orderId).replace("{lineId}", notice.getLineId()));
        return values;
    }

    private static String fill(final String template, final Map<String, String> values, final boolean html) {
        final StringBuilder out = new StringBuilder();
        for (final String line : template.split("\n", -1)) {
            final Matcher m = PLACEHOLDER.matcher(line);
            final StringBuilder filled = new StringBuilder();
            boolean any = false;
            boolean allEmpty = true;
            while (m.find()) {
                any = true;
                final String value = values.getOrDefault(m.group(1), "");
                allEmpty &= value.isEmpty();
                m.appendReplacement(filled, Matcher.quoteReplacement(html ? escape(value) : value));
            }
            m.appendTail(filled);
            if (any && allEmpty) {
                continue;
            }
            out.append(filled).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    static String escape(final String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String format(final LocalDate date, final DateTimeFormatter dates) {
        return date == null ? "" : dates.format(date);
    }

    private static String orEmpty(final String value) {
        return value == null ? "" : value;
    }

    private String file(final String language, final String name) {
        return files.computeIfAbsent(language + "/" + name, path -> {
            try (InputStream in = MessageRenderer.class.getResourceAsStream("/templates/" + path)) {
                if (in == null) {
                    throw new IllegalStateException("no template templates/" + path);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Properties properties(final String language, final String name) {
        final Properties props = new Properties();
        try {
            props.load(new StringReader(file(language, name)));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }
}
