package me.minav3.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static me.minav3.adapters.providers.Wire.json;
import static me.minav3.adapters.providers.Wire.okJson;
import static me.minav3.cli.MinaSession.step;
import static me.minav3.cli.ProviderFakes.CHAT;
import static me.minav3.cli.ProviderFakes.CLEAN_PROMPT;
import static me.minav3.cli.ProviderFakes.IMAGES;
import static me.minav3.cli.ProviderFakes.KLING_CREATE;
import static me.minav3.cli.ProviderFakes.KLING_FILE;
import static me.minav3.cli.ProviderFakes.KLING_POLL;
import static me.minav3.cli.ProviderFakes.MOTION_PROMPT;
import static me.minav3.cli.ProviderFakes.READER_REPLY;
import static me.minav3.cli.ProviderFakes.REPLICATE_CREATE;
import static me.minav3.cli.ProviderFakes.REPLICATE_POLL;
import static me.minav3.cli.ProviderFakes.STILL;
import static me.minav3.cli.ProviderFakes.TOS_OBJECT;
import static me.minav3.cli.ProviderFakes.base;
import static me.minav3.cli.ProviderFakes.chat;
import static me.minav3.cli.ProviderFakes.chatCompletion;
import static me.minav3.cli.ProviderFakes.firstThen;
import static me.minav3.cli.ProviderFakes.generated;
import static me.minav3.cli.ProviderFakes.prediction;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import me.minav3.mma.providers.ProviderRegistry;
import me.minav3.mma.testing.SampleMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * {@code ./mina generate} and {@code ./mina animate} through the real provider adapters (OpenAI-compatible GPT,
 * Seedream on ModelArk and on Replicate, Kling), chosen by their keys and the registry config, against local fakes of the providers' HTTP APIs, on a
 * real PostgreSQL. Every fault the providers can throw ends {@code done} (retried) or {@code error} with exactly one
 * refund; the last test reads every stored row back and finds no secret in it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealProvidersEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPENAI_KEY = "sk-proj-E2E-openai-5f0c2a9d7b1e4c38";
    private static final String ARK_KEY = "ark-e2e-4b7d9e21-0c6a-4f85-9d3e-7a1b2c3d4e5f";
    private static final String REPLICATE_TOKEN = "r8_E2Ereplicate9Qw3Zt7Lk2Pv6Nb1Xc";
    private static final String KLING_ACCESS_KEY = "ak-e2e-KLING-8d2f6a0b";
    private static final String KLING_SECRET_KEY = "sk-e2e-KLING-SECRET-3c9e1f7a5b2d8c4e6f0a1b3c";
    private static final String SHOPIFY_TOKEN = "shpat_e2e_SHOPIFY_71c4e9a2d6b0f358";
    private static final List<String> SECRETS =
            List.of(OPENAI_KEY, ARK_KEY, REPLICATE_TOKEN, KLING_ACCESS_KEY, KLING_SECRET_KEY, SHOPIFY_TOKEN);
    /** Short limits, so retries and give-ups take a second or two (the seeded ones allow minutes). */
    private static final String TIMEOUTS =
            "\"timeouts\":{\"connect_ms\":1000,\"request_ms\":1500,\"total_ms\":3500,\"max_attempts\":3}";

    @TempDir
    static Path dataDir;

    private static final ProviderFakes fakes = new ProviderFakes();
    private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private static MinaSession mina;

    @BeforeAll
    static void start() throws Exception {
        mina = new MinaSession(
                dataDir,
                Map.ofEntries(
                        Map.entry("MINA_ALLOW_LOOPBACK_FETCH", "true"),
                        Map.entry("OPENAI_API_KEY", OPENAI_KEY),
                        Map.entry("OPENAI_BASE_URL", base(fakes.openAi) + "/v1"),
                        Map.entry("ARK_API_KEY", ARK_KEY),
                        Map.entry("ARK_BASE_URL", base(fakes.ark)),
                        Map.entry("REPLICATE_API_TOKEN", REPLICATE_TOKEN),
                        Map.entry("REPLICATE_BASE_URL", base(fakes.replicate)),
                        Map.entry("KLING_ACCESS_KEY", KLING_ACCESS_KEY),
                        Map.entry("KLING_SECRET_KEY", KLING_SECRET_KEY),
                        Map.entry("KLING_BASE_URL", base(fakes.kling)),
                        // Configured but never called: its secret must not leak either.
                        Map.entry("SHOPIFY_STORE_DOMAIN", base(fakes.replicate)),
                        Map.entry("SHOPIFY_ADMIN_TOKEN", SHOPIFY_TOKEN)));
        logs.start();
        logger("ROOT").addAppender(logs);
        logger(ProviderRegistry.class.getName()).setLevel(Level.INFO);
        mina.publish(
                "mma.provider.openai.defaults",
                "{\"model\":\"gpt-4.1-mini\",\"temperature\":0.4," + "\"max_tokens\":700,\"inline_images\":\"auto\","
                        + TIMEOUTS + "}");
        mina.publish(
                "mma.provider.seedream.defaults",
                "{\"model\":\"seedream-4-0-250828\",\"quality\":\"2K\"," + "\"watermark\":false," + TIMEOUTS + "}");
        mina.publish(
                "mma.provider.kling.defaults",
                "{\"model_name\":\"kling-v2-1\",\"mode\":\"std\"," + "\"poll_interval_ms\":50," + TIMEOUTS + "}");
        mina.publish(
                "mma.provider.seedream_replicate.defaults",
                "{\"model\":\"bytedance/seedream-4\"," + "\"quality\":\"2K\",\"poll_interval_ms\":50," + TIMEOUTS
                        + "}");
    }

    private static ch.qos.logback.classic.Logger logger(String name) {
        return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name);
    }

    @AfterAll
    static void stop() {
        logger("ROOT").detachAppender(logs);
        fakes.close();
    }

    @BeforeEach
    void answerWell() {
        fakes.reset();
    }

    @Test
    @Order(1)
    void generateRunsGptAndSeedreamAndKeepsOnlyOurPermanentUrl(@TempDir Path dir) throws Exception {
        Path product = dir.resolve("bottle.png");
        Files.write(product, SampleMedia.png(60, 90));

        JsonNode result =
                mina.generate("pass:user:e2e-happy", 0, "--product", product.toString(), "--aspect-ratio", "4:5");

        assertThat(result.get("status").asText()).isEqualTo("done");
        assertThat(result.get("provider").asText()).isEqualTo("seedream");
        assertThat(result.get("model").asText()).isEqualTo("seedream-4-0-250828");
        assertThat(result.get("prompt").asText()).isEqualTo(CLEAN_PROMPT);
        assertThat(result.get("credits_left").asLong()).isZero();
        String url = result.get("output_url").asText();
        assertThat(url).startsWith("http://localhost:8080/assets/mma/still/").endsWith(".png");
        assertThat(Files.readAllBytes(CliRun.localAsset(dataDir, url))).isEqualTo(STILL);

        assertThat(fakes.openAi.findAll(postRequestedFor(urlPathEqualTo(CHAT))))
                .as("scan, reader, post-scan")
                .hasSize(3)
                .allSatisfy(call -> assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + OPENAI_KEY));
        var seedream = fakes.requests(fakes.ark);
        assertThat(seedream).singleElement().satisfies(call -> {
            assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + ARK_KEY);
            JsonNode body = JSON.readTree(call.getBodyAsString());
            assertThat(body.path("prompt").asText()).isEqualTo(CLEAN_PROMPT);
            assertThat(body.path("size").asText()).isEqualTo("1792x2240");
            assertThat(body.path("response_format").asText()).isEqualTo("url");
            assertThat(body.at("/image/0").asText())
                    .as("a local product image goes inline")
                    .startsWith("data:image/png;base64,");
        });
        assertThat(fakes.requests(fakes.files)).hasSize(1);

        JsonNode audit = mina.audit(result);
        assertThat(audit.get("steps"))
                .extracting(s -> s.get("step_type").asText())
                .containsExactly(
                        "scan_product", "like_history", "gpt_reader", "seedream_generate", "postscan_output_still");
        JsonNode reader = step(audit, "gpt_reader").get("payload");
        assertThat(reader.at("/input/provider").asText()).isEqualTo("openai");
        assertThat(reader.at("/input/ctx_key").asText()).isEqualTo("mma.ctx.gpt_reader");
        assertThat(reader.at("/output/request/url").asText()).isEqualTo(base(fakes.openAi) + CHAT);
        assertThat(reader.at("/output/request/body/response_format/json_schema/strict")
                        .asBoolean())
                .isTrue();
        assertThat(reader.at("/output/attempts")).hasSize(1);
        JsonNode still = step(audit, "seedream_generate").get("payload");
        assertThat(still.at("/input/provider").asText()).isEqualTo("seedream");
        assertThat(still.at("/input/request/url").asText()).isEqualTo(base(fakes.ark) + IMAGES);
        assertThat(still.at("/input/request/body/image/0").asText()).matches("data:image/png;base64,<\\d+ bytes>");
        assertThat(still.at("/output/response/body/data/0/url").asText())
                .isEqualTo(base(fakes.files) + TOS_OBJECT + "?<redacted>");
        assertThat(still.at("/output/output_url").asText()).isEqualTo(url);

        String rowsOfThisGeneration = "select mg_id from mega_generations t where t::text like '%' || ? || '%'"
                + " and t::text like '%' || ? || '%'";
        assertThat(mina.sql(rowsOfThisGeneration, uuid(result), base(fakes.files)))
                .as("the provider's URL is kept only in the generate step")
                .containsExactly("mma_step:" + uuid(result) + ":4");
        assertThat(mina.sql(rowsOfThisGeneration, uuid(result), "X-Tos-Signature"))
                .isEmpty();
    }

    @Test
    @Order(1)
    void chosenStylesReferenceImagesArriveInSeedreamsImageFieldAfterTheUsersImages(@TempDir Path dir) throws Exception {
        Path product = dir.resolve("bottle.png");
        Files.write(product, SampleMedia.png(60, 90));

        JsonNode result = mina.generate(
                "pass:user:e2e-styles", 0, "--product", product.toString(), "--style", "noir", "--style", "sunset");

        assertThat(result.get("status").asText()).isEqualTo("done");
        var seedream = fakes.requests(fakes.ark);
        assertThat(seedream).singleElement().satisfies(call -> {
            JsonNode images = JSON.readTree(call.getBodyAsString()).path("image");
            assertThat(images).as("product, then the two styles' images").hasSize(3);
            assertThat(inline(images.get(1).asText())).isEqualTo(shipped("noir.png"));
            assertThat(inline(images.get(2).asText())).isEqualTo(shipped("sunset.png"));
        });
        JsonNode still = step(mina.audit(result), "seedream_generate").get("payload");
        assertThat(still.at("/input/settings/reference_roles").toString())
                .isEqualTo("[\"product\",\"style\",\"style\"]");
        assertThat(step(mina.audit(result), "gpt_reader").get("payload").at("/input/input/style_cues"))
                .hasSize(2);
    }

    private static byte[] inline(String dataUrl) {
        assertThat(dataUrl).startsWith("data:image/png;base64,");
        return java.util.Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
    }

    private static byte[] shipped(String file) throws java.io.IOException {
        try (var in = RealProvidersEndToEndTest.class.getResourceAsStream("/me/minav3/mma/styles/" + file)) {
            return java.util.Objects.requireNonNull(in, file).readAllBytes();
        }
    }

    @Test
    @Order(2)
    void aGptTimeoutIsRetriedAndTheStillIsDone() throws Exception {
        firstThen(
                fakes.openAi,
                () -> chat("mma_read_still"),
                okJson(chatCompletion(READER_REPLY)).withFixedDelay(2_500),
                okJson(chatCompletion(READER_REPLY)));

        JsonNode result = mina.generate("pass:user:e2e-slow-gpt", 0);

        assertThat(result.get("status").asText()).isEqualTo("done");
        JsonNode attempts = step(mina.audit(result), "gpt_reader").at("/payload/output/attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("status").isNull()).isTrue();
        assertThat(attempts.get(0).get("error").asText()).contains("timed out after 1500 ms");
        assertThat(attempts.get(1).get("status").asInt()).isEqualTo(200);
        assertCharged("pass:user:e2e-slow-gpt", result);
    }

    @Test
    @Order(3)
    void aSeedreamThatNeverAnswersInTimeFailsAndRefundsOnce() throws Exception {
        fakes.ark.stubFor(post(IMAGES)
                .atPriority(1)
                .willReturn(okJson(generated(fakes.signedOutputUrl())).withFixedDelay(2_500)));

        JsonNode result = mina.generate("pass:user:e2e-slow-seedream", 5);

        assertThat(result.get("status").asText()).isEqualTo("error");
        assertThat(result.get("error").asText())
                .isEqualTo("The image service did not answer in time. Your matcha was refunded.");
        JsonNode error = step(mina.audit(result), "seedream_generate").at("/payload/error");
        assertThat(error.get("provider").asText()).isEqualTo("seedream");
        assertThat(error.get("kind").asText()).isEqualTo("timeout");
        assertThat(error.get("attempts").size())
                .as("an image that may be in the making is not asked for twice")
                .isEqualTo(1);
        assertRefundedOnce("pass:user:e2e-slow-seedream", result);
    }

    @Test
    @Order(4)
    void a429WithRetryAfterIsWaitedOutAndTheStillIsDone() throws Exception {
        firstThen(
                fakes.ark,
                () -> post(IMAGES),
                json(
                                429,
                                "{\"error\":{\"code\":\"RateLimitExceeded.EndpointRPMExceeded\","
                                        + "\"message\":\"Too many requests, please retry later\"}}")
                        .withHeader("Retry-After", "1"),
                okJson(generated(fakes.signedOutputUrl())));

        JsonNode result = mina.generate("pass:user:e2e-429", 0);

        assertThat(result.get("status").asText()).isEqualTo("done");
        JsonNode attempts = step(mina.audit(result), "seedream_generate").at("/payload/output/attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("status").asInt()).isEqualTo(429);
        assertThat(attempts.get(0).get("retry_after_ms").asLong()).isEqualTo(1_000);
        assertThat(attempts.get(0).get("wait_ms").asLong()).isEqualTo(1_000);
        assertCharged("pass:user:e2e-429", result);
    }

    @Test
    @Order(5)
    void a500IsRetriedAndTheStillIsDone() throws Exception {
        // The error body echoes the key, as some proxies do: it must not reach the database.
        firstThen(
                fakes.openAi,
                () -> chat("mma_read_still"),
                json(
                        500,
                        "{\"error\":{\"message\":\"upstream failed for " + "Authorization: Bearer " + OPENAI_KEY
                                + "\",\"type\":\"server_error\"}}"),
                okJson(chatCompletion(READER_REPLY)));

        JsonNode result = mina.generate("pass:user:e2e-500", 0);

        assertThat(result.get("status").asText()).isEqualTo("done");
        JsonNode attempts = step(mina.audit(result), "gpt_reader").at("/payload/output/attempts");
        assertThat(attempts).extracting(a -> a.get("status").asInt()).containsExactly(500, 200);
        assertThat(attempts.get(0).get("error").asText())
                .contains("server_error", "Bearer <redacted>")
                .doesNotContain(OPENAI_KEY);
        assertCharged("pass:user:e2e-500", result);
    }

    static Stream<Arguments> unusableGptReplies() {
        return Stream.of(
                Arguments.of(
                        "prose",
                        chatCompletion("Sure! Here is your prompt: an amber bottle."),
                        "raw",
                        "Sure! Here is your prompt: an amber bottle."),
                Arguments.of(
                        "json-not-the-schema",
                        chatCompletion("{\"prompt\":\"an amber bottle\"}"),
                        "raw",
                        "{\"prompt\":\"an amber bottle\"}"),
                Arguments.of(
                        "body-not-json",
                        "<html><body>502 Bad Gateway</body></html>",
                        "body",
                        "<html><body>502 Bad Gateway</body></html>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableGptReplies")
    @Order(6)
    void anUnusableGptReplyFailsKeepsTheRawTextAndRefundsOnce(String name, String body, String kept, String text)
            throws Exception {
        fakes.openAi.stubFor(chat("mma_read_still")
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
        String passId = "pass:user:e2e-malformed-" + name;

        JsonNode result = mina.generate(passId, 5);

        assertThat(result.get("status").asText()).isEqualTo("error");
        assertThat(result.get("error").asText())
                .isEqualTo("The prompt writer gave an answer we could not use. " + "Your matcha was refunded.");
        JsonNode error = step(mina.audit(result), "gpt_reader").at("/payload/error");
        assertThat(error.get("kind").asText()).isEqualTo("malformed_reply");
        assertThat(error.at("/response/" + kept).asText()).isEqualTo(text);
        assertThat(error.get("attempts")).hasSize(1);
        assertRefundedOnce(passId, result);
    }

    @Test
    @Order(7)
    void aConnectionResetAfterTheImageWasAskedForIsNotPaidForTwice() throws Exception {
        firstThen(
                fakes.ark,
                () -> post(IMAGES),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                okJson(generated(fakes.signedOutputUrl())));

        JsonNode result = mina.generate("pass:user:e2e-reset", 5);

        assertThat(result.get("status").asText()).isEqualTo("error");
        JsonNode attempts = step(mina.audit(result), "seedream_generate").at("/payload/error/attempts");
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).get("status").isNull()).isTrue();
        assertThat(attempts.get(0).get("error").asText()).contains("connection");
        assertThat(attempts.get(0).get("unknown_outcome").asBoolean()).isTrue();
        assertThat(fakes.ark.findAll(postRequestedFor(urlPathEqualTo(IMAGES)))).hasSize(1);
        assertRefundedOnce("pass:user:e2e-reset", result);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {403, 404})
    @Order(8)
    void anExpiredProviderUrlFailsAsOutputUnavailableAndRefundsOnce(int status) throws Exception {
        fakes.files.stubFor(get(urlPathEqualTo(TOS_OBJECT))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/xml")
                        .withBody("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>")));
        String passId = "pass:user:e2e-expired-" + status;

        JsonNode result = mina.generate(passId, 5);

        assertThat(result.get("status").asText()).isEqualTo("error");
        assertThat(result.get("output_url").isNull()).isTrue();
        JsonNode payload = step(mina.audit(result), "seedream_generate").get("payload");
        assertThat(payload.at("/error/kind").asText()).isEqualTo("output_unavailable");
        assertThat(payload.at("/error/message").asText()).contains(String.valueOf(status));
        assertThat(payload.at("/input/request/url").asText())
                .as("what was asked of the provider is kept")
                .isEqualTo(base(fakes.ark) + IMAGES);
        assertThat(payload.at("/output/response/body/data/0/url").asText())
                .as("and what it answered")
                .isEqualTo(base(fakes.files) + TOS_OBJECT + "?<redacted>");
        assertRefundedOnce(passId, result);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"failed", "canceled"})
    @Order(9)
    void aReplicatePredictionThatEndsFailedOrCanceledRefundsOnce(String ending) throws Exception {
        fakes.replicate.stubFor(
                post(REPLICATE_CREATE).atPriority(1).willReturn(json(201, prediction("starting", null, null))));
        fakes.replicate.stubFor(get(REPLICATE_POLL)
                .willReturn(okJson(prediction(
                        ending,
                        null,
                        ending.equals("failed") ? "E006: The input or output was flagged as sensitive" : null))));
        String passId = "pass:user:e2e-replicate-" + ending;

        JsonNode result = withStillProvider("seedream_replicate", () -> mina.generate(passId, 5));

        assertThat(result.get("status").asText()).isEqualTo("error");
        JsonNode payload = step(mina.audit(result), "seedream_generate").get("payload");
        assertThat(payload.at("/input/provider").asText()).isEqualTo("seedream_replicate");
        assertThat(payload.at("/error/kind").asText()).isEqualTo("task_failed");
        assertThat(payload.at("/error/response/polls").asInt()).isEqualTo(1);
        assertThat(payload.at("/error/response/body/status").asText()).isEqualTo(ending);
        assertThat(fakes.requests(fakes.ark)).isEmpty();
        assertRefundedOnce(passId, result);
    }

    @Test
    @Order(10)
    void theRegistryPicksAKeyedProviderAndNamesItOnTheGeneration() throws Exception {
        JsonNode result = withStillProvider("seedream_replicate", () -> mina.generate("pass:user:e2e-replicate-ok", 0));

        assertThat(result.get("status").asText()).isEqualTo("done");
        assertThat(result.get("provider").asText()).isEqualTo("seedream_replicate");
        assertThat(result.get("model").asText()).isEqualTo("bytedance/seedream-4");
        assertThat(fakes.requests(fakes.replicate))
                .singleElement()
                .satisfies(call -> assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + REPLICATE_TOKEN));
        assertThat(fakes.requests(fakes.ark)).isEmpty();
        assertThat(mina.sql(
                        "select mg_provider from mega_generations where mg_id = ?",
                        result.get("generation_id").asText()))
                .containsExactly("seedream_replicate");
    }

    @Test
    @Order(11)
    void aRegistryProviderWithoutKeysFallsBackToLocalWithOneLogLine() throws Exception {
        Map<String, String> noArk = mina.env();
        noArk.remove("ARK_API_KEY");
        mina.grantOne("pass:user:e2e-no-ark");
        int logged = logs.list.size();

        JsonNode result = mina.generate(noArk, "pass:user:e2e-no-ark", 0);

        assertThat(result.get("status").asText()).isEqualTo("done");
        assertThat(result.get("provider").asText()).isEqualTo("local");
        JsonNode audit = mina.audit(result);
        assertThat(step(audit, "local_generate").at("/payload/input/provider").asText())
                .isEqualTo("local");
        assertThat(step(audit, "gpt_reader").at("/payload/input/provider").asText())
                .as("GPT keeps its keys")
                .isEqualTo("openai");
        assertThat(fakes.requests(fakes.ark)).isEmpty();
        assertThat(logs.list.subList(logged, logs.list.size()).stream()
                        .map(ILoggingEvent::getFormattedMessage)
                        .filter(line -> line.startsWith("provider_fallback role=still")))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("configured=seedream", "active=local"));
    }

    @Test
    @Order(12)
    void animateRunsGptAndKlingAndKeepsOnlyOurPermanentVideo() throws Exception {
        String passId = "pass:user:e2e-kling";

        JsonNode video = animateANewStill(passId, 0);

        assertThat(video.get("status").asText()).isEqualTo("done");
        assertThat(video.get("mode").asText()).isEqualTo("video");
        assertThat(video.get("provider").asText()).isEqualTo("kling");
        assertThat(video.get("prompt").asText()).isEqualTo(MOTION_PROMPT);
        String url = video.get("output_url").asText();
        assertThat(url).startsWith("http://localhost:8080/assets/").endsWith(".mp4");
        assertThat(Files.readAllBytes(CliRun.localAsset(dataDir, url))).isEqualTo(ProviderFakes.VIDEO);
        assertThat(fakes.kling.findAll(postRequestedFor(urlPathEqualTo(KLING_CREATE))))
                .singleElement()
                .satisfies(call -> {
                    String jwt = call.getHeader("Authorization").substring("Bearer ".length());
                    JsonNode claims =
                            JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
                    assertThat(claims.get("iss").asText()).isEqualTo(KLING_ACCESS_KEY);
                    assertThat(claims.get("exp").asLong() - claims.get("nbf").asLong())
                            .isEqualTo(1805);
                    JsonNode body = JSON.readTree(call.getBodyAsString());
                    assertThat(body.get("model_name").asText()).isEqualTo("kling-v2-1");
                    assertThat(body.get("prompt").asText()).isEqualTo(MOTION_PROMPT);
                    assertThat(body.get("duration").asText()).isEqualTo("5");
                    assertThat(body.get("image").asText())
                            .as("our still, sent to Kling")
                            .isNotBlank();
                });
        assertThat(fakes.kling.findAll(
                        com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo(KLING_POLL))))
                .isNotEmpty();
        JsonNode generateStep = step(mina.audit(video), "kling_generate");
        JsonNode generate = generateStep.get("payload");
        assertThat(generate.at("/input/provider").asText()).isEqualTo("kling");
        assertThat(generate.at("/output/output_url").asText()).isEqualTo(url);
        assertThat(mina.sql("select mg_id from mega_generations t where t::text like '%' || ? || '%'", KLING_FILE))
                .as("Kling's URL is kept only in the generate step")
                .containsExactly(generateStep.get("id").asText());
        assertThat(mina.credits(passId))
                .containsExactlyInAnyOrder("grant:+1", "generation:-1", "grant:+10", "generation:-10");
        assertThat(mina.balance(passId)).isZero();
    }

    @Test
    @Order(13)
    void aKlingTaskThatEndsFailedFailsTheVideoAndRefundsItOnce() throws Exception {
        fakes.kling.stubFor(get(KLING_POLL)
                .atPriority(1)
                .willReturn(okJson(fakes.klingTask("failed", "Failure to pass the risk control system"))));
        String passId = "pass:user:e2e-kling-failed";

        JsonNode video = animateANewStill(passId, 5);

        assertThat(video.get("status").asText()).isEqualTo("error");
        assertThat(video.get("error").asText()).contains("refunded");
        JsonNode payload = step(mina.audit(video), "kling_generate").get("payload");
        assertThat(payload.at("/error/kind").asText()).isEqualTo("task_failed");
        assertThat(payload.toString()).contains("Failure to pass the risk control system");
        assertThat(mina.credits(passId))
                .containsExactlyInAnyOrder("grant:+1", "generation:-1", "grant:+10", "generation:-10", "refund:+10");
        assertThat(mina.sql(
                        "select mg_id from mega_generations where mg_record_type = 'credit_transaction'"
                                + " and mg_reason = 'refund' and mg_pass_id = ?",
                        passId))
                .containsExactly("credit_transaction:refund:" + uuid(video));
        assertThat(mina.balance(passId)).isEqualTo(10);
    }

    /** Makes a still for the pass (1 matcha), grants the 10 a 5-second video costs, animates it. */
    private static JsonNode animateANewStill(String passId, int expectedExit) throws Exception {
        JsonNode still = mina.generate(passId, 0);
        mina.mina("credits", "grant", passId, "10");
        CliRun run = mina.mina(
                "animate",
                still.get("generation_id").asText(),
                "--prompt",
                "the bottle turns slowly",
                "--duration",
                "5",
                "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(expectedExit);
        return JSON.readTree(run.out());
    }

    @Test
    @Order(14)
    void aBatchLineThatFailedIsTriedAgainOnTheNextRunAndChargedOnceNet(@TempDir Path dir) throws Exception {
        String passId = "pass:user:e2e-batch-retry";
        mina.mina("credits", "grant", passId, "3");
        Path lines = dir.resolve("lines.jsonl");
        Files.writeString(lines, "{\"pass_id\":\"" + passId + "\",\"brief\":\"amber bottle on linen\"}\n");
        fakes.ark.stubFor(post(IMAGES)
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"InvalidParameter\",\"message\":\"bad size\"}}")));

        CliRun first = mina.mina(
                "batch", lines.toString(), "--out", dir.resolve("first.jsonl").toString());
        fakes.reset();
        CliRun second = mina.mina(
                "batch", lines.toString(), "--out", dir.resolve("second.jsonl").toString());

        JsonNode failed = JSON.readTree(Files.readString(dir.resolve("first.jsonl")));
        JsonNode retried = JSON.readTree(Files.readString(dir.resolve("second.jsonl")));
        assertThat(first.exitCode()).as(first.err()).isEqualTo(5);
        assertThat(failed.get("status").asText()).isEqualTo("error");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(retried.get("status").asText()).as(retried.toString()).isEqualTo("done");
        assertThat(retried.get("generation_id").asText())
                .isNotEqualTo(failed.get("generation_id").asText());
        assertThat(mina.credits(passId))
                .containsExactlyInAnyOrder("grant:+3", "generation:-1", "refund:+1", "generation:-1");
        assertThat(mina.balance(passId)).isEqualTo(2);
    }

    @Test
    @Order(15)
    void anEndFrameOnTheSeededDefaultsMakesTheVideoAsProAndSaysSoInTheStep(@TempDir Path dir) throws Exception {
        String passId = "pass:user:e2e-end-frame";
        Path end = dir.resolve("end.png");
        Files.write(end, SampleMedia.png(90, 120));
        JsonNode still = mina.generate(passId, 0);
        // 5 s in pro: 2 a second × 5 × 1.75, rounded up (decision 041); 10 is no longer enough.
        CliRun short10 = mina.mina("credits", "grant", passId, "10");
        assertThat(short10.exitCode()).as(short10.err()).isZero();
        CliRun refused = mina.mina(
                "animate",
                still.get("generation_id").asText(),
                "--prompt",
                "the bottle turns slowly",
                "--end-image",
                end.toString(),
                "--duration",
                "5",
                "--json");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.out() + refused.err()).contains("this costs 18 and the balance is 10");
        mina.mina("credits", "grant", passId, "8", "--request-id", "e2e-end-frame-top-up");

        CliRun run = mina.mina(
                "animate",
                still.get("generation_id").asText(),
                "--prompt",
                "the bottle turns slowly",
                "--end-image",
                end.toString(),
                "--duration",
                "5",
                "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode video = JSON.readTree(run.out());
        assertThat(video.get("status").asText()).isEqualTo("done");
        assertThat(fakes.kling.findAll(postRequestedFor(urlPathEqualTo(KLING_CREATE))))
                .as("one task, accepted")
                .singleElement()
                .satisfies(call -> {
                    JsonNode body = JSON.readTree(call.getBodyAsString());
                    assertThat(body.get("model_name").asText()).isEqualTo("kling-v2-1");
                    assertThat(body.get("mode").asText()).isEqualTo("pro");
                    assertThat(body.get("image_tail").asText()).isNotBlank();
                });
        JsonNode request =
                step(mina.audit(video), "kling_generate").get("payload").at("/input/request");
        assertThat(request.get("corrections").toString()).contains("mode std sent as pro");
    }

    @Test
    @Order(100)
    void noStoredRowLogLineOrOutputHoldsASecret() throws Exception {
        List<String> rows = new ArrayList<>();
        for (String table : List.of("mega_generations", "mega_admin", "mega_customers")) {
            rows.addAll(mina.sql("select t::text from " + table + " t"));
        }
        String stored = String.join("\n", rows);
        assertThat(mina.sql(
                        "select mg_payload->'error'->>'kind' from mega_generations where mg_record_type = 'mma_step'"
                                + " and mg_payload->'error' is not null"))
                .as("the fault runs above have been stored")
                .contains("timeout", "malformed_reply", "output_unavailable", "task_failed");
        String logged = String.join(
                "\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        assertThat(logged).as("the runs above were logged").contains("provider_retry provider=seedream");
        String printed = mina.transcript();
        for (String secret : SECRETS) {
            assertThat(stored).as("MEGA tables").doesNotContain(secret);
            assertThat(logged).as("logs").doesNotContain(secret);
            assertThat(printed).as("CLI output").doesNotContain(secret);
        }
        assertThat(stored).as("the key a provider echoed was stored redacted").contains("Bearer <redacted>");
        assertThat(stored)
                .doesNotContainIgnoringCase("X-Tos-Signature")
                .doesNotContainPattern("Bearer [A-Za-z0-9_-]{8,}")
                .doesNotContainPattern("base64,[A-Za-z0-9+/]{16,}");
    }

    /** Runs {@code body} with {@code mma.provider.registry} naming {@code provider} for stills, then restores it. */
    private static <T> T withStillProvider(String provider, ThrowingSupplier<T> body) throws Exception {
        mina.publish("mma.provider.registry", registry(provider));
        try {
            return body.get();
        } finally {
            mina.publish("mma.provider.registry", registry("seedream"));
        }
    }

    private static String registry(String still) {
        return "{\"vision\":\"openai\",\"still\":\"" + still + "\",\"video\":\"kling\",\"commerce\":\"shopify\","
                + "\"fallback\":\"local\"}";
    }

    /** The generation was charged once and not refunded. */
    private static void assertCharged(String passId, JsonNode generation) throws Exception {
        assertThat(mina.credits(passId)).containsExactlyInAnyOrder("grant:+1", "generation:-1");
        assertThat(mina.balance(passId)).isZero();
        assertThat(generation.get("credits_left").asLong()).isZero();
    }

    /** The failed generation was charged once and refunded exactly once: the balance is back where it was. */
    private static void assertRefundedOnce(String passId, JsonNode generation) throws Exception {
        assertThat(mina.credits(passId)).containsExactlyInAnyOrder("grant:+1", "generation:-1", "refund:+1");
        assertThat(mina.sql(
                        "select mg_id from mega_generations where mg_record_type = 'credit_transaction'"
                                + " and mg_reason = 'refund' and mg_pass_id = ?",
                        passId))
                .containsExactly("credit_transaction:refund:" + uuid(generation));
        assertThat(mina.balance(passId)).isEqualTo(1);
        assertThat(generation.get("credits_left").asLong()).isEqualTo(1);
    }

    private static String uuid(JsonNode generation) {
        return generation.get("generation_id").asText().substring("generation:".length());
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
