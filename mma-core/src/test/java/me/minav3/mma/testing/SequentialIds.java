package me.minav3.mma.testing;

import java.util.concurrent.atomic.AtomicLong;
import me.minav3.mma.common.IdGenerator;

/** Predictable ids for tests: {@code id-000001}, {@code id-000002}, … */
public final class SequentialIds implements IdGenerator {

    private final AtomicLong next = new AtomicLong();
    private final String prefix;

    public SequentialIds(String prefix) {
        this.prefix = prefix;
    }

    public SequentialIds() {
        this("id");
    }

    @Override
    public String newId() {
        return "%s-%06d".formatted(prefix, next.incrementAndGet());
    }
}
