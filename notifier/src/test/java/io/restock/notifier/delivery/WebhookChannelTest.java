package io.restock.notifier.delivery;

import com.sun.net.httpserver.HttpServer;
import io.restock.notifier.decision.NotifierSettings;
import io.restock.notifier.internal.Notice;
import io.restock.notifier.internal.NotificationRequested;
import io.restock.notifier.message.Message;
import io.restock.service.webhook.WebhookSignature;
import io.restock.service.webhook.WebhookVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shop webhook speaks Restock's one webhook contract (issue 17): the signature, header set and status
 * classification shared with supplier-gateway ({@code io.restock.service.webhook}), over real HTTP.
 */
class WebhookChannelTest {

    private static final String SECRET = "whsec_shop_secret_0001";
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final List<Map<String, List<String>>> received = new CopyOnWriteArrayList<>();
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);
    private volatile String retryAfter;
    private HttpServer server;
    private WebhookChannel channel;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(Map.copyOf(exchange.getRequestHeaders()));
            bodies.add(exchange.getRequestBody().readAllBytes());
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        channel = new WebhookChannel(Map.of("shop-1", new NotifierSettings.ShopWebhook(url(), SECRET)),
                Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private NotificationRequested request() {
        final Notice notice = Notice.newBuilder().setKind("READY_TO_SHIP").setLineId("1").setSku("sku-1").setQuantity(1)
                .setDate(null).setPreviousDate(null).setCarrier(null).setTrackingNumber(null).setReason(null)
                .setSubstitutes(new ArrayList<>()).setCauseEventIds(new ArrayList<>(List.of("ev-1")))
                .setReceivedAt(0L).setDueAt(0L).build();
        return NotificationRequested.newBuilder().setNotificationId("n-1").setRequestedAt(NOW).setOrderId("o-1")
                .setShopId("shop-1").setCustomerId("c-1").setLocale("en").setChannel("WEBHOOK").setRecipient(url())
                .setKind("READY_TO_SHIP").setNotices(List.of(notice)).setCauseEventIds(List.of("ev-1")).build();
    }

    private static String header(final Map<String, List<String>> headers, final String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
    }

    @Test
    void aShopWebhookCarriesTheSharedSignedHeaderSetAndForOneReleaseTheFormerNames() throws Exception {
        channel.deliver(request(), new Message("Ready", "text", null), 2);

        final Map<String, List<String>> headers = received.getFirst();
        assertThat(new WebhookVerifier(List.of(SECRET), WebhookVerifier.DEFAULT_TOLERANCE)
                .verify(header(headers, "Restock-Signature"), bodies.getFirst(), NOW))
                .isEqualTo(WebhookVerifier.Result.VALID);
        assertThat(header(headers, WebhookSignature.DELIVERY_ID_HEADER)).isEqualTo("n-1");
        assertThat(header(headers, WebhookSignature.EVENT_TYPE_HEADER)).isEqualTo("READY_TO_SHIP");
        assertThat(header(headers, WebhookSignature.ATTEMPT_HEADER)).isEqualTo("2");
        assertThat(header(headers, "Restock-Delivery")).isEqualTo("n-1");
        assertThat(header(headers, "Restock-Event")).isEqualTo("READY_TO_SHIP");
    }

    @Test
    void aRateLimitedDeliveryIsTransientAndKeepsTheWaitTheShopAskedFor() {
        status.set(429);
        retryAfter = "7";

        assertThatThrownBy(() -> channel.deliver(request(), new Message("Ready", "text", null), 1))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                });
    }

    @Test
    void aRefusedDeliveryIsPermanent() {
        status.set(410);

        assertThatThrownBy(() -> channel.deliver(request(), new Message("Ready", "text", null), 1))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.retryAfter()).isEmpty();
                });
    }
}
