package me.minav3.adapters.providers.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/** The login-code message: a short text and HTML alternative in UTF-8, marked as automatic (RFC 3834). */
final class LoginCodeMail {

    static final String SUBJECT = "Your Mina sign-in code";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private LoginCodeMail() {}

    static MimeMessage compose(
            Session session, InternetAddress from, String to, String code, Instant expiresAt, Instant now)
            throws MessagingException {
        long minutes = Math.max(1, (Duration.between(now, expiresAt).toSeconds() + 59) / 60);
        String until = TIME.format(expiresAt) + " (" + minutes + (minutes == 1 ? " minute" : " minutes") + ")";
        String text = """
                Your Mina sign-in code is %s

                Enter it on the sign-in page. It works once and expires at %s.
                If you did not ask for it, ignore this email: nobody can sign in without the code.
                """.formatted(code, until);
        String html = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title></head>
                <body style="font-family:system-ui,sans-serif;color:#222">
                <p>Your Mina sign-in code is</p>
                <p style="font-size:28px;font-weight:bold;letter-spacing:6px">%s</p>
                <p>Enter it on the sign-in page. It works once and expires at %s.</p>
                <p style="color:#666">If you did not ask for it, ignore this email: nobody can sign in without the code.</p>
                </body></html>
                """.formatted(SUBJECT, escape(code), escape(until));

        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8", "plain");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(rich);

        MimeMessage message = new MimeMessage(session);
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        message.setSubject(SUBJECT, "UTF-8");
        message.setSentDate(Date.from(now));
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Auto-Response-Suppress", "All");
        message.setHeader("Content-Language", "en");
        message.setContent(alternative);
        message.saveChanges(); // MIME-Version, Message-ID (at the From domain: mail.from is set on the session)
        return message;
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
