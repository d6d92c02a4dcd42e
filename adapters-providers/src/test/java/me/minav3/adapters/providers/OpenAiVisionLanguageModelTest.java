package me.minav3.adapters.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static me.minav3.adapters.providers.Wire.json;
import static me.minav3.adapters.providers.Wire.okJson;
import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.GptContext;
import me.minav3.mma.providers.GptReply;
import me.minav3.mma.providers.GptRequest;
import me.minav3.mma.providers.GptTask;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.TokenUsage;
import org.junit.jupiter.api.Test;

class OpenAiVisionLanguageModelTest extends ProviderContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PATH = "/v1/chat/completions";
    private static final String SCAN_REPLY =
            "{\"crt\":\"A matte amber glass bottle on travertine\",\"userMessage\":\"Lovely bottle, noted.\"}";

    @Test
    void sendsSystemPromptInputAsJsonImagesAsPartsAndAStrictSchema() throws Exception {
        server.stubFor(post(PATH).willReturn(okJson(chatCompletion(SCAN_REPLY))));

        GptReply reply = ask(scan(
                Map.of(),
                List.of(
                        publicImage("https://cdn.example.com/product.png"),
                        localImage("http://localhost:8080/assets/logo.png"))));

        assertThat(reply.fields())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "crt", "A matte amber glass bottle on travertine", "userMessage", "Lovely bottle, noted."));
        assertThat(reply.provider()).isEqualTo("openai");
        assertThat(reply.model()).isEqualTo("gpt-4.1-mini-2025-04-14");
        var sent = server.findAll(postRequestedFor(urlEqualTo(PATH))).get(0);
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + OPENAI_KEY);
        JsonNode body = JSON.readTree(sent.getBodyAsString());
        assertThat(body.path("model").asText()).isEqualTo("gpt-4.1-mini");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.4);
        assertThat(body.path("max_completion_tokens").asInt())
                .as("accepted by every current chat model")
                .isEqualTo(700);
        assertThat(body.has("max_tokens"))
                .as("deprecated, refused by reasoning models")
                .isFalse();
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("You describe one image.");
        JsonNode parts = body.at("/messages/1/content");
        assertThat(parts).hasSize(3);
        assertThat(parts.at("/0/type").asText()).isEqualTo("text");
        assertThat(JSON.readTree(parts.at("/0/text").asText())).isEqualTo(JSON.readTree("{\"role\":\"product\"}"));
        assertThat(parts.at("/1/type").asText()).isEqualTo("image_url");
        assertThat(parts.at("/1/image_url/url").asText()).isEqualTo("https://cdn.example.com/product.png");
        assertThat(parts.at("/2/image_url/url").asText())
                .as("a localhost image goes inline")
                .isEqualTo(pngDataUrl());
        JsonNode format = body.path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.at("/json_schema/name").asText()).isEqualTo("mma_scan");
        assertThat(format.at("/json_schema/strict").asBoolean()).isTrue();
        assertThat(format.at("/json_schema/schema")).isEqualTo(JSON.readTree("""
                {"type":"object","properties":{"crt":{"type":"string"},"userMessage":{"type":"string"}},
                 "required":["crt","userMessage"],"additionalProperties":false}"""));
        assertThat(reply.trace().attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt)
                    .containsEntry("n", 1)
                    .containsEntry("call", "chat.completions")
                    .containsEntry("status", 200);
            assertThat(attempt.get("error")).isNull();
        });
        assertThat(reply.trace().request()).containsEntry("url", server.baseUrl() + PATH);
        assertThat(JSON.writeValueAsString(reply.trace().request())).contains("data:image/png;base64,<16 bytes>");
    }

    @Test
    void contextOptionsOverrideTheDefaultsAndANullRemovesOne() throws Exception {
        server.stubFor(post(PATH).willReturn(okJson(chatCompletion("{\"clean_prompt\":\"A bottle at dawn\"}"))));
        Map<String, Object> options = new HashMap<>(FAST);
        options.put("temperature", 0.1);
        options.put("max_completion_tokens", null);
        options.put("model", "gpt-4.1");
        GptContext context = new GptContext(
                "mma.ctx.gpt_feedback_still",
                2,
                "app_config:mma.ctx.gpt_feedback_still:v2",
                "Rewrite the prompt.",
                null,
                options);

        GptReply reply = ask(new GptRequest(GptTask.FEEDBACK_STILL, context, obj("feedback", "less light"), List.of()));

        assertThat(reply.field("clean_prompt")).isEqualTo("A bottle at dawn");
        JsonNode body = JSON.readTree(
                server.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getBodyAsString());
        assertThat(body.path("model").asText()).isEqualTo("gpt-4.1");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.1);
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(body.at("/response_format/json_schema/schema/required").toString())
                .isEqualTo("[\"clean_prompt\"]");
    }

    @Test
    void theMaxTokensKeyARunningInstallationStillStoresIsSentAsMaxCompletionTokens() throws Exception {
        server.stubFor(post(PATH).willReturn(okJson(chatCompletion(SCAN_REPLY))));
        Map<String, Object> storedVersion1 = new HashMap<>(FAST);
        storedVersion1.put("model", "gpt-4.1-mini");
        storedVersion1.put("max_tokens", 900);

        ask(scan(storedVersion1, List.of()));

        JsonNode body = JSON.readTree(
                server.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getBodyAsString());
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(900);
        assertThat(body.has("max_tokens")).isFalse();
    }

    @Test
    void aReasoningModelGetsMaxCompletionTokensAndNoTemperature() throws Exception {
        server.stubFor(post(PATH).willReturn(okJson(chatCompletion(SCAN_REPLY))));
        // As OpenAI answers a reasoning model sent max_tokens or a temperature.
        server.stubFor(post(PATH)
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.max_tokens"))
                .willReturn(json(
                        400,
                        Json.obj(
                                "error",
                                Json.obj(
                                        "message",
                                        "Unsupported parameter: 'max_tokens' is not supported with this "
                                                + "model. Use 'max_completion_tokens' instead.",
                                        "type",
                                        "invalid_request_error",
                                        "param",
                                        "max_tokens",
                                        "code",
                                        "unsupported_parameter")))));
        server.stubFor(post(PATH)
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.temperature"))
                .willReturn(json(
                        400,
                        Json.obj(
                                "error",
                                Json.obj(
                                        "message",
                                        "Unsupported value: 'temperature' does not support 0.4 with this "
                                                + "model. Only the default (1) value is supported.",
                                        "type",
                                        "invalid_request_error",
                                        "param",
                                        "temperature",
                                        "code",
                                        "unsupported_value")))));
        GptContext context = new GptContext(
                "mma.ctx.gpt_scanner",
                1,
                "app_config:mma.ctx.gpt_scanner:v1",
                "You describe one image.",
                "o4-mini",
                FAST);

        GptReply reply = ask(
                new GptRequest(GptTask.SCAN, context, obj("role", "product"), List.of(), seeded("openai", "o4-mini")));

        assertThat(reply.field("crt")).isNotBlank();
        JsonNode body = JSON.readTree(
                server.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getBodyAsString());
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(700);
        assertThat(body.has("temperature")).isFalse();
        assertThat(reply.trace().request())
                .containsEntry("corrections", List.of("temperature left out: openai model o4-mini takes none"));
    }

    @Test
    void contentThatIsNotJsonIsAMalformedReplyWithTheRawTextKept() {
        server.stubFor(post(PATH).willReturn(okJson(chatCompletion("Sure! Here is a caption: a bottle."))));

        ProviderFailure failure = failure(() -> ask(scan(FAST, List.of())));

        assertThat(failure.kind()).isEqualTo(Kind.MALFORMED_REPLY);
        assertThat(failure.trace().response()).containsEntry("raw", "Sure! Here is a caption: a bottle.");
        assertThat(failure.trace().attempts()).hasSize(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void replyMissingASchemaFieldIsMalformed() {
        server.stubFor(post(PATH).willReturn(okJson(chatCompletion("{\"crt\":\"a bottle\",\"message\":\"hi\"}"))));

        ProviderFailure failure = failure(() -> ask(scan(FAST, List.of())));

        assertThat(failure.kind()).isEqualTo(Kind.MALFORMED_REPLY);
        assertThat(failure.getMessage()).contains("userMessage");
        assertThat(failure.trace().response().get("raw")).isEqualTo("{\"crt\":\"a bottle\",\"message\":\"hi\"}");
    }

    @Test
    void aRefusalIsAMalformedReply() throws Exception {
        Map<String, Object> reply = obj(
                "id",
                "chatcmpl-9",
                "model",
                "gpt-4.1-mini",
                "choices",
                List.of(obj(
                        "index",
                        0,
                        "finish_reason",
                        "stop",
                        "message",
                        obj("role", "assistant", "content", null, "refusal", "I can't help with that."))));
        server.stubFor(post(PATH).willReturn(okJson(JSON.writeValueAsString(reply))));

        ProviderFailure failure = failure(() -> ask(scan(FAST, List.of())));

        assertThat(failure.kind()).isEqualTo(Kind.MALFORMED_REPLY);
        assertThat(failure.getMessage()).contains("refused").contains("I can't help with that.");
    }

    @Test
    void aBodyThatIsNotJsonIsAMalformedReply() {
        server.stubFor(post(PATH).willReturn(aResponse().withStatus(200).withBody("<html>gateway</html>")));

        ProviderFailure failure = failure(() -> ask(scan(FAST, List.of())));

        assertThat(failure.kind()).isEqualTo(Kind.MALFORMED_REPLY);
        assertThat(failure.trace().response()).containsEntry("body", "<html>gateway</html>");
    }

    @Test
    void insufficientQuotaIsNeverRetried() {
        server.stubFor(post(PATH)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"error":{"message":"You exceeded your current quota, please check your plan and billing details.",
                        "type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""")));

        ProviderFailure failure = failure(() -> ask(scan(FAST, List.of())));

        assertThat(failure.kind()).isEqualTo(Kind.QUOTA);
        assertThat(server.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void rateLimitWithRetryAfterWaitsThatLongThenSucceeds() {
        stubSequence(
                aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "7")
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"));

        GptReply reply = ask(scan(FAST, List.of()));

        assertThat(reply.field("crt")).startsWith("A matte amber");
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertThat(reply.trace().attempts()).hasSize(2);
        assertThat(reply.trace().attempts().get(0))
                .containsEntry("status", 429)
                .containsEntry("retry_after_ms", 7_000L)
                .containsEntry("wait_ms", 7_000L);
        assertThat((String) reply.trace().attempts().get(0).get("error")).contains("rate_limit_exceeded");
        assertThat(reply.trace().attempts().get(1)).containsEntry("status", 200);
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        String in30Seconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                FakeTime.START.plusSeconds(30).atZone(ZoneOffset.UTC));
        stubSequence(aResponse().withStatus(503).withHeader("Retry-After", in30Seconds));

        ask(scan(FAST, List.of()));

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void serverErrorThenSuccessIsRetriedAfterAJitteredBackoff() {
        stubSequence(aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"The server had an error\"}}"));

        GptReply reply = ask(scan(FAST, List.of()));

        assertThat(reply.fields()).containsKeys("crt", "userMessage");
        assertThat(time.sleeps())
                .singleElement()
                .satisfies(wait -> assertThat(wait).isBetween(Duration.ZERO, Duration.ofMillis(500)));
        assertThat(reply.trace().attempts()).extracting(a -> a.get("status")).containsExactly(500, 200);
    }

    @Test
    void aConnectionResetIsRetried() {
        stubSequence(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        GptReply reply = ask(scan(FAST, List.of()));

        assertThat(reply.fields()).containsKey("crt");
        assertThat(reply.trace().attempts().get(0)).containsEntry("status", null);
        assertThat((String) reply.trace().attempts().get(0).get("error")).contains("connection");
    }

    @Test
    void connectionResetsEveryTimeGiveUpAfterMaxAttempts() {
        server.stubFor(post(PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        ProviderFailure failure = failure(() -> ask(scan(FAST, List.of())));

        assertThat(failure.kind()).isEqualTo(Kind.CONNECTION);
        assertThat(failure.getMessage()).contains("gave up after 3 attempts");
        assertThat(server.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(3);
        assertThat((List<?>) failure.toPayload().get("attempts")).hasSize(3);
    }

    @Test
    void aSlowReplyTimesOutPerRequestAndIsRetried() {
        server.stubFor(post(PATH).willReturn(okJson(chatCompletion(SCAN_REPLY)).withFixedDelay(1_500)));
        Map<String, Object> quick =
                obj("timeouts", obj("connect_ms", 500, "request_ms", 150, "total_ms", 60_000, "max_attempts", 2));

        ProviderFailure failure = failure(() -> ask(scan(quick, List.of())));

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.trace().attempts())
                .hasSize(2)
                .allSatisfy(attempt -> assertThat((String) attempt.get("error")).contains("timed out after 150 ms"));
    }

    @Test
    void badCredentialsAreNotRetried() {
        server.stubFor(post(PATH)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"error\":{\"message\":\"Incorrect API key provided: sk-test-OPENAI-0123456789abcdef.\","
                                        + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));

        ProviderFailure failure = failure(() -> ask(scan(FAST, List.of())));

        assertThat(failure.kind()).isEqualTo(Kind.AUTH);
        assertThat(failure.getMessage()).contains("invalid_api_key").doesNotContain(OPENAI_KEY);
        assertThat(server.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
    }

    @Test
    void aRetryAfterLongerThanTheTotalLimitFailsWithoutWaiting() {
        server.stubFor(post(PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

        ProviderFailure failure = failure(() -> ask(scan(FAST, List.of())));

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.getMessage()).contains("no time left");
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void theRepliesTokenUsageIsCarriedForItsCostAndAReplyWithoutUsageReportsNone() throws Exception {
        server.stubFor(post(PATH).willReturn(okJson(chatCompletion(SCAN_REPLY))));

        GptReply counted = ask(scan(Map.of(), List.of()));

        assertThat(counted.usage()).isEqualTo(new TokenUsage(19, 10));

        server.resetAll();
        var withoutUsage = new HashMap<>(DocumentedReplies.chatCompletion(SCAN_REPLY));
        withoutUsage.remove("usage");
        server.stubFor(post(PATH).willReturn(okJson(JSON.writeValueAsString(withoutUsage))));

        assertThat(ask(scan(Map.of(), List.of())).usage()).isNull();
    }

    private GptReply ask(GptRequest request) {
        GptReply reply = providers.visionLanguageModels().get("openai").ask(request);
        kept(reply.trace());
        return reply;
    }

    private static GptRequest scan(Map<String, Object> options, List<ImageRef> images) {
        GptContext context = new GptContext(
                "mma.ctx.gpt_scanner",
                1,
                "app_config:mma.ctx.gpt_scanner:v1",
                "You describe one image.",
                null,
                options);
        return new GptRequest(GptTask.SCAN, context, obj("role", "product"), images);
    }

    /** The first request gets {@code first}; the next ones a good scan reply. */
    private static void stubSequence(ResponseDefinitionBuilder first) {
        MappingBuilder failing = post(PATH)
                .inScenario("retry")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("recovered")
                .willReturn(first);
        server.stubFor(failing);
        server.stubFor(post(PATH)
                .inScenario("retry")
                .whenScenarioStateIs("recovered")
                .willReturn(okJson(chatCompletion(SCAN_REPLY))));
    }

    /** A Chat Completions reply as documented, with {@code content} as the message. */
    static String chatCompletion(String content) {
        try {
            return JSON.writeValueAsString(Json.copy(DocumentedReplies.chatCompletion(content)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
