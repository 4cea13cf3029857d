package io.restock.notifier.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restock.notifier.decision.NotifierSettings.ShopWebhook;
import io.restock.notifier.internal.Notice;
import io.restock.notifier.internal.NotificationRequested;
import io.restock.notifier.message.Message;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A signed JSON POST to the shop's webhook (see {@link WebhookSignature}), with the delivery id
 * ({@code Restock-Delivery}: the notification id, the same on every retry so the shop can drop
 * repeats) and the kind ({@code Restock-Event}). 2xx is delivered; 408, 429, 5xx and I/O errors are
 * transient; any other status is permanent.
 */
public final class WebhookChannel implements Channel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ShopWebhook> shops;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    public WebhookChannel(final Map<String, ShopWebhook> shops, final Duration timeout, final Clock clock) {
        this.shops = Map.copyOf(shops);
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void deliver(final NotificationRequested request, final Message message) throws DeliveryException {
        final ShopWebhook shop = shops.get(request.getShopId());
        if (shop == null) {
            throw new DeliveryException(false, "NO_WEBHOOK", "no webhook secret configured for shop "
                    + request.getShopId(), null);
        }
        final byte[] body = body(request, message);
        final long now = clock.instant().getEpochSecond();
        final HttpRequest post;
        try {
            post = HttpRequest.newBuilder(URI.create(request.getRecipient())).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.header(shop.signingSecret(), now, body))
                    .header(WebhookSignature.DELIVERY_HEADER, request.getNotificationId())
                    .header(WebhookSignature.EVENT_HEADER, request.getKind())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        } catch (final IllegalArgumentException e) {
            throw new DeliveryException(false, "INVALID_URL", "invalid webhook URL " + request.getRecipient(), e);
        }
        final int status;
        try {
            status = http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (final IOException e) {
            throw new DeliveryException(true, "WEBHOOK_UNAVAILABLE", e.toString(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(true, "INTERRUPTED", "interrupted", e);
        }
        if (status / 100 == 2) {
            return;
        }
        final boolean transientStatus = status == 408 || status == 429 || status >= 500;
        throw new DeliveryException(transientStatus, "WEBHOOK_HTTP_" + status, "webhook answered " + status, null);
    }

    static byte[] body(final NotificationRequested request, final Message message) {
        final ObjectNode root = JSON.createObjectNode();
        root.put("notificationId", request.getNotificationId());
        root.put("orderId", request.getOrderId());
        root.put("shopId", request.getShopId());
        root.put("customerId", request.getCustomerId());
        root.put("locale", request.getLocale());
        root.put("kind", request.getKind());
        final ArrayNode notices = root.putArray("notices");
        for (final Notice n : request.getNotices()) {
            final ObjectNode node = notices.addObject();
            node.put("kind", n.getKind());
            node.put("lineId", n.getLineId());
            node.put("sku", n.getSku());
            node.put("quantity", n.getQuantity());
            node.put("date", n.getDate() == null ? null : n.getDate().toString());
            node.put("previousDate", n.getPreviousDate() == null ? null : n.getPreviousDate().toString());
            node.put("carrier", n.getCarrier());
            node.put("trackingNumber", n.getTrackingNumber());
            node.put("reason", n.getReason());
            final ArrayNode substitutes = node.putArray("substitutes");
            n.getSubstitutes().forEach(substitutes::add);
        }
        root.put("subject", message.subject());
        root.put("text", message.text());
        try {
            return JSON.writeValueAsBytes(root);
        } catch (final IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
