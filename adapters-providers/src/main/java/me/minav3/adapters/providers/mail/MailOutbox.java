package me.minav3.adapters.providers.mail;

import me.minav3.mma.studio.Mailer;

/** A {@link Mailer} that sends in the background: closing it lets queued mail go out for a moment, then stops. */
public interface MailOutbox extends Mailer, AutoCloseable {

    /** Where codes go, for the operator: "email codes are sent through smtp://host:port as …". */
    String describe();

    @Override
    void close();
}
