package me.minav3.adapters.providers.mail;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.jspecify.annotations.Nullable;

/**
 * Why a send failed, and whether trying again may help: an SMTP 4xx reply or a connection that failed or timed out
 * passes; a 5xx reply (a refused recipient, bad credentials) does not. The reason holds the server's reply, never the
 * message.
 *
 * @param replyCode the SMTP reply code, or 0 when the server never answered
 */
record SmtpFailure(boolean passing, int replyCode, String reason) {

    private static final Pattern CODE = Pattern.compile("(?:^|response: )([2-5][0-9][0-9])\\b");

    static SmtpFailure of(MessagingException failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            int code = replyCode(t);
            if (code >= 400) {
                return new SmtpFailure(code < 500, code, firstLine(t));
            }
        }
        // No reply code: the connection failed, timed out or broke (also anything we cannot read: retries are bounded).
        String connection = connectionFault(failure);
        return new SmtpFailure(true, 0, connection != null ? connection : firstLine(failure));
    }

    private static int replyCode(Throwable t) {
        return switch (t) {
            case SMTPSendFailedException e -> e.getReturnCode();
            case SMTPAddressFailedException e -> e.getReturnCode();
            case SMTPSenderFailedException e -> e.getReturnCode();
            default -> parsed(t.getMessage());
        };
    }

    private static int parsed(@Nullable String message) {
        if (message == null) {
            return 0;
        }
        Matcher matcher = CODE.matcher(message.strip());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private static @Nullable String connectionFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof IOException) {
                return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
            }
        }
        return null;
    }

    private static @Nullable Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static String firstLine(Throwable failure) {
        String message = failure.getMessage() == null
                ? failure.getClass().getSimpleName()
                : failure.getMessage().strip();
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end).strip();
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
