package me.minav3.mma.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.minav3.mma.common.Json;
import org.junit.jupiter.api.Test;

/** What every {@link LoginCodes} keeps: one state per key, replaced only from the state it was read as. */
public abstract class LoginCodesContract {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    protected abstract LoginCodes loginCodes();

    private static String key() {
        return "k" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void aStateIsWrittenOnceFromNothingAndReplacedOnlyFromWhatWasRead() {
        LoginCodes codes = loginCodes();
        String key = key();
        Map<String, Object> first =
                Json.obj("code_hash", "aa", "attempts_left", 5, "expires_at", "2026-01-01T00:10:00Z");
        Map<String, Object> second =
                Json.obj("code_hash", "aa", "attempts_left", 4, "expires_at", "2026-01-01T00:10:00Z");

        assertThat(codes.find(key)).isEmpty();
        assertThat(codes.compareAndSet(key, Map.of(), first, T0)).isTrue();
        assertThat(codes.compareAndSet(key, Map.of(), first, T0))
                .as("not from nothing any more")
                .isFalse();
        assertThat(codes.find(key)).isEqualTo(first);
        assertThat(codes.compareAndSet(key, second, first, T0))
                .as("not from a state it never had")
                .isFalse();
        assertThat(codes.compareAndSet(key, codes.find(key), second, T0)).isTrue();
        assertThat(codes.find(key)).isEqualTo(second);
        assertThat(codes.find(key())).as("other keys are untouched").isEmpty();
    }

    @Test
    void parallelReplacementsFromTheSameStateLetExactlyOneThrough() throws Exception {
        LoginCodes codes = loginCodes();
        String key = key();
        codes.compareAndSet(key, Map.of(), Json.obj("attempts_left", 5), T0);
        Map<String, Object> read = codes.find(key);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                tries.add(pool.submit(() -> codes.compareAndSet(key, read, Json.obj("attempts_left", 4, "by", n), T0)));
            }
            int through = 0;
            for (Future<Boolean> t : tries) {
                through += t.get() ? 1 : 0;
            }
            assertThat(through).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
