package me.minav3.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static me.minav3.adapters.providers.Wire.json;
import static me.minav3.adapters.providers.Wire.okJson;
import static me.minav3.adapters.providers.Wire.text;
import static me.minav3.mma.common.Json.obj;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import me.minav3.adapters.providers.DocumentedReplies;
import me.minav3.mma.testing.SampleMedia;

/**
 * Local fakes of the real providers, each on its own loopback port, answering with the JSON their documentation
 * shows (the same shapes the adapters-providers contract tests replay): OpenAI Chat Completions, BytePlus ModelArk
 * images, Replicate predictions, Kling image2video tasks, and the storage host that serves the providers' temporary
 * output files.
 */
final class ProviderFakes implements AutoCloseable {

    static final String CHAT = "/v1/chat/completions";
    static final String IMAGES = "/api/v3/images/generations";
    static final String REPLICATE_CREATE = "/v1/models/bytedance/seedream-4/predictions";
    static final String PREDICTION_ID = "gm3qorzdhgbfurvjtvhg6dckhu";
    static final String REPLICATE_POLL = "/v1/predictions/" + PREDICTION_ID;
    /** Where ModelArk puts a still: a TOS object under a signed, 24-hour query string. */
    static final String TOS_OBJECT = "/seedream-4-0/0217573211392.png";

    static final String TOS_SIGNATURE = "X-Tos-Algorithm=TOS4-HMAC-SHA256"
            + "&X-Tos-Credential=AKLTNDQ2YTRlNTAwY2E0%2F20260301%2Fap-southeast-1%2Ftos%2Frequest"
            + "&X-Tos-Date=20260301T100000Z&X-Tos-Expires=86400&X-Tos-Signature=8a1f0c5e9b2d77&X-Tos-SignedHeaders=host";
    static final String REPLICATE_FILE = "/xezq/jCypj4MeXYUiRyq7nfgm8z1Ov/tmp1iukn307.png";
    static final String KLING_CREATE = "/v1/videos/image2video";
    static final String KLING_TASK_ID = "CjMJz2Zg3X0AAAAAAElNLw";
    static final String KLING_POLL = KLING_CREATE + "/" + KLING_TASK_ID;
    /** Where Kling puts a video (its CDN; the URL stops working after a while). */
    static final String KLING_FILE = "/bs2/upload-kling-api/6129036215/image2video/CjMJz2Zg3X-0.mp4";

    static final String MOTION_PROMPT = "The bottle turns slowly on the travertine; a soft push-in";
    static final String MOTION_REPLY =
            "{\"motion_prompt\":\"" + MOTION_PROMPT + "\",\"userMessage\":\"A slow turn, coming up.\"}";
    /** The video Kling "made": a real MP4. */
    static final byte[] VIDEO = SampleMedia.mp4(64, 80);

    static final String CLEAN_PROMPT = "Amber glass bottle on travertine, soft morning light from the left, 85mm";
    static final String READER_REPLY = "{\"clean_prompt\":\"" + CLEAN_PROMPT
            + "\",\"userMessage\":\"An amber bottle in morning light, coming up.\"}";
    static final String SCAN_REPLY =
            "{\"crt\":\"A matte amber glass bottle with a cork stopper\",\"userMessage\":\"Lovely bottle, noted.\"}";
    /** The still the providers "made": a real PNG, 4:5. */
    static final byte[] STILL = SampleMedia.png(64, 80);

    final WireMockServer openAi = started();
    final WireMockServer ark = started();
    final WireMockServer replicate = started();
    final WireMockServer kling = started();
    /** The providers' file host (TOS for ModelArk, replicate.delivery for Replicate). */
    final WireMockServer files = started();

