package me.minav3.adapters.providers.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import me.minav3.mma.common.Clock;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.ProviderFailure.Kind;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP layer every provider adapter uses: JSON in and out over HTTP/1.1 (Apache HttpClient 5, blocking, on
 * the caller's thread), per-request and total time limits, retries with backoff on transient faults — as far as the
 * request's {@link Repeat} class allows, so that no request that starts paid work is sent twice blindly —, and every
 * attempt recorded in the call's trace.
 *
 * <p>Not the JDK's {@code HttpClient} (decision 064): with thousands of calls in flight its connection pool keeps
 * idle connections in a list that every call walks, and every call builds its filters by reflection; it used two to
 * three times the CPU per call of this client.
 */
public final class ProviderHttp {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderHttp.class);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final Clock clock;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final Redaction redaction;
    /**
     * Jackson's buffers from a pool shared by every thread, not from the thread (its default): each call runs on the
     * still's own virtual thread, which would make its own buffers and keep them until it ended.
     */
    private final ObjectMapper mapper = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
                    .build())
            .build();

    private final ConcurrentMap<Duration, CloseableHttpClient> clients = new ConcurrentHashMap<>();
    /** Ends an exchange at its request time limit, headers and body included (a socket timeout alone only bounds a silence). */
    private final ScheduledExecutorService deadlines;

    public ProviderHttp(Clock clock, Sleeper sleeper, Backoff backoff, Redaction redaction) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.backoff = backoff;
        this.redaction = redaction;
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "provider-http-deadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.deadlines = timer;
    }

    public Clock clock() {
        return clock;
    }

    /** Starts one use of a provider: its total time budget begins now. */
    public ProviderCall start(String provider, Timeouts timeouts) {
        return new ProviderCall(provider, timeouts, clock, redaction);
    }

    /**
     * Sends an {@link Repeat#IDEMPOTENT} or {@link Repeat#REBILLED} exchange until the judge accepts a reply,
     * retrying retryable faults up to {@code max_attempts} within the total budget. The first exchange of a call is
     * recorded as the trace's request; the last reply as its response.
     *
     * @throws ProviderFailure when no usable reply came
     */
    public HttpReply send(ProviderCall call, HttpCall http, ReplyJudge judge) {
        if (http.repeat() == Repeat.DUPLICATES) {
            throw new IllegalArgumentException(http.label() + " starts paid work: send it with create()");
        }
        return exchangeUntilDone(call, http, judge).acceptedOrThrow();
    }

    /**
     * Sends a {@link Repeat#DUPLICATES} exchange: a request that starts work the provider bills. It is sent again
     * only after faults that prove the provider did nothing with it ({@link Fault#unsent()}); after any other
     * passing fault (a timeout, a dropped connection, a 5xx) the job may exist, and the outcome is
     * {@link Created.Unknown}: the caller looks it up by its own dedupe key, or gives up without a second job.
     *
     * @throws ProviderFailure when the provider refused the request
     */
    public Created create(ProviderCall call, HttpCall http, ReplyJudge judge) {
        if (http.repeat() != Repeat.DUPLICATES) {
            throw new IllegalArgumentException(http.label() + " does not start paid work: send it with send()");
        }
        return exchangeUntilDone(call, http, judge);
    }

    /** What came of a request that starts paid work. */
    public sealed interface Created {

        /** The provider answered: the job exists (the reply says which). */
        record Accepted(HttpReply reply) implements Created {}

        /** No answer that says whether the job exists; {@code failure} tells what went wrong, with the trace. */
        record Unknown(ProviderFailure failure) implements Created {}

        /** The reply, or the failure when the outcome is unknown (for callers that cannot look the job up). */
        default HttpReply acceptedOrThrow() {
            return switch (this) {
                case Accepted accepted -> accepted.reply();
                case Unknown unknown -> throw unknown.failure();
            };
        }
    }

    private Created exchangeUntilDone(ProviderCall call, HttpCall http, ReplyJudge judge) {
        if (!call.recordedRequest("url")) {
            call.request("method", http.method());
            call.request("url", http.uri().toString());
            if (http.body() != null) {
                call.request("body", http.body());
            }
        }
        byte[] body = http.body() == null ? null : write(http.body());
        int maxAttempts = call.timeouts().maxAttempts();
        for (int attempt = 1; ; attempt++) {
            Duration remaining = call.remaining();
            if (remaining.toMillis() <= 0) {
                throw call.failure(
                        Kind.TIMEOUT,
                        "total time limit of " + call.timeouts().total().toMillis() + " ms reached before "
                                + http.label());
            }
            Duration timeout = remaining.compareTo(call.timeouts().request()) < 0
                    ? remaining
                    : call.timeouts().request();
            Outcome outcome = exchange(call, http, body, timeout, judge);
            if (outcome.fault == null) {
                return new Created.Accepted(Objects.requireNonNull(outcome.reply, "reply"));
            }
            Fault fault = outcome.fault;
            if (!fault.retryable()) {
                throw call.failure(fault.kind(), fault.message(), outcome.cause);
            }
            if (http.repeat() == Repeat.DUPLICATES && !fault.unsent()) {
                outcome.record.put("unknown_outcome", true);
                LOG.warn(
                        "provider_create_unknown provider={} call={} attempt={} kind={}",
                        call.provider(),
                        http.label(),
                        attempt,
                        fault.kind());
                return new Created.Unknown(call.failure(
                        fault.kind(),
                        fault.message() + " (the request may have reached " + call.provider()
                                + "; not sent again, so no second job was started)",
                        outcome.cause));
            }
            if (attempt >= maxAttempts) {
                throw call.failure(fault.kind(), fault.message() + attemptsNote(attempt, fault), outcome.cause);
            }
            Duration wait = outcome.retryAfter.isPresent() ? outcome.retryAfter.get() : backoff.delay(attempt);
            if (wait.compareTo(call.remaining()) >= 0) {
                throw call.failure(
                        fault.kind(),
                        fault.message() + " (no time left in the total limit of "
                                + call.timeouts().total().toMillis() + " ms to wait " + wait.toMillis()
                                + " ms and retry)");
            }
            outcome.record.put("wait_ms", wait.toMillis());
            LOG.warn(
                    "provider_retry provider={} call={} attempt={} kind={} wait_ms={}",
                    call.provider(),
                    http.label(),
                    attempt,
                    fault.kind(),
                    wait.toMillis());
            sleep(call, wait);
        }
    }

    /**
     * Waits {@code interval} before polling again, or fails with {@code TIMEOUT} when the total budget cannot
     * cover the wait and one more request.
     */
    public void pause(ProviderCall call, Duration interval, String stillWaitingFor) {
        if (interval.compareTo(call.remaining()) >= 0) {
            throw call.failure(
                    Kind.TIMEOUT,
                    stillWaitingFor + " after the total limit of "
                            + call.timeouts().total().toMillis() + " ms");
        }
        sleep(call, interval);
    }

    /** A JSON object parsed from text (e.g. a model's reply content); empty when the text is not one. */
    public Optional<Map<String, Object>> readObject(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(mapper.readValue(text, OBJECT));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    public String writeText(Object value) {
        return new String(write(value), StandardCharsets.UTF_8);
    }

    private Outcome exchange(
            ProviderCall call, HttpCall http, byte @Nullable [] body, Duration timeout, ReplyJudge judge) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("n", call.attemptCount() + 1);
        record.put("call", http.label());
        call.attempt(record);
        long started = System.nanoTime();
        HttpUriRequestBase request;
        try {
            request = request(http, body, timeout);
        } catch (IllegalArgumentException e) {
            record.put("error", "invalid request: " + e.getMessage());
            throw call.failure(Kind.CONFIGURATION, http.label() + " cannot be sent: " + e.getMessage());
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> alarm = deadlines.schedule(
                () -> {
                    timedOut.set(true);
                    request.cancel();
                },
                timeout.toNanos(),
                TimeUnit.NANOSECONDS);
        try {
            Received received = client(call.timeouts().connect())
                    .execute(request, HttpClientContext.create(), response -> {
                        HttpEntity entity = response.getEntity();
                        Header retryAfter = response.getFirstHeader("Retry-After");
                        return new Received(
                                response.getCode(),
                                entity == null ? new byte[0] : EntityUtils.toByteArray(entity),
                                retryAfter == null ? null : retryAfter.getValue());
                    });
            record.put("status", received.status());
            record.put("duration_ms", elapsedMs(started));
            return judged(call, received, judge, record);
        } catch (ConnectTimeoutException e) {
            return failed(
                    record,
                    started,
                    Fault.unsent(
                            Kind.CONNECTION,
                            http.label() + " could not connect within "
                                    + call.timeouts().connect().toMillis() + " ms"),
                    e);
        } catch (ConnectException | UnknownHostException e) {
            // Refused, or the host name did not resolve: nothing was sent.
            return failed(
                    record,
                    started,
                    Fault.unsent(Kind.CONNECTION, http.label() + " could not connect: " + describe(e)),
                    e);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                record.put("duration_ms", elapsedMs(started));
                record.put("error", "interrupted");
                throw call.failure(Kind.TIMEOUT, http.label() + " was interrupted", e);
            }
            if (timedOut.get() || e instanceof SocketTimeoutException) {
                return failed(
                        record,
                        started,
                        Fault.retry(Kind.TIMEOUT, http.label() + " timed out after " + timeout.toMillis() + " ms"),
                        e);
            }
            return failed(
                    record,
                    started,
                    Fault.retry(Kind.CONNECTION, http.label() + " connection failed: " + describe(e)),
                    e);
        } finally {
            alarm.cancel(false);
        }
    }

    /** What came back from one exchange: the status, the whole body and the {@code Retry-After} header, if any. */
    private record Received(
            int status, byte[] body, @Nullable String retryAfter) {}

    private Outcome judged(ProviderCall call, Received response, ReplyJudge judge, Map<String, Object> record) {
        int status = response.status();
        String raw = new String(response.body(), StandardCharsets.UTF_8);
        Optional<Map<String, Object>> parsed = readObject(raw);
        call.response("status", status);
        call.response("body", parsed.<Object>map(b -> b).orElse(raw));
        Fault fault = judge.judge(status, parsed.orElse(Map.of()));
        if (fault == null && parsed.isEmpty()) {
            fault = Fault.stop(Kind.MALFORMED_REPLY, "HTTP " + status + " reply is not a JSON object");
        }
        if (fault == null) {
            record.put("error", null);
            return new Outcome(new HttpReply(status, parsed.get()), null, null, Optional.empty(), record);
        }
        record.put("error", fault.message());
        Optional<Duration> retryAfter = Backoff.retryAfter(response.retryAfter(), clock.now());
        retryAfter.ifPresent(wait -> record.put("retry_after_ms", wait.toMillis()));
        return new Outcome(null, fault, null, retryAfter, record);
    }

    private Outcome failed(Map<String, Object> record, long started, Fault fault, Exception cause) {
        record.put("status", null);
        record.put("duration_ms", elapsedMs(started));
        record.put("error", fault.message());
        return new Outcome(null, fault, cause, Optional.empty(), record);
    }

    /** The request, or {@link IllegalArgumentException} when it could not go anywhere (not an http(s) URL with a host). */
    private static HttpUriRequestBase request(HttpCall http, byte @Nullable [] body, Duration timeout) {
        String scheme = http.uri().getScheme();
        if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
                || http.uri().getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL with a host: " + http.uri());
        }
        HttpUriRequestBase request = new HttpUriRequestBase(http.method(), http.uri());
        request.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(timeout))
                .setConnectionRequestTimeout(Timeout.of(timeout))
                .build());
        request.setHeader("Accept", "application/json");
        http.headers().forEach(request::setHeader);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, ContentType.create("application/json")));
        }
        return request;
    }

    private CloseableHttpClient client(Duration connectTimeout) {
        return clients.computeIfAbsent(connectTimeout, ProviderHttp::newClient);
    }

    /**
     * The HTTP client every provider call goes through (one per connect timeout); public so that
     * {@code bench/run ProviderClientCost} measures this very transport.
     */
    public static CloseableHttpClient newClient(Duration connectTimeout) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        // Per-route pools without one lock for all: thousands of calls may be in flight.
                        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                        // No limit of the client's own: each provider's max_concurrency bounds its calls.
                        .setMaxConnTotal(Integer.MAX_VALUE)
                        .setMaxConnPerRoute(Integer.MAX_VALUE)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                // A connection idle for a while is checked before reuse: servers close idle
                                // ones, and a create sent on a closed one would have an unknown outcome.
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .build())
                        .build())
                // Redirects are not followed: a provider API never needs them, and following one could
                // carry credentials to another host. Retries are this class's own (by Repeat class).
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    private void sleep(ProviderCall call, Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw call.failure(Kind.TIMEOUT, "interrupted while waiting to retry", e);
        }
    }

    private byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body is not serializable as JSON", e);
        }
    }

    private static String attemptsNote(int attempt, Fault fault) {
        return fault.retryable() ? " (gave up after " + attempt + " attempt" + (attempt == 1 ? "" : "s") + ")" : "";
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private record Outcome(
            @Nullable HttpReply reply,
            @Nullable Fault fault,
            @Nullable Exception cause,
            Optional<Duration> retryAfter,
            Map<String, Object> record) {}
}
