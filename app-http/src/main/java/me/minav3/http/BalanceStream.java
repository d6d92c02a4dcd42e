package me.minav3.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditBalance;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One customer's balance as Server-Sent Events ({@code GET /api/me/balance/stream}, decision 034): a {@code balance}
 * event at once, then one whenever a credit movement of theirs is announced (here or on another process) and the
 * balance or expiry differs from the last one sent. Like {@link LiveStream} (decision 023) everything runs on the
 * stream's own thread, never interrupted; a slow re-read catches a missed notification, and at every re-read (and at
 * once when this process signs the login out) the login is checked; a signed-out login ends the stream.
 */
final class BalanceStream implements OpenStreams.Served {

    static final Duration REREAD = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(BalanceStream.class);

    private final SseClient client;
    private final PassId owner;
    private final BalanceSignals signals;
    private final Function<PassId, CreditBalance.Balance> balances;
    private final BooleanSupplier signedOut;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean ended;
    private volatile boolean changed = true;
    private volatile boolean loginToCheck;
    private @Nullable String lastSent;
    private long lastWrite;
    private final long keepAliveNanos;

    /** @param keepAlive how long the stream may stay silent before it writes a keep-alive */
    BalanceStream(
            SseClient client,
            PassId owner,
            BalanceSignals signals,
            Function<PassId, CreditBalance.Balance> balances,
            BooleanSupplier signedOut,
            Duration keepAlive) {
        this.client = client;
        this.keepAliveNanos = keepAlive.toNanos();
        this.owner = owner;
        this.signals = signals;
        this.balances = balances;
        this.signedOut = signedOut;
        client.onClose(this::end);
    }

    @Override
    public void run() {
        try (AutoCloseable subscription = signals.subscribe(owner, this::balanceMoved)) {
            serve();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("balance_stream_failed error=\"{}\"", e.toString());
        }
    }

    private void serve() throws InterruptedException {
        lastWrite = System.nanoTime();
        long nextReread = System.nanoTime() + REREAD.toNanos();
        while (!over()) {
            if (changed) {
                changed = false;
                send();
            }
            long wait = Math.min(nextReread, lastWrite + keepAliveNanos) - System.nanoTime();
            boolean woken = wake.tryAcquire(Math.max(wait, 0), TimeUnit.NANOSECONDS);
            wake.drainPermits();
            if (!woken && System.nanoTime() - lastWrite >= keepAliveNanos && !over()) {
                client.sendComment("keep-alive");
                lastWrite = System.nanoTime();
            }
            if (System.nanoTime() >= nextReread) {
                nextReread = System.nanoTime() + REREAD.toNanos();
                loginToCheck = true;
                changed = true;
            }
            if (loginToCheck) {
                loginToCheck = false;
                checkLogin();
            }
        }
    }

    /** On the publisher's thread: never blocks, never reads. */
    private void balanceMoved() {
        changed = true;
        wake.release();
    }

    @Override
    public void end() {
        ended = true;
        wake.release();
    }

    @Override
    public void checkLoginSoon() {
        loginToCheck = true;
        wake.release();
    }

    private boolean over() {
        return ended || client.terminated();
    }

    private void checkLogin() {
        try {
            if (!over() && signedOut.getAsBoolean()) {
                log.info("balance_stream_ended_signed_out");
                ended = true;
            }
        } catch (RuntimeException e) {
            log.warn("balance_stream_login_check_failed error=\"{}\"", e.toString());
        }
    }

    /** Reads the balance and sends it when it differs from the last one sent. */
    private void send() {
        if (over()) {
            return;
        }
        try {
            CreditBalance.Balance balance = balances.apply(owner);
            String data = JSON.writeValueAsString(Json.obj(
                    "balance",
                    balance.credits(),
                    "expires_at",
                    balance.expiresAt() == null ? null : balance.expiresAt().toString()));
            if (!Objects.equals(data, lastSent)) {
                client.sendEvent("balance", data);
                lastSent = data;
                lastWrite = System.nanoTime();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            log.warn("balance_stream_read_failed error=\"{}\"", e.toString());
        }
    }
}
