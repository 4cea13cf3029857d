package io.restock.notifier.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restock.notifier.decision.NotifierSettings.ShopWebhook;
import io.restock.notifier.internal.Notice;
import io.restock.notifier.internal.NotificationRequested;
import io.restock.notifier.message.Message;
import io.restock.service.webhook.RetryPolicy;
import io.restock.service.webhook.WebhookSignature;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A signed JSON POST to the shop's webhook in Restock's one webhook contract ({@link WebhookSignature}, shared
 * with supplier-gateway): {@code Restock-Delivery-Id} = the notification id (the same on every retry so the
 * shop can drop repeats), {@code Restock-Event-Type} = the kind, {@code Restock-Attempt}; for one more release
 * also the former {@code Restock-Delivery} and {@code Restock-Event}. The status classification is
 * {@link RetryPolicy}'s: 2xx is delivered; 408, 429, 5xx and I/O errors are transient (a 429/503's
 * {@code Retry-After} goes with the failure); any other status is permanent.
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
    public void deliver(final NotificationRequested request, final Message message, final int attempt)
            throws DeliveryException {
        final ShopWebhook shop = shops.get(request.getShopId());
        if (shop == null) {
            throw new DeliveryException(false, "NO_WEBHOOK", "no webhook secret configured for shop "
                    + request.getShopId(), null);
        }
        final byte[] body = body(request, message);
        final long now = clock.instant().getEpochSecond();
        final HttpRequest post;
        try {
            final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.getRecipient())).timeout(timeout)
                    .header("Content-Type", "application/json");
            WebhookSignature.withFormerNotifierNames(WebhookSignature.headers(shop.signingSecret(), now, body,
                    request.getNotificationId(), request.getKind(), attempt)).forEach(builder::header);
            post = builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        } catch (final IllegalArgumentException e) {
            throw new DeliveryException(false, "INVALID_URL", "invalid webhook URL " + request.getRecipient(), e);
        }
        final HttpResponse<Void> response;
        try {
            response = http.send(post, HttpResponse.BodyHandlers.discarding());
        } catch (final IOException e) {
            throw new DeliveryException(true, "WEBHOOK_UNAVAILABLE", e.toString(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(true, "INTERRUPTED", "interrupted", e);
        }
        final int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        final Duration retryAfter = RetryPolicy.honoursRetryAfter(status) ? response.headers().firstValue("Retry-After")
                .flatMap(v -> RetryPolicy.retryAfter(v, clock.instant())).orElse(null) : null;
        throw new DeliveryException(RetryPolicy.retryable(status), "WEBHOOK_HTTP_" + status, "webhook answered " + status,
                null, retryAfter);
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
