/**
 * Login codes by email over SMTP (Eclipse Angus Mail). The apps build the outbox with
 * {@link me.minav3.adapters.providers.mail.Mailers#smtp} from {@link me.minav3.adapters.providers.mail.MailSettings};
 * the sending classes are package-private.
 */
@NullMarked
package me.minav3.adapters.providers.mail;

import org.jspecify.annotations.NullMarked;
