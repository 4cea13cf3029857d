package io.restock.notifier.message;

import io.restock.notifier.internal.Notice;
import io.restock.notifier.internal.NotificationRequested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The exact words customers get, per kind, in English and German, with dates in their locale. */
class MessageRendererTest {

    static final LocalDate DATE = LocalDate.parse("2026-11-24");
    private final MessageRenderer renderer = new MessageRenderer("https://shop.example/orders/{orderId}/cancel");

    static Notice notice(final String kind) {
        return Notice.newBuilder().setKind(kind).setLineId("1").setSku("sku-1").setQuantity(2).setDate(DATE)
                .setPreviousDate(DATE.minusDays(3)).setCarrier("DHL").setTrackingNumber("TRACK-42")
                .setReason("WAIT_TOO_LONG").setSubstitutes(new ArrayList<>(List.of("sku-x", "sku-y")))
                .setCauseEventIds(new ArrayList<>(List.of("e-1"))).setReceivedAt(0L).setDueAt(0L).build();
    }

    static NotificationRequested request(final String locale, final Notice... notices) {
        return NotificationRequested.newBuilder().setNotificationId("n-1").setRequestedAt(Instant.EPOCH)
                .setOrderId("o-1").setShopId("shop-1").setCustomerId("c-1").setLocale(locale).setChannel("EMAIL")
                .setRecipient("ann@example.com").setKind(notices[0].getKind()).setNotices(List.of(notices))
                .setCauseEventIds(List.of("e-1")).build();
    }

    @Test
    void backorderEmailInEnglishSaysTheDateAndHowToCancel() {
        final Message m = renderer.render(request("en", notice("BACKORDER_OPENED")));
        assertThat(m.subject()).isEqualTo("Your order o-1: on backorder");
        assertThat(m.text()).isEqualTo("""
                Hello,

                here is news about your order o-1.

                2 x sku-1 is on backorder. We expect to deliver it on November 24, 2026.
                If you would rather not wait, you can cancel it here: https://shop.example/orders/o-1/cancel

                Kind regards,
                Your shop
                """);
        assertThat(m.html()).isEqualTo("""
                <html><body>
                <p>Hello,</p>
                <p>here is news about your order o-1.</p>
                <p>2 x sku-1 is on backorder. We expect to deliver it on November 24, 2026.</p>
                <p>If you would rather not wait, you can <a href="https://shop.example/orders/o-1/cancel">cancel it here</a>.</p>
                <p>Kind regards,<br>Your shop</p>
                </body></html>
                """);
    }

    @Test
    void backorderEmailInGermanSaysTheDateInGermanAndHowToCancel() {
        final Message m = renderer.render(request("de-DE", notice("BACKORDER_OPENED")));
        assertThat(m.subject()).isEqualTo("Ihre Bestellung o-1: nachbestellt");
        assertThat(m.text()).isEqualTo("""
                Hallo,

                es gibt Neuigkeiten zu Ihrer Bestellung o-1.

                2 x sku-1 ist nachbestellt. Wir liefern voraussichtlich am 24. November 2026.
                Wenn Sie nicht warten möchten, können Sie hier stornieren: https://shop.example/orders/o-1/cancel

                Viele Grüße
                Ihr Shop
                """);
    }

    @Test
    void everyKindHasItsOwnSectionInBothLanguages() {
        assertThat(section("en", "DELIVERY_DATE_CHANGED"))
                .isEqualTo("The delivery date of sku-1 has moved from November 21, 2026 to November 24, 2026.");
        assertThat(section("de", "DELIVERY_DATE_CHANGED"))
                .isEqualTo("Der Liefertermin für sku-1 hat sich vom 21. November 2026 auf den 24. November 2026 verschoben.");
        assertThat(section("en", "READY_TO_SHIP")).isEqualTo("sku-1 is in stock and ready to ship.");
        assertThat(section("de", "READY_TO_SHIP")).isEqualTo("sku-1 ist auf Lager und versandbereit.");
        assertThat(section("en", "SHIPPED")).isEqualTo("2 x sku-1 has shipped.\nCarrier: DHL\nTracking number: TRACK-42");
        assertThat(section("de", "SHIPPED"))
                .isEqualTo("2 x sku-1 wurde versandt.\nVersanddienstleister: DHL\nSendungsnummer: TRACK-42");
        assertThat(section("en", "CANCELLED")).isEqualTo("2 x sku-1 has been cancelled.");
        assertThat(section("de", "CANCELLED")).isEqualTo("2 x sku-1 wurde storniert.");
        assertThat(section("en", "REJECTED")).isEqualTo(
                "We cannot deliver 2 x sku-1: it would take too long to arrive.\nYou could order instead: sku-x, sku-y");
        assertThat(section("de", "REJECTED")).isEqualTo("2 x sku-1 können wir leider nicht liefern: die Lieferung "
                + "würde zu lange dauern.\nStattdessen könnten Sie bestellen: sku-x, sku-y");
    }

    @Test
    void aLineWhosePlaceholdersAreAllEmptyIsLeftOut() {
        final Notice rejected = notice("REJECTED");
        rejected.setSubstitutes(new ArrayList<>());
        final Notice shipped = notice("SHIPPED");
        shipped.setCarrier(null);
        final Message m = renderer.render(request("en", rejected, shipped));
        assertThat(m.subject()).isEqualTo("Your order o-1: news");
        assertThat(m.text()).contains("""
                We cannot deliver 2 x sku-1: it would take too long to arrive.

                2 x sku-1 has shipped.
                Tracking number: TRACK-42

                Kind regards,""").doesNotContain("order instead", "Carrier");
    }

    @Test
    void htmlValuesAreEscapedAndUnknownLanguagesFallBackToEnglishWithTheirOwnDates() {
        final Notice n = notice("READY_TO_SHIP");
        n.setSku("<b>sku</b>");
        final Message m = renderer.render(request("fr-FR", n, notice("CANCELLED")));
        assertThat(m.html()).contains("<p>&lt;b&gt;sku&lt;/b&gt; is in stock and ready to ship.</p>");
        final Message dated = renderer.render(request("en-GB", notice("BACKORDER_OPENED")));
        assertThat(dated.text()).contains("deliver it on 24 November 2026.");
    }

    private String section(final String locale, final String kind) {
        final String text = renderer.render(request(locale, notice(kind))).text();
        final String[] parts = text.split("\n\n");
        return parts[2];
    }
}
