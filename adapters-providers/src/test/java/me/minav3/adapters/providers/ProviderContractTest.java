package me.minav3.adapters.providers;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.DefaultConfig;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.models.ModelCapabilities;
import me.minav3.mma.providers.models.ModelCapability;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Runs the real adapters against a local WireMock server speaking the providers' wire formats, on fake time (no
 * real backoff or poll waits). After each test, every trace the test produced is serialized and searched for the
 * configured secrets, the bearer tokens that were sent, and inline image data: none may appear.
 */
abstract class ProviderContractTest {

    static final String OPENAI_KEY = "sk-test-OPENAI-0123456789abcdef";
    static final String ARK_KEY = "ark-test-KEY-0123456789abcdef";
    static final String REPLICATE_TOKEN = "r8_test_REPLICATE_0123456789abcdef";
    static final String KLING_ACCESS_KEY = "ak-test-KLING-0123456789";
    static final String KLING_SECRET_KEY = "sk-test-KLING-SECRET-0123456789abcdef0123";
    static final String SHOPIFY_TOKEN = "shpat_test_SHOPIFY_0123456789abcdef";
    static final String GEMINI_KEY = "AIza-test-GEMINI-0123456789abcdef";

    /** Small limits so faults resolve fast; total time only passes through fake sleeps. */
    static final Map<String, Object> FAST =
            obj("timeouts", obj("connect_ms", 1_000, "request_ms", 2_000, "total_ms", 120_000, "max_attempts", 3));

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    static WireMockServer server;

    final FakeTime time = new FakeTime();
    final List<ProviderTrace> traces = new ArrayList<>();
    RealProviders providers;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void connectProviders() {
        server.resetAll();
        providers = new RealProviders(settings(), time, time, new SplittableRandom(7));
    }

    ProviderSettings settings() {
        String base = server.baseUrl();
        return new ProviderSettings(
                OPENAI_KEY,
                base + "/v1",
                ARK_KEY,
                base,
                REPLICATE_TOKEN,
                base,
                KLING_ACCESS_KEY,
                KLING_SECRET_KEY,
                base,
                base,
                SHOPIFY_TOKEN,
                "2025-07",
                GEMINI_KEY,
                base);
    }

    @AfterEach
    void tracesHoldNoSecrets() throws Exception {
        List<String> forbidden = new ArrayList<>(settings().secrets());
        for (LoggedRequest request : server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()))) {
            String googKey = request.getHeader("x-goog-api-key");
            if (googKey != null) {
                forbidden.add(googKey);
            }
            String authorization = request.getHeader("Authorization");
            if (authorization != null) {
                forbidden.add(authorization.substring(authorization.indexOf(' ') + 1));
            }
        }
        String json = JsonMapper.builder().build().writeValueAsString(traces);
        for (String secret : forbidden) {
            assertThat(json).as("traces hold no secret").doesNotContain(secret);
        }
        assertThat(json).doesNotContainPattern("base64,[A-Za-z0-9+/]{8,}");
        assertThat(json).as("no signed URL").doesNotContainIgnoringCase("signature=");
    }

    /** Keeps the trace for the secret scan and returns it. */
    ProviderTrace kept(ProviderTrace trace) {
        traces.add(trace);
        return trace;
    }

    /** Runs what must fail with a ProviderFailure, and keeps its trace. */
    ProviderFailure failure(ThrowingCallable call) {
        ProviderFailure failure = catchThrowableOfType(ProviderFailure.class, call);
        assertThat(failure).as("a ProviderFailure").isNotNull();
        traces.add(failure.trace());
        return failure;
    }

    /** The seeded capability entry ({@code mma.provider.models} version 1) of a provider's model. */
    static ModelCapability seeded(String provider, String model) {
        return ModelCapabilities.parse(DefaultConfig.values().get(ConfigKeys.PROVIDER_MODELS))
                .find(provider, model)
                .orElseThrow(() -> new AssertionError("the seeded table lists no " + provider + " " + model));
    }

    static ImageRef publicImage(String url) {
        return new ImageRef(url, () -> {
            throw new AssertionError("a public image is sent by URL, its bytes are never read");
        });
    }

    static ImageRef localImage(String url) {
        return new ImageRef(url, () -> PNG.clone());
    }

    static String pngDataUrl() {
        return "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(PNG);
    }
}
