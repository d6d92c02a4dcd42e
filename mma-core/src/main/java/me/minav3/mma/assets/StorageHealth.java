package me.minav3.mma.assets;

import java.util.Objects;

/**
 * What a check of the asset store found. {@code detail} is for the log and the operator (it may name the endpoint
 * and the bucket, never a secret); users only ever see {@link #up()}.
 */
public record StorageHealth(Status status, String detail) {

    /** Up; unreachable (down, slow, a 5xx: may pass by itself); misconfigured (wrong bucket, bad credentials). */
    public enum Status {
        UP,
        UNREACHABLE,
        MISCONFIGURED
    }

    public StorageHealth {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    public static StorageHealth ok(String detail) {
        return new StorageHealth(Status.UP, detail);
    }

    public boolean up() {
        return status == Status.UP;
    }
}