    private static WireMockServer started() {
        WireMockServer server =
                new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    /** Forgets every request and scenario and answers everything well again. */
    void reset() {
        for (WireMockServer server : List.of(openAi, ark, replicate, kling, files)) {
            server.resetAll();
        }
        openAi.stubFor(chat("mma_scan").atPriority(5).willReturn(okJson(chatCompletion(SCAN_REPLY))));
        openAi.stubFor(chat("mma_read_still").atPriority(5).willReturn(okJson(chatCompletion(READER_REPLY))));
        openAi.stubFor(chat("mma_read_motion").atPriority(5).willReturn(okJson(chatCompletion(MOTION_REPLY))));
        kling.stubFor(post(KLING_CREATE).atPriority(5).willReturn(okJson(klingTask("submitted", null))));
        kling.stubFor(get(KLING_POLL).atPriority(5).willReturn(okJson(klingTask("succeed", null))));
        // As Kling's capability map says: kling-v2-1 takes an end frame (image_tail) only in pro.
        kling.stubFor(post(KLING_CREATE)
                .atPriority(4)
                .withRequestBody(matchingJsonPath("$.image_tail"))
                .withRequestBody(matchingJsonPath("$.model_name", equalTo("kling-v2-1")))
                .withRequestBody(matchingJsonPath("$.mode", equalTo("std")))
                .willReturn(json(
                        400,
                        obj(
                                "code",
                                1201,
                                "message",
                                "Invalid request parameters: image_tail is not supported for kling-v2-1 in std mode",
                                "request_id",
                                "5b1f"))));
        files.stubFor(get(urlPathEqualTo(KLING_FILE))
                .atPriority(5)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "video/mp4")
                        .withBody(VIDEO)));
        ark.stubFor(post(IMAGES).atPriority(5).willReturn(okJson(generated(signedOutputUrl()))));
        replicate.stubFor(post(REPLICATE_CREATE)
                .atPriority(5)
                .willReturn(json(201, prediction("succeeded", List.of(base(files) + REPLICATE_FILE), null))));
        files.stubFor(get(urlPathEqualTo(TOS_OBJECT))
                .atPriority(5)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "image/png")
                        .withBody(STILL)));
        files.stubFor(get(urlPathEqualTo(REPLICATE_FILE))
                .atPriority(5)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "image/png")
                        .withBody(STILL)));
    }

    /** The Chat Completions request of one task, by the name of its response schema ({@code mma_read_still}…). */
    static MappingBuilder chat(String schemaName) {
        return post(CHAT).withRequestBody(matchingJsonPath("$.response_format.json_schema.name", equalTo(schemaName)));
    }

    /** The first matching request gets {@code first}, every later one {@code then}. */
    static void firstThen(
            WireMockServer server,
            Supplier<MappingBuilder> request,
            ResponseDefinitionBuilder first,
            ResponseDefinitionBuilder then) {
        server.stubFor(request.get()
                .inScenario("fault")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("recovered")
                .atPriority(1)
                .willReturn(first));
        server.stubFor(request.get()
                .inScenario("fault")
                .whenScenarioStateIs("recovered")
                .atPriority(1)
                .willReturn(then));
    }

    /** ModelArk's temporary output URL of the still, on the local file host. */
    String signedOutputUrl() {
        return base(files) + TOS_OBJECT + "?" + TOS_SIGNATURE;
    }

    /** The server's base URL on the loopback address it is bound to. */
    static String base(WireMockServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    List<LoggedRequest> requests(WireMockServer server) {
        return server.findAll(anyRequestedFor(anyUrl()));
    }

    /** A Chat Completions reply as documented, with {@code content} as the assistant's message. */
    static String chatCompletion(String content) {
        return text(DocumentedReplies.chatCompletion(content));
    }

    /** A ModelArk images reply as documented. */
    static String generated(String url) {
        return text(obj(
                "model",
                "seedream-4-0-250828",
                "created",
                1757321139,
                "data",
                List.of(obj("url", url, "size", "1792x2240")),
                "usage",
                obj("generated_images", 1, "output_tokens", 16384, "total_tokens", 16384)));
    }

    /** A Replicate prediction object as documented, for the fakes' prediction. */
    static Map<String, Object> prediction(String status, Object output, String error) {
        return DocumentedReplies.replicatePrediction(PREDICTION_ID, CLEAN_PROMPT, status, output, error);
    }

    /** A Kling image2video task reply as documented; a succeeded one holds the video on the file host. */
    String klingTask(String status, String message) {
        return text(DocumentedReplies.klingTask(KLING_TASK_ID, status, message, base(files) + KLING_FILE));
    }

    @Override
    public void close() {
        for (WireMockServer server : List.of(openAi, ark, replicate, kling, files)) {
            server.stop();
        }
    }
}
