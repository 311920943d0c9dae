package io.paycli.core.notify;

import io.paycli.core.model.NotifyTarget;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * E-mail over SMTP: STARTTLS required unless the target turns it off (the server's certificate and name are checked),
 * authentication when the target names a user and password. Every socket operation is bounded by the timeout.
 */
final class EmailNotifier implements Notifier {
    private final NotifyTarget target;
    private final Duration timeout;
    private final Secrets secrets;

    EmailNotifier(NotifyTarget target, Duration timeout, Secrets secrets) {
        this.target = target;
        this.timeout = timeout;
        this.secrets = secrets;
    }

    @Override
    public void send(Message message) throws SendFailure {
        String user = secrets.optional(target.usernameEnv());
        String password = secrets.optional(target.passwordEnv());
        Session session = Session.getInstance(properties(user != null));
        try {
            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(new InternetAddress(target.from() != null ? target.from() : "paycli@" + target.smtpHost()));
            mail.setRecipients(RecipientType.TO, InternetAddress.parse(String.join(",", target.to())));
            mail.setSubject("[paycli] " + message.headline(), "UTF-8");
            mail.setText(body(message), "UTF-8");
            mail.setHeader(WebhookNotifier.DELIVERY, message.id());
            mail.setHeader(WebhookNotifier.EVENT, message.event().id());
            if (user != null) {
                Transport.send(mail, user, password);
            } else {
                Transport.send(mail);
            }
        } catch (AuthenticationFailedException e) {
            throw new SendFailure("the SMTP server refused the user and password ("
                    + safe(e) + ")", false);
        } catch (AddressException | SendFailedException e) {
            throw new SendFailure("the SMTP server refused an address (" + safe(e) + ")", false);
        } catch (MessagingException e) {
            throw new SendFailure(safe(e), true);
        }
    }

    private Properties properties(boolean auth) {
        String millis = Long.toString(timeout.toMillis());
        Properties p = new Properties();
        p.put("mail.smtp.host", target.smtpHost());
        p.put("mail.smtp.port", Integer.toString(target.smtpPort()));
        p.put("mail.smtp.auth", Boolean.toString(auth));
        p.put("mail.smtp.starttls.enable", Boolean.toString(target.starttls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(target.starttls()));
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        p.put("mail.smtp.connectiontimeout", millis);
        p.put("mail.smtp.timeout", millis);
        p.put("mail.smtp.writetimeout", millis);
        return p;
    }

    static String body(Message m) {
        StringBuilder text = new StringBuilder(m.headline()).append("\n\n");
        for (Map.Entry<String, String> fact : m.facts().entrySet()) {
            text.append(fact.getKey()).append(": ").append(fact.getValue()).append('\n');
        }
        return text.append("\npaycli ").append(m.action()).append(" · id ").append(m.id()).append('\n').toString();
    }

    /** The exception's first line and its cause's, with no secret in them. */
    private String safe(MessagingException e) {
        String message = firstLine(e.getMessage());
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(firstLine(cause.getMessage()))) {
            message += ": " + firstLine(cause.getMessage());
        }
        return secrets.redact(message);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no details";
        }
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}
