package io.restock.chaos;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * A real SMTP server (GreenMail) the notifier sends its customer emails to during a run. Unlike the demo's
 * catcher it keeps every message, repeats included: a resend with the same Message-ID is what the
 * notification invariant counts.
 */
final class SmtpCatcher implements AutoCloseable {

    private final GreenMail server;

    SmtpCatcher(final int port) {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** The Message-ID of every email received so far, one entry per message received. */
    List<String> messageIds() {
        final List<String> ids = new ArrayList<>();
        for (final MimeMessage message : server.getReceivedMessages()) {
            try {
                ids.add(message.getMessageID() == null ? "(none)" : message.getMessageID());
            } catch (final MessagingException e) {
                ids.add("(unreadable: " + e.getMessage() + ")");
            }
        }
        return ids;
    }

    @Override
    public void close() {
        server.stop();
    }
}
