package io.restock.notifier.delivery;

import io.restock.notifier.internal.NotificationRequested;
import io.restock.notifier.message.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;

/**
 * Email over SMTP (Jakarta Mail, Eclipse Angus): multipart/alternative with the plain-text and the
 * HTML body. The Message-ID is {@code <notificationId@restock>}, so a resend after a crash (see
 * README, failure window) carries the same id and mail clients and servers can recognise it.
 *
 * <p>One SMTP connection is kept open across messages (connect and EHLO once, then one
 * {@code MAIL FROM/RCPT TO/DATA} per message): a new connection per message cost ~50 ms here and was
 * most of the sender's time (notifier/README.md, "Benchmark"). The connection is replaced after
 * {@code messagesPerConnection} messages (servers limit messages per session), when it has been idle for
 * {@link #IDLE_CLOSE} (servers drop idle sessions), and after any failure. A kept connection that fails
 * before the server answered the message (dropped by the server meanwhile) is retried once at once on a
 * new connection, and so is a kept connection the server closes with 421 (e.g. its idle timeout); a failure
 * on a new connection is {@code SMTP_UNAVAILABLE} (transient) or the server's reply. Calls are
 * serialised: the outbox sender and the retry sender share one channel and so one connection.
 */
public final class EmailChannel implements Channel, AutoCloseable {

    public static final String MESSAGE_ID_DOMAIN = "restock";
    /** Messages per SMTP connection unless configured. */
    public static final int DEFAULT_MESSAGES_PER_CONNECTION = 100;
    /** A connection unused this long is closed before the next message rather than reused. */
    static final Duration IDLE_CLOSE = Duration.ofSeconds(30);
    /** Angus's return code when the server sent no reply at all (end of stream). */
    private static final int NO_REPLY = -1;

    private final SmtpSettings settings;
    private final Session session;
    private final int messagesPerConnection;
    private Transport transport;
    private int sentOnConnection;
    private long lastUsedNanos;

    public EmailChannel(final SmtpSettings settings) {
        this(settings, DEFAULT_MESSAGES_PER_CONNECTION);
    }

    /** @param messagesPerConnection at least 1; 1 opens a new connection for every message */
    public EmailChannel(final SmtpSettings settings, final int messagesPerConnection) {
        if (messagesPerConnection < 1) {
            throw new IllegalArgumentException("messagesPerConnection must be at least 1: " + messagesPerConnection);
        }
        this.settings = settings;
        this.session = Session.getInstance(settings.sessionProperties());
        this.messagesPerConnection = messagesPerConnection;
    }

    public static String messageId(final String notificationId) {
        return "<" + notificationId + "@" + MESSAGE_ID_DOMAIN + ">";
    }

    @Override
    public void deliver(final NotificationRequested request, final Message message, final int attempt)
            throws DeliveryException {
        final MimeMessage mime;
        try {
            mime = new FixedIdMessage(session, messageId(request.getNotificationId()));
            mime.setFrom(new InternetAddress(settings.from()));
            mime.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(request.getRecipient(), true));
            mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mime.setSentDate(new Date());
            final MimeBodyPart text = new MimeBodyPart();
            text.setText(message.text(), StandardCharsets.UTF_8.name(), "plain");
            final MimeBodyPart html = new MimeBodyPart();
            html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
            final MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            mime.setContent(alternative);
            mime.saveChanges();
        } catch (final AddressException e) {
            throw new DeliveryException(false, "INVALID_ADDRESS", "invalid address " + request.getRecipient(), e);
        } catch (final MessagingException e) {
            throw new DeliveryException(false, "UNRENDERABLE", "cannot build the email: " + e.getMessage(), e);
        }
        send(mime);
    }

    private synchronized void send(final MimeMessage mime) throws DeliveryException {
        if (transport != null && (sentOnConnection >= messagesPerConnection
                || System.nanoTime() - lastUsedNanos > IDLE_CLOSE.toNanos())) {
            disconnect();
        }
        final boolean kept = transport != null;
        try {
            sendOnConnection(mime);
            return;
        } catch (final MessagingException e) {
            disconnect();
            if (!kept || (e instanceof SendFailedException && !connectionGone(e))) {
                throw failure(e);
            }
        }
        try {
            sendOnConnection(mime); // the kept connection had gone stale: once more on a new one
        } catch (final MessagingException e) {
            disconnect();
            throw failure(e);
        }
    }

    /**
     * The connection itself is gone rather than the message refused: the server closed it with 421, or the
     * command met end of stream (Angus reports that as a send failure with return code -1 and "[EOF]",
     * where a write to the closed socket is a plain MessagingException; which one depends on timing).
     */
    private static boolean connectionGone(final MessagingException e) {
        return e instanceof SMTPSendFailedException reply
                && (reply.getReturnCode() == 421 || reply.getReturnCode() == NO_REPLY);
    }

    /** An SMTP reply to this message (4xx transient, 5xx permanent), or no answer at all (transient). */
    private static DeliveryException failure(final MessagingException e) {
        if (e instanceof SMTPSendFailedException reply && reply.getReturnCode() == NO_REPLY) {
            return new DeliveryException(true, "SMTP_UNAVAILABLE", e.getMessage(), e);
        }
        if (e instanceof SMTPSendFailedException reply) {
            final boolean permanent = reply.getReturnCode() >= 500;
            return new DeliveryException(!permanent, "SMTP_" + reply.getReturnCode(), e.getMessage(), e);
        }
        if (e instanceof SendFailedException) {
            return new DeliveryException(false, "SMTP_REJECTED", e.getMessage(), e);
        }
        return new DeliveryException(true, "SMTP_UNAVAILABLE", e.getMessage(), e);
    }

    private void sendOnConnection(final MimeMessage mime) throws MessagingException {
        if (transport == null) {
            final Transport fresh = session.getTransport();
            if (settings.username().isEmpty()) {
                fresh.connect();
            } else {
                fresh.connect(settings.username(), settings.password());
            }
            transport = fresh;
            sentOnConnection = 0;
        }
        lastUsedNanos = System.nanoTime();
        transport.sendMessage(mime, mime.getAllRecipients());
        sentOnConnection++;
        lastUsedNanos = System.nanoTime();
    }

    private void disconnect() {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (final MessagingException ignored) {
            // the server has gone already: nothing to say goodbye to
        }
        transport = null;
    }

    /** Closes the kept SMTP connection (QUIT). */
    @Override
    public synchronized void close() {
        disconnect();
    }

    /** A MimeMessage whose Message-ID is ours, not one Jakarta Mail makes up on save. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(final Session session, final String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
