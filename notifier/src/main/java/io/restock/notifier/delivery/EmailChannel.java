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
import java.util.Date;

/**
 * Email over SMTP (Jakarta Mail, Eclipse Angus): multipart/alternative with the plain-text and the
 * HTML body. The Message-ID is {@code <notificationId@restock>}, so a resend after a crash (see
 * README, failure window) carries the same id and mail clients and servers can recognise it.
 */
public final class EmailChannel implements Channel {

    public static final String MESSAGE_ID_DOMAIN = "restock";

    private final SmtpSettings settings;
    private final Session session;

    public EmailChannel(final SmtpSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(settings.sessionProperties());
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
        try {
            if (settings.username().isEmpty()) {
                Transport.send(mime);
            } else {
                Transport.send(mime, settings.username(), settings.password());
            }
        } catch (final SMTPSendFailedException e) {
            final boolean permanent = e.getReturnCode() >= 500;
            throw new DeliveryException(!permanent, "SMTP_" + e.getReturnCode(), e.getMessage(), e);
        } catch (final SendFailedException e) {
            throw new DeliveryException(false, "SMTP_REJECTED", e.getMessage(), e);
        } catch (final MessagingException e) {
            throw new DeliveryException(true, "SMTP_UNAVAILABLE", e.getMessage(), e);
        }
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
