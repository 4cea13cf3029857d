package io.restock.notifier.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.restock.kafkatest.ServiceUnderTest;
import io.restock.notifier.internal.Notice;
import io.restock.notifier.internal.NotificationRequested;
import io.restock.notifier.message.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The email channel keeps one SMTP connection across messages, replaces it after its message budget, and
 * replaces a connection the server dropped without losing the message; against a real SMTP server (GreenMail)
 * behind a TCP relay that counts and can cut connections.
 */
class EmailChannelTest {

    private GreenMail smtp;
    private Relay relay;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        smtp = new GreenMail(new ServerSetup(ServiceUnderTest.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        relay = new Relay(smtp.getSmtp().getPort());
    }

    @AfterEach
    void stop() throws Exception {
        for (final AutoCloseable c : closeables) {
            c.close();
        }
        relay.close();
        smtp.stop();
    }

    @Test
    void manyMessagesTravelOverOneSmtpConnection() throws Exception {
        final EmailChannel channel = channel(100);
        for (int i = 0; i < 5; i++) {
            channel.deliver(request("one-" + i), message(i), 1);
        }
        assertThat(smtp.getReceivedMessages()).hasSize(5);
        assertThat(relay.connections.get()).isEqualTo(1);
    }

    @Test
    void aConnectionIsReplacedAfterItsMessageBudget() throws Exception {
        final EmailChannel channel = channel(2);
        for (int i = 0; i < 5; i++) {
            channel.deliver(request("budget-" + i), message(i), 1);
        }
        assertThat(smtp.getReceivedMessages()).hasSize(5);
        assertThat(relay.connections.get()).isEqualTo(3);
    }

    @Test
    void aKeptConnectionTheServerDroppedIsReplacedAndTheMessageIsStillSent() throws Exception {
        final EmailChannel channel = channel(100);
        channel.deliver(request("before"), message(1), 1);
        relay.cutAll();
        channel.deliver(request("after"), message(2), 1);
        assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getMessageID).containsExactly(
                EmailChannel.messageId("n-before"), EmailChannel.messageId("n-after"));
        assertThat(relay.connections.get()).isEqualTo(2);
    }

    @Test
    void aKeptConnectionThatMeetsEndOfStreamIsReplacedAndTheMessageIsStillSent() throws Exception {
        final EmailChannel channel = channel(100);
        channel.deliver(request("before-eof"), message(1), 1);
        relay.endStreamsToClients(); // the client can still write, and reads end of stream: Angus's "[EOF]" reply
        channel.deliver(request("after-eof"), message(2), 1);
        assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getMessageID).containsExactly(
                EmailChannel.messageId("n-before-eof"), EmailChannel.messageId("n-after-eof"));
        assertThat(relay.connections.get()).isEqualTo(2);
    }

    @Test
    void noServerIsATransientFailure() throws Exception {
        final EmailChannel channel = new EmailChannel(SmtpSettings.plain("127.0.0.1", ServiceUnderTest.freePort(),
                "shop@example.com"));
        closeables.add(channel);
        assertThatThrownBy(() -> channel.deliver(request("down"), message(1), 1))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.reason()).isEqualTo("SMTP_UNAVAILABLE");
                });
    }

    private EmailChannel channel(final int messagesPerConnection) {
        final EmailChannel channel = new EmailChannel(SmtpSettings.plain("127.0.0.1", relay.port(), "shop@example.com"),
                messagesPerConnection);
        closeables.add(channel);
        return channel;
    }

    private static NotificationRequested request(final String id) {
        final Notice notice = Notice.newBuilder().setKind("READY_TO_SHIP").setLineId("1").setSku("sku-1").setQuantity(1)
                .setDate(null).setPreviousDate(null).setCarrier(null).setTrackingNumber(null).setReason(null)
                .setSubstitutes(new ArrayList<>()).setCauseEventIds(new ArrayList<>(List.of("ev-" + id)))
                .setReceivedAt(0L).setDueAt(0L).build();
        return NotificationRequested.newBuilder().setNotificationId("n-" + id).setRequestedAt(Instant.now())
                .setOrderId("o-" + id).setShopId("shop-1").setCustomerId("c-" + id).setLocale("en")
                .setChannel("EMAIL").setRecipient(id + "@example.com").setKind("READY_TO_SHIP")
                .setNotices(List.of(notice)).setCauseEventIds(List.of("ev-" + id)).build();
    }

    private static Message message(final int i) {
        return new Message("subject " + i, "text " + i, "<p>html " + i + "</p>");
    }


    /** A TCP relay to the SMTP server that counts the connections made through it and can cut them all. */
    private static final class Relay implements AutoCloseable {
        final AtomicInteger connections = new AtomicInteger();
        private final ServerSocket server;
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private final List<Socket> clients = new CopyOnWriteArrayList<>();

        Relay(final int target) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofPlatform().daemon().start(() -> {
                while (!server.isClosed()) {
                    try {
                        final Socket client = server.accept();
                        final Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                        connections.incrementAndGet();
                        open.add(client);
                        clients.add(client);
                        open.add(upstream);
                        pump(client, upstream);
                        pump(upstream, client);
                    } catch (final IOException e) {
                        return; // closed
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        void cutAll() throws IOException {
            for (final Socket s : open) {
                s.close();
            }
            open.clear();
        }

        /** Ends the stream towards every connected client without closing its way in. */
        void endStreamsToClients() throws IOException {
            for (final Socket s : clients) {
                s.shutdownOutput();
            }
            clients.clear();
        }

        private static void pump(final Socket from, final Socket to) {
            Thread.ofPlatform().daemon().start(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (final IOException e) {
                    // cut or closed
                }
                try {
                    to.close();
                } catch (final IOException ignored) {
                    // already closed
                }
            });
        }

        @Override
        public void close() throws IOException {
            server.close();
            cutAll();
        }
    }
}
