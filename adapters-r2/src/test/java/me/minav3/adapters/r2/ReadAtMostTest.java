package me.minav3.adapters.r2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SafeHttpMediaFetcher#readAtMost}: the whole body when it is at most the limit, whatever length the sender
 * announced and however the stream hands it over; nothing when it is longer.
 */
class ReadAtMostTest {

    private static final int[] SIZES = {0, 1, 100, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 300_000, 600_001};

    static List<Arguments> bodies() {
        List<Arguments> cases = new ArrayList<>();
        for (int size : SIZES) {
            // announced: unknown, right, too small, too large, far too large (a sender may announce anything)
            for (long announced : new long[] {-1, size, size / 2, size + 10, 1L << 40}) {
                for (int chunk : new int[] {1, 7, 8192, Integer.MAX_VALUE}) {
                    if (chunk == 1 && size > 20_000) {
                        continue; // a byte at a time is proved on the small bodies; the large ones would only be slow
                    }
                    cases.add(Arguments.of(size, announced, chunk));
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} bytes, announced {1}, read {2} at a time")
    @MethodSource("bodies")
    void returnsTheWholeBodyUpToTheLimit(int size, long announced, int chunk) throws IOException {
        byte[] body = body(size);

        assertThat(SafeHttpMediaFetcher.readAtMost(trickle(body, chunk), size, announced))
                .as("a limit of exactly its size")
                .isEqualTo(body);
        assertThat(SafeHttpMediaFetcher.readAtMost(trickle(body, chunk), size + 1L, announced))
                .as("a limit one over its size")
                .isEqualTo(body);
        assertThat(SafeHttpMediaFetcher.readAtMost(trickle(body, chunk), 1L << 40, announced))
                .as("a limit far over its size")
                .isEqualTo(body);
    }

    @ParameterizedTest(name = "{0} bytes, announced {1}, read {2} at a time")
    @MethodSource("bodies")
    void returnsNothingForABodyOverTheLimit(int size, long announced, int chunk) throws IOException {
        if (size == 0) {
            return;
        }
        byte[] body = body(size);

        assertThat(SafeHttpMediaFetcher.readAtMost(trickle(body, chunk), size - 1L, announced))
                .as("a limit one under its size")
                .isNull();
        assertThat(SafeHttpMediaFetcher.readAtMost(trickle(body, chunk), 0, announced))
                .as("a limit of nothing")
                .isNull();
    }

    @ParameterizedTest(name = "{0} bytes, announced {1}, read {2} at a time")
    @MethodSource("bodies")
    void stopsReadingAtTheFirstByteOverTheLimit(int size, long announced, int chunk) throws IOException {
        if (size < 2) {
            return;
        }
        byte[] body = body(size);
        long limit = size / 2;
        Trickle stream = trickle(body, chunk);

        assertThat(SafeHttpMediaFetcher.readAtMost(stream, limit, announced)).isNull();
        assertThat(stream.handedOut()).as("bytes read").isLessThanOrEqualTo(limit + 1);
    }

    private static byte[] body(int size) {
        byte[] body = new byte[size];
        new Random(size).nextBytes(body);
        return body;
    }

    private static Trickle trickle(byte[] body, int chunk) {
        return new Trickle(body, chunk);
    }

    /** A stream that hands out at most {@code chunk} bytes per read, as a socket may. */
    private static final class Trickle extends InputStream {

        private final ByteArrayInputStream in;
        private final int chunk;
        private long handedOut;

        Trickle(byte[] body, int chunk) {
            this.in = new ByteArrayInputStream(body);
            this.chunk = chunk;
        }

        long handedOut() {
            return handedOut;
        }

        @Override
        public int read() {
            int b = in.read();
            if (b != -1) {
                handedOut++;
            }
            return b;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            int n = in.read(target, offset, Math.min(length, chunk));
            if (n > 0) {
                handedOut += n;
            }
            return n;
        }
    }
}
