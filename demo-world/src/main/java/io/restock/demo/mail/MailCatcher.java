package io.restock.demo.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server (GreenMail) inside the demo process that catches the notifier's customer emails. The
 * notifier is pointed at it ({@code SMTP_HOST}/{@code SMTP_PORT}); {@link #drain} hands each new message on once.
 */
public final class MailCatcher implements AutoCloseable {

    /** A caught email: the order it is about (from the subject), subject, recipients, when it was read. */
    public record Mail(String orderId, String subject, String to, String messageId, Instant caughtAt) {
    }

    private static final Pattern ORDER = Pattern.compile("order (\\S+):");

    private final GreenMail server;
    private final java.util.Set<String> seen = new java.util.HashSet<>();
    private final List<Mail> mails = new ArrayList<>();

    public MailCatcher(final int port) {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** Reads the messages received since the last call, hands each to {@code sink}, and keeps them. */
    public synchronized void drain(final Consumer<Mail> sink) {
        // GreenMail lists messages by mailbox, not in arrival order: new ones are told apart by Message-ID
        // (the notifier's notification id), or by position for a message without one.
        final MimeMessage[] received = server.getReceivedMessages();
        for (int i = 0; i < received.length; i++) {
            final Mail mail = read(received[i]);
            if (seen.add(mail.messageId() == null ? "#" + i : mail.messageId())) {
                mails.add(mail);
                sink.accept(mail);
            }
        }
    }

    public synchronized List<Mail> mails() {
        return List.copyOf(mails);
    }

    private static Mail read(final MimeMessage message) {
        try {
            final String subject = message.getSubject() == null ? "" : message.getSubject();
            final Matcher matcher = ORDER.matcher(subject);
            final Address[] to = message.getAllRecipients();
            final java.util.Date sent = message.getSentDate();
            return new Mail(matcher.find() ? matcher.group(1) : null, subject,
                    to == null || to.length == 0 ? "?" : to[0].toString(), message.getMessageID(),
                    sent == null ? Instant.now() : sent.toInstant());
        } catch (MessagingException e) {
            return new Mail(null, "unreadable: " + e.getMessage(), "?", null, Instant.now());
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
