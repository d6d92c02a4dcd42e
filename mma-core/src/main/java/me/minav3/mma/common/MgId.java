package me.minav3.mma.common;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A namespaced MEGA_GENERATIONS primary key: {@code <record_type>:<local part>}. The prefix always names the
 * record type, so ids of different kinds can never collide.
 */
public record MgId(RecordType type, String local) {

    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9._:@+-]{1,200}");

    public MgId {
        Objects.requireNonNull(type, "record type");
        Objects.requireNonNull(local, "id");
        if (!LOCAL.matcher(local).matches()) {
            throw new IllegalArgumentException("invalid " + type.wire() + " id: '" + local + "'");
        }
    }

    public static MgId parse(String text) {
        Objects.requireNonNull(text, "id");
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a namespaced id (expected <record_type>:<id>): '" + text + "'");
        }
        return new MgId(RecordType.fromWire(text.substring(0, colon)), text.substring(colon + 1));
    }

    public String value() {
        return type.wire() + ":" + local;
    }

    @Override
    public String toString() {
        return value();
    }
}
