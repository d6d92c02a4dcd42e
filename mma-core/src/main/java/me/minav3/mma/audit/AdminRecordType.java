package me.minav3.mma.audit;

import java.util.Locale;

/** The record types of MEGA_ADMIN; the wire name is also the {@code mg_id} prefix. */
public enum AdminRecordType {
    ADMIN_SESSION,
    ADMIN_AUDIT,
    PROFILE,
    RUNTIME_CONFIG,
    APP_CONFIG,
    LOGIN_CODE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
