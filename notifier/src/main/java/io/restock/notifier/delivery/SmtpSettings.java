package io.restock.notifier.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * Where and how to send email.
 *
 * @param security {@code NONE} (plain SMTP), {@code STARTTLS} (required) or {@code SMTPS} (TLS from the start)
 * @param username empty for no authentication
 */
public record SmtpSettings(String host, int port, Security security, String username, String password, String from,
                           Duration connectTimeout, Duration timeout) {

    public enum Security { NONE, STARTTLS, SMTPS }

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(from, "from");
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    public static SmtpSettings plain(final String host, final int port, final String from) {
        return new SmtpSettings(host, port, Security.NONE, "", "", from, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    Properties sessionProperties() {
        final String protocol = security == Security.SMTPS ? "smtps" : "smtp";
        final Properties props = new Properties();
        props.put("mail.transport.protocol", protocol);
        props.put("mail." + protocol + ".host", host);
        props.put("mail." + protocol + ".port", Integer.toString(port));
        props.put("mail." + protocol + ".connectiontimeout", Long.toString(connectTimeout.toMillis()));
        props.put("mail." + protocol + ".timeout", Long.toString(timeout.toMillis()));
        props.put("mail." + protocol + ".writetimeout", Long.toString(timeout.toMillis()));
        props.put("mail." + protocol + ".auth", Boolean.toString(!username.isEmpty()));
        if (security == Security.STARTTLS) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (security != Security.NONE) {
            props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        return props;
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", " + security + ", user=" + username + ", from=" + from + "]";
    }
}
