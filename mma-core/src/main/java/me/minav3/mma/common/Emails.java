package me.minav3.mma.common;

import java.util.Locale;
import java.util.regex.Pattern;

/** Email address normalization and a deliberately simple validity check. */
public final class Emails {

    private static final Pattern SIMPLE = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    private Emails() {}

    public static String normalize(String email) {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (normalized.length() > 254 || !SIMPLE.matcher(normalized).matches()) {
            throw new IllegalArgumentException("not an email address: '" + email + "'");
        }
        return normalized;
    }
}
