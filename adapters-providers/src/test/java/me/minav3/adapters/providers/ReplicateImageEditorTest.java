package me.minav3.adapters.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static me.minav3.adapters.providers.Wire.json;
import static me.minav3.adapters.providers.Wire.okJson;
import static me.minav3.adapters.providers.Wire.tree;
import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.EditCanvas;
import me.minav3.mma.providers.EditJob;
import me.minav3.mma.providers.EditOptions;
import me.minav3.mma.providers.EditTool;
import me.minav3.mma.providers.EditedImage;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.MediaPayload;
import me.minav3.mma.providers.ProviderJob;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The edit tools on Replicate (issue 23, decision 046): per tool the exact input sent to its documented model, the
 * output read, the failures, and the prediction rules (created once, resumed, never sent again after acceptance).
 * The base class scans every trace for the token and inline image data.
 */
class ReplicateImageEditorTest extends ProviderContractTest {

    static final String ID = "rv8d4tq1xdrme0ctd9kbd2fe3c";
    private static final String PREDICTION = "/v1/predictions/" + ID;
    private static final String SOURCE = "https://assets.minav3.me/mma/still/g1.png";
    private static final String MASK = "https://assets.minav3.me/uploads/mask-g1.png";
    private static final String PNG_OUT = "https://replicate.delivery/xezq/e1/tmpa1b2c3.png";
    private static final String SVG_OUT = "https://replicate.delivery/xezq/e1/output.svg";
    private static final String BIREFNET =
            "men1scus/birefnet:f74986db0355b58403ed20963af156525e2891ea3c2d499bfbfb2a28cd87c5d7";
    private static final byte[] SOURCE_PNG = png(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB));
    private static final byte[] MASK_PNG = maskPng();
    private static final Map<String, Object> TIMEOUTS =
            obj("timeouts", obj("connect_ms", 5_000, "request_ms", 30_000, "total_ms", 120_000, "max_attempts", 3));

    // ------------------------------------------------------------------------------------------ per tool

    @Test
    void eraserSendsTheImageAndTheMaskToBriaEraserUnchanged() {
        server.stubFor(post("/v1/models/bria/eraser/predictions")
                .willReturn(json(201, prediction("succeeded", PNG_OUT, null))));

        EditedImage result = edit(job(EditTool.ERASER, maskRef(), EditOptions.NONE, TIMEOUTS));

        var sent = server.findAll(postRequestedFor(urlEqualTo("/v1/models/bria/eraser/predictions")))
                .get(0);
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + REPLICATE_TOKEN);
        assertThat(tree(sent.getBodyAsString()))
                .isEqualTo(tree(Wire.text(obj("input", obj("image", SOURCE, "mask", MASK)))));
        assertThat(result.media()).isEqualTo(new MediaPayload.Remote(URI.create(PNG_OUT)));
        assertThat(result.contentType()).isEqualTo("image/png");
        assertThat(result.provider()).isEqualTo("replicate");
        assertThat(result.model()).isEqualTo("bria/eraser");
        assertThat(result.trace().request()).containsEntry("tool", "eraser");
    }

    @Test
    void inpaintSendsImageMaskAndPromptToBriaGenfillAndReadsItsListOfOutputs() {
        server.stubFor(post("/v1/models/bria/genfill/predictions")
                .willReturn(json(201, prediction("succeeded", List.of(PNG_OUT), null))));

        EditedImage result =
                edit(job(EditTool.INPAINT, maskRef(), EditOptions.prompt("  a sprig of mint  "), TIMEOUTS));

        assertThat(sentInput("/v1/models/bria/genfill/predictions"))
                .isEqualTo(tree(Wire.text(obj("image", SOURCE, "mask", MASK, "prompt", "a sprig of mint"))));
        assertThat(result.media()).isEqualTo(new MediaPayload.Remote(URI.create(PNG_OUT)));
        assertThat(result.model()).isEqualTo("bria/genfill");
    }

    @Test
    void expandSendsTheCanvasAsBriasSizesAndLocationAndThePromptOnlyWhenGiven() {
        server.stubFor(post("/v1/models/bria/expand-image/predictions")
                .willReturn(json(201, prediction("succeeded", PNG_OUT, null))));
        EditCanvas canvas = EditCanvas.forAspect(1024, 768, 16, 9); // 1366x768, the source at 171,0

        edit(job(EditTool.EXPAND, null, EditOptions.expand(canvas, "more marble"), TIMEOUTS));
        edit(job(EditTool.EXPAND, null, EditOptions.expand(canvas, null), TIMEOUTS));

        var creates = server.findAll(postRequestedFor(urlEqualTo("/v1/models/bria/expand-image/predictions")));
        assertThat(tree(creates.get(0).getBodyAsString()).path("input"))
                .isEqualTo(tree(Wire.text(obj(
                        "image", SOURCE,
                        "canvas_size", List.of(1366, 768),
                        "original_image_size", List.of(1024, 768),
                        "original_image_location", List.of(171, 0),
                        "prompt", "more marble"))));
        assertThat(tree(creates.get(1).getBodyAsString()).path("input").has("prompt"))
                .isFalse();
    }

    @Test
    void removeBackgroundRunsTheCommunityBiRefNetByItsPinnedVersion() {
        server.stubFor(post("/v1/predictions").willReturn(json(201, prediction("succeeded", PNG_OUT, null))));

        EditedImage result = edit(job(EditTool.REMOVE_BACKGROUND, null, EditOptions.NONE, TIMEOUTS));

        var sent =
                server.findAll(postRequestedFor(urlEqualTo("/v1/predictions"))).get(0);
        assertThat(tree(sent.getBodyAsString()))
                .isEqualTo(tree(Wire.text(obj("version", BIREFNET, "input", obj("image", SOURCE)))));
        assertThat(result.model()).isEqualTo(BIREFNET);
        assertThat(result.contentType()).isEqualTo("image/png");
    }

    @Test
    void upscaleAsksBriaIncreaseResolutionForTheScale() {
        server.stubFor(post("/v1/models/bria/increase-resolution/predictions")
                .willReturn(json(201, prediction("succeeded", PNG_OUT, null))));

        edit(job(EditTool.UPSCALE, null, EditOptions.upscale(4), TIMEOUTS));

        assertThat(sentInput("/v1/models/bria/increase-resolution/predictions"))
                .isEqualTo(tree(Wire.text(obj("image", SOURCE, "desired_increase", 4))));
    }

    @Test
    void aConfiguredRealEsrganIsSentItsScaleAndOtherToolsKeepTheirSeededModels() {
        String esrgan = "nightmareai/real-esrgan:" + "f121d640bd286e1fdc67f9799164c1d5be36ff74576ee11c803ae5b665dd46aa";
        server.stubFor(post("/v1/predictions").willReturn(json(201, prediction("succeeded", PNG_OUT, null))));
        server.stubFor(post("/v1/models/recraft-ai/recraft-vectorize/predictions")
                .willReturn(json(201, prediction("succeeded", SVG_OUT, null))));
        Map<String, Object> defaults = obj("models", obj("upscale", esrgan), "timeouts", TIMEOUTS.get("timeouts"));

        EditedImage upscaled = edit(job(EditTool.UPSCALE, null, EditOptions.upscale(2), defaults));
        EditedImage vector = edit(job(EditTool.VECTORIZE, null, EditOptions.NONE, defaults));

        assertThat(tree(server.findAll(postRequestedFor(urlEqualTo("/v1/predictions")))
                        .get(0)
                        .getBodyAsString()))
                .isEqualTo(tree(Wire.text(obj("version", esrgan, "input", obj("image", SOURCE, "scale", 2)))));
        assertThat(upscaled.model()).isEqualTo(esrgan);
        assertThat(vector.model()).isEqualTo("recraft-ai/recraft-vectorize");
    }

    @Test
    void anUpscalerWhoseScaleInputIsUnknownIsAConfigurationErrorAndNothingIsSent() {
        Map<String, Object> defaults =
                obj("models", obj("upscale", "someone/upscaler-x"), "timeouts", TIMEOUTS.get("timeouts"));

        ProviderFailure failure = failure(() -> edit(job(EditTool.UPSCALE, null, EditOptions.upscale(2), defaults)));

        assertThat(failure.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(failure.getMessage()).contains("someone/upscaler-x");
        assertThat(server.findAll(postRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void vectorizeSendsTheImageToRecraftAndAnswersAnSvg() {
        server.stubFor(post("/v1/models/recraft-ai/recraft-vectorize/predictions")
                .willReturn(json(201, prediction("succeeded", SVG_OUT, null))));

        EditedImage result = edit(job(EditTool.VECTORIZE, null, EditOptions.NONE, TIMEOUTS));

        assertThat(sentInput("/v1/models/recraft-ai/recraft-vectorize/predictions"))
                .isEqualTo(tree(Wire.text(obj("image", SOURCE))));
        assertThat(result.contentType()).isEqualTo("image/svg+xml");
        assertThat(result.media()).isEqualTo(new MediaPayload.Remote(URI.create(SVG_OUT)));
    }

    @Test
    void imagesReplicateCannotFetchAreSentInlineAndKeptOutOfTheTrace() {
        server.stubFor(post("/v1/models/bria/eraser/predictions")
                .willReturn(json(201, prediction("succeeded", PNG_OUT, null))));

        EditedImage result = edit(new EditJob(
                new GenerationId("g1"),
                EditTool.ERASER,
                new ImageRef("http://localhost:8080/assets/mma/still/g1.png", () -> SOURCE_PNG.clone()),
                new ImageRef("http://localhost:8080/assets/uploads/mask.png", () -> MASK_PNG.clone()),
                EditOptions.NONE,
                TIMEOUTS,
                ProviderJob.untracked("g1-edit")));

        var input = sentInput("/v1/models/bria/eraser/predictions");
        assertThat(input.path("image").asText()).isEqualTo(dataUrl(SOURCE_PNG));
        assertThat(input.path("mask").asText()).isEqualTo(dataUrl(MASK_PNG));
        assertThat(Wire.text(result.trace())).contains("data:image/png;base64,<" + SOURCE_PNG.length + " bytes>");
    }

    @Test
    void aMaskOfAnotherSizeWithGreyAndTransparentPixelsIsRedrawnBlackAndWhiteAtTheImagesSize() throws Exception {
        server.stubFor(post("/v1/models/bria/genfill/predictions")
                .willReturn(json(201, prediction("succeeded", List.of(PNG_OUT), null))));
        // Half the source's size: an opaque white square (edit), a soft grey edge (dark: keep, light: edit) and a
        // transparent white square (keep: transparent pixels are never edited).
        BufferedImage half = new BufferedImage(20, 15, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 15; y++) {
            for (int x = 0; x < 20; x++) {
                half.setRGB(x, y, 0xff000000);
            }
        }
        fill(half, 2, 2, 6, 6, 0xffffffff);
        fill(half, 8, 2, 1, 6, 0xffc8c8c8);
        fill(half, 9, 2, 1, 6, 0xff404040);
        fill(half, 12, 8, 6, 6, 0x00ffffff);
        ImageRef mask = new ImageRef(MASK, () -> png(half));

        EditedImage result = edit(job(EditTool.INPAINT, mask, EditOptions.prompt("mint"), TIMEOUTS));

        String sent =
                sentInput("/v1/models/bria/genfill/predictions").path("mask").asText();
        assertThat(sent).startsWith("data:image/png;base64,");
        BufferedImage redrawn = ImageIO.read(
                new ByteArrayInputStream(Base64.getDecoder().decode(sent.substring(sent.indexOf(',') + 1))));
        assertThat(redrawn.getWidth()).isEqualTo(40);
        assertThat(redrawn.getHeight()).isEqualTo(30);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                boolean white = (x >= 4 && x < 18 && y >= 4 && y < 16);
                assertThat(redrawn.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(white ? 0xffffffff : 0xff000000);
            }
        }
        assertThat(result.trace().request().get("corrections").toString())
                .contains("mask redrawn in black and white at the image's 40x30 (was 20x15)");
    }

    @Test
    void aMaskWithNothingWhiteIsRefusedBeforeAnythingIsSent() {
        BufferedImage black = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);

        ProviderFailure failure = failure(() ->
                edit(job(EditTool.ERASER, new ImageRef(MASK, () -> png(black)), EditOptions.NONE, TIMEOUTS)));

        assertThat(failure.kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(failure.getMessage()).contains("no white pixel");
        assertThat(server.findAll(postRequestedFor(anyUrl()))).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ failures

    @Test
    void aSafetyRefusalIsAFailedTaskNamingTheReason() {
        server.stubFor(
                post("/v1/models/bria/genfill/predictions").willReturn(json(201, prediction("starting", null, null))));
        server.stubFor(get(PREDICTION)
                .willReturn(okJson(prediction(
                        "failed", null, "The input or output was flagged as sensitive. Please try again (E005)"))));

        ProviderFailure failure =
                failure(() -> edit(job(EditTool.INPAINT, maskRef(), EditOptions.prompt("a knife"), TIMEOUTS)));

        assertThat(failure.kind()).isEqualTo(Kind.TASK_FAILED);
        assertThat(failure.provider()).isEqualTo("replicate");
        assertThat(failure.getMessage()).contains("flagged as sensitive");
        assertThat(server.findAll(postRequestedFor(anyUrl())))
                .as("a failed prediction is neither canceled nor sent again")
                .hasSize(1);
    }

    @Test
    void aCanceledPredictionIsAFailedTask() {
        server.stubFor(
                post("/v1/models/bria/eraser/predictions").willReturn(json(201, prediction("canceled", null, null))));

        ProviderFailure failure = failure(() -> edit(job(EditTool.ERASER, maskRef(), EditOptions.NONE, TIMEOUTS)));

        assertThat(failure.kind()).isEqualTo(Kind.TASK_FAILED);
        assertThat(failure.getMessage()).contains("canceled");
    }

    @Test
    void anInputReplicateRefusesIsAClientErrorSentOnce() {
        server.stubFor(post("/v1/models/bria/expand-image/predictions")
                .willReturn(json(
                        422,
                        obj(
                                "title", "Input validation failed",
                                "detail", "- input.canvas_size: Array must contain at most 2 item(s)",
                                "status", 422))));

        ProviderFailure failure = failure(() -> edit(job(
                EditTool.EXPAND, null, EditOptions.expand(EditCanvas.centred(800, 600, 400, 600), null), TIMEOUTS)));

        assertThat(failure.kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(server.findAll(postRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void anOutputOfAnotherTypeThanTheToolMakesIsAMalformedReply() {
        server.stubFor(post("/v1/models/recraft-ai/recraft-vectorize/predictions")
                .willReturn(json(201, prediction("succeeded", PNG_OUT, null))));
        server.stubFor(post("/v1/models/bria/eraser/predictions")
                .willReturn(json(201, prediction("succeeded", "https://replicate.delivery/xezq/e1/out.jpg", null))));

        ProviderFailure raster = failure(() -> edit(job(EditTool.VECTORIZE, null, EditOptions.NONE, TIMEOUTS)));
        ProviderFailure jpeg = failure(() -> edit(job(EditTool.ERASER, maskRef(), EditOptions.NONE, TIMEOUTS)));

        assertThat(raster.kind()).isEqualTo(Kind.MALFORMED_REPLY);
        assertThat(raster.getMessage()).contains(".png").contains("image/svg+xml");
        assertThat(jpeg.kind()).isEqualTo(Kind.MALFORMED_REPLY);
        assertThat(jpeg.getMessage()).contains(".jpg");
    }

    @Test
    void aSucceededPredictionWithoutOutputIsAMalformedReply() {
        server.stubFor(post("/v1/models/recraft-ai/recraft-vectorize/predictions")
                .willReturn(json(201, prediction("succeeded", null, null))));

        ProviderFailure failure = failure(() -> edit(job(EditTool.VECTORIZE, null, EditOptions.NONE, TIMEOUTS)));

        assertThat(failure.kind()).isEqualTo(Kind.MALFORMED_REPLY);
    }

    @Test
    void aTokenEchoedInAnErrorNeverReachesTheTraceOrTheMessage() {
        server.stubFor(post("/v1/models/bria/eraser/predictions")
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("{\"title\":\"Unauthenticated\",\"detail\":\"bad token"
                                + " {{request.headers.Authorization}}\",\"status\":401}")));

        ProviderFailure failure = failure(() -> edit(job(EditTool.ERASER, maskRef(), EditOptions.NONE, TIMEOUTS)));

        assertThat(failure.kind()).isEqualTo(Kind.AUTH);
        assertThat(Wire.text(failure.trace()) + failure.getMessage())
                .doesNotContain(REPLICATE_TOKEN)
                .contains("<redacted>");
    }

    // ------------------------------------------------------------------------------ paid once, resumed

    @Test
    void aPredictionAcceptedThenTimedOutIsCanceledAndTheStageRunAgainResumesItWithoutASecondCreate() {
        server.stubFor(post("/v1/models/bria/expand-image/predictions")
                .willReturn(json(201, prediction("starting", null, null))));
        server.stubFor(get(PREDICTION).willReturn(okJson(prediction("processing", null, null))));
        server.stubFor(post(PREDICTION + "/cancel").willReturn(okJson(prediction("canceled", null, null))));
        Recorded job = new Recorded();
        Map<String, Object> tight = obj(
                "poll_interval_ms", 2_000, "timeouts", obj("request_ms", 2_000, "total_ms", 9_000, "max_attempts", 3));
        EditOptions options = EditOptions.expand(EditCanvas.forAspect(1024, 1024, 4, 5), null);

        ProviderFailure timedOut = failure(() -> edit(job(EditTool.EXPAND, options, tight, job)));

        assertThat(timedOut.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(job.started).as("the id was recorded before polling").containsExactly(ID);
        assertThat(server.findAll(postRequestedFor(urlEqualTo(PREDICTION + "/cancel"))))
                .hasSize(1);

        server.stubFor(get(PREDICTION).willReturn(okJson(prediction("succeeded", PNG_OUT, null))));
        EditedImage resumed = edit(job(EditTool.EXPAND, options, TIMEOUTS, job));

        assertThat(resumed.media()).isEqualTo(new MediaPayload.Remote(URI.create(PNG_OUT)));
        assertThat(resumed.trace().response()).containsEntry("resumed_prediction_id", ID);
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/v1/models/bria/expand-image/predictions"))))
                .as("one prediction, paid once")
                .hasSize(1);
        assertThat(job.started).containsExactly(ID);
    }

    @Test
    void aCreateWhoseReplyIsLostIsNotSentAgain() {
        server.stubFor(post("/v1/models/bria/eraser/predictions")
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        Recorded job = new Recorded();

        ProviderFailure failure = failure(() -> edit(new EditJob(
                new GenerationId("g1"), EditTool.ERASER, sourceRef(), maskRef(), EditOptions.NONE, TIMEOUTS, job)));

        assertThat(failure.getMessage()).contains("not sent again");
        assertThat(server.findAll(postRequestedFor(anyUrl()))).hasSize(1);
        assertThat(job.started).isEmpty();
    }

    @Test
    void aCreateThatTimesOutAfterItWasSentIsATimeoutAndIsNotSentAgain() {
        server.stubFor(post("/v1/models/recraft-ai/recraft-vectorize/predictions")
                .willReturn(json(201, prediction("succeeded", SVG_OUT, null)).withFixedDelay(3_000)));

        ProviderFailure failure = failure(() -> edit(job(EditTool.VECTORIZE, null, EditOptions.NONE, FAST)));

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.getMessage()).contains("not sent again");
        assertThat(server.findAll(postRequestedFor(anyUrl())))
                .as("Replicate may have accepted it: one create")
                .hasSize(1);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static byte[] maskPng() {
        BufferedImage mask = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_BINARY);
        fill(mask, 10, 5, 12, 12, 0xffffffff);
        return png(mask);
    }

    private EditedImage edit(EditJob job) {
        EditedImage result = providers.imageEditors().get("replicate").edit(job);
        kept(result.trace());
        return result;
    }

    private static com.fasterxml.jackson.databind.JsonNode sentInput(String path) {
        return tree(server.findAll(postRequestedFor(urlEqualTo(path))).get(0).getBodyAsString())
                .path("input");
    }

    private static EditJob job(
            EditTool tool, @Nullable ImageRef mask, EditOptions options, Map<String, Object> defaults) {
        return new EditJob(
                new GenerationId("g1"), tool, sourceRef(), mask, options, defaults, ProviderJob.untracked("g1-edit"));
    }

    private static EditJob job(EditTool tool, EditOptions options, Map<String, Object> defaults, ProviderJob paid) {
        return new EditJob(new GenerationId("g1"), tool, publicImage(SOURCE), null, options, defaults, paid);
    }

    /** The still: a public URL, its bytes read only for the size a mask must have. */
    private static ImageRef sourceRef() {
        return new ImageRef(SOURCE, () -> SOURCE_PNG.clone());
    }

    /** A mask painted at the still's size in pure black and white: sent by its URL, as it is. */
    private static ImageRef maskRef() {
        return new ImageRef(MASK, () -> MASK_PNG.clone());
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void fill(BufferedImage image, int x0, int y0, int width, int height, int argb) {
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                image.setRGB(x, y, argb);
            }
        }
    }

    private static String dataUrl(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    private static Map<String, Object> prediction(String status, @Nullable Object output, @Nullable String error) {
        Map<String, Object> prediction = DocumentedReplies.replicatePrediction(ID, "", status, output, error);
        prediction.put("model", "bria/eraser");
        return prediction;
    }

    /** A job that remembers the prediction it started, as the generation row does (decision 013). */
    private static final class Recorded implements ProviderJob {
        final List<String> started = new ArrayList<>();

        @Override
        public String key() {
            return "g1-edit";
        }

        @Override
        public Optional<String> startedId() {
            return started.isEmpty() ? Optional.empty() : Optional.of(started.get(started.size() - 1));
        }

        @Override
        public boolean mayHaveCreated() {
            return !started.isEmpty();
        }

        @Override
        public void started(String jobId) {
            started.add(jobId);
        }
    }
}
