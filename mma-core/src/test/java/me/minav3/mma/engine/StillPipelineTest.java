package me.minav3.mma.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.error.Conflict;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.providers.GptTask;
import me.minav3.mma.submit.RequestId;
import me.minav3.mma.submit.StillRequest;
import me.minav3.mma.submit.TweakStill;
import me.minav3.mma.testing.PipelineFixture;
import me.minav3.mma.testing.SampleMedia;
import org.junit.jupiter.api.Test;

/** Spec §6 and §7: the still pipeline from Create to done (or error and refund), on the in-memory fakes. */
class StillPipelineTest {

    private final PipelineFixture mma = new PipelineFixture();
    private final PassId alice = PassId.user("alice");

    private void grant(PassId passId, long amount) {
        mma.stores
                .credits()
                .post(new CreditEntry(
                        CreditTxId.grant(passId.localId() + "-" + amount),
                        passId,
                        amount,
                        CreditReason.GRANT,
                        "test",
                        null,
                        null,
                        null,
                        null,
                        mma.clock.now(),
                        Json.obj()));
    }

    private Generation create(StillRequest request) {
        CreateOutcome outcome = mma.createStill.submit(request);
        assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
        return ((CreateOutcome.Created) outcome).generation();
    }

    private static StillRequest brief(PassId passId, String brief) {
        return new StillRequest(
                passId, brief, null, AspectRatio.PORTRAIT_4_5, null, null, List.of(), Map.of(), null, null);
    }

    private long balance(PassId passId) {
        return mma.stores.customers().find(passId).orElseThrow().credits();
    }

    private List<String> stepTypes(Generation g) {
        return mma.stores.generations().steps(g.id()).stream()
                .map(StepRecord::stepType)
                .toList();
    }

    @Test
    void aTextOnlyCreateRunsTasteReaderGenerateAndPostScanThenCostsOneMatcha() {
        grant(alice, 3);
        Generation queued = create(brief(alice, "matcha latte on marble, morning light"));
        assertThat(balance(alice)).isEqualTo(2);

        mma.runQueued();

        Generation done = mma.reload(queued);
        assertThat(done.status()).isEqualTo(MmaStatus.DONE);
        assertThat(stepTypes(done))
                .containsExactly("like_history", "gpt_reader", "local_generate", "postscan_output_still");
        assertThat(done.outputUrl())
                .startsWith(mma.assets.publicUrl(
                        me.minav3.mma.assets.AssetKey.still(done.id(), me.minav3.mma.assets.MediaType.PNG)));
        assertThat(done.prompt()).contains("matcha latte on marble");
        assertThat(done.provider()).isEqualTo("local");
        assertThat(done.section("prompts")).containsEntry("clean_prompt", done.prompt());
        assertThat(done.section("scans")).containsKey("output_still_crt");
        assertThat(done.section("settings"))
                .containsEntry("aspect_ratio", "4:5")
                .containsEntry("style", "None");
        assertThat(done.section("history")).containsKeys("style_history_csv", "window");
        assertThat(done.section("outputs")).containsEntry("still_url", done.outputUrl());
        assertThat(Json.list(done.section("userMessages"), "lines")).isNotEmpty();
        assertThat(done.section("userMessages")).containsEntry("final", "Making it now.");
        assertThat(balance(alice)).isEqualTo(2);
        for (StepRecord step : mma.stores.generations().steps(done.id())) {
            assertThat(step.payload()).containsKeys("input", "output", "timing", "error");
            assertThat(Json.object(step.payload(), "timing")).containsKeys("started_at", "ended_at", "duration_ms");
            assertThat(step.payload().get("error")).isNull();
        }
    }

    @Test
    void statusMovesForwardAndEveryLineIsStoredBeforeItIsStreamed() {
        grant(alice, 1);
        Generation queued = create(brief(alice, "a teapot"));

        mma.runQueued();

        List<String> statuses = mma.live.stream()
                .filter(e -> e.type() == LiveEvent.Type.STATUS)
                .map(LiveEvent::text)
                .toList();
        assertThat(statuses).containsExactly("prompting", "generating", "postscan");
        assertThat(mma.live.get(mma.live.size() - 1).type()).isEqualTo(LiveEvent.Type.DONE);
        List<Object> stored = Json.list(mma.reload(queued).section("userMessages"), "lines");
        List<String> streamed = mma.live.stream()
                .filter(e -> e.type() == LiveEvent.Type.MESSAGE)
                .map(LiveEvent::text)
                .toList();
        assertThat(stored.stream()
                        .map(line -> (String) ((Map<?, ?>) line).get("text"))
                        .toList())
                .containsExactlyElementsOf(streamed);
        assertThat(streamed).contains("Writing your prompt…", "Creating your image…", "Your image is ready.");
    }

    @Test
    void scansRunOnlyForTheInputsThatExist() {
        grant(alice, 1);
        String product = mma.media
                .upload(alice, me.minav3.mma.assets.AssetKind.PRODUCT, SampleMedia.png(40, 60))
                .url();
        String inspirationA = mma.media
                .upload(alice, me.minav3.mma.assets.AssetKind.INSPIRATION, SampleMedia.jpeg(30, 30))
                .url();
        String inspirationB = mma.media
                .upload(alice, me.minav3.mma.assets.AssetKind.INSPIRATION, SampleMedia.gif(20, 20))
                .url();
        Generation queued = create(new StillRequest(
                alice,
                "",
                "Soft editorial",
                null,
                product,
                null,
                List.of(inspirationA, inspirationB),
                Map.of(),
                null,
                null));

        mma.runQueued();

        Generation done = mma.reload(queued);
        assertThat(stepTypes(done))
                .containsExactly(
                        "scan_product",
                        "scan_inspiration",
                        "scan_inspiration",
                        "like_history",
                        "gpt_reader",
                        "local_generate",
                        "postscan_output_still");
        assertThat(done.section("scans"))
                .containsEntry("product_crt", "caption of the product image")
                .doesNotContainKey("logo_crt");
        assertThat(Json.list(done.section("scans"), "inspiration_crt")).hasSize(2);
        assertThat(Json.list(done.section("userMessages"), "scan_lines")).hasSize(3);
        assertThat(mma.images.jobs().get(0).references())
                .extracting(r -> r.url())
                .containsExactly(product, inspirationA, inspirationB);
    }

    @Test
    void gptStepsRecordTheConfigRowTheyUsed() {
        grant(alice, 2);
        Generation first = create(brief(alice, "a bowl"));
        mma.runQueued();
        mma.stores
                .config()
                .publish(
                        "mma.ctx.gpt_reader", Map.of("system_prompt", "Write short prompts."), "test", mma.clock.now());
        Generation second = create(brief(alice, "a cup"));
        mma.runQueued();

        Map<String, Object> firstInput = readerStep(first).input();
        Map<String, Object> secondInput = readerStep(second).input();
        assertThat(firstInput)
                .containsEntry("ctx_key", "mma.ctx.gpt_reader")
                .containsEntry("ctx_version", 1)
                .containsEntry("ctx_id", "app_config:mma.ctx.gpt_reader:v1");
        assertThat(secondInput)
                .containsEntry("ctx_version", 2)
                .containsEntry("ctx_id", "app_config:mma.ctx.gpt_reader:v2");
        assertThat(mma.vision.requests().stream()
                        .filter(r -> r.task() == GptTask.READ_STILL)
                        .toList()
                        .get(1)
                        .context()
                        .systemPrompt())
                .isEqualTo("Write short prompts.");
    }

    private StepRecord readerStep(Generation g) {
        return mma.stores.generations().steps(g.id()).stream()
                .filter(s -> s.stepType().equals("gpt_reader"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aTweakIsANewGenerationWithTheSameSettingsAndAnUpdatedPrompt() {
        grant(alice, 2);
        Generation original = create(new StillRequest(
                alice,
                "a lamp",
                "Moody",
                AspectRatio.LANDSCAPE_16_9,
                null,
                null,
                List.of(),
                Map.of("quality", "4K"),
                null,
                null));
        mma.runQueued();
        Generation parent = mma.reload(original);

        CreateOutcome outcome = mma.tweakStill.submit(
                new TweakStill.Request(alice, parent.id(), "I hate the light you added", null, null));
        mma.runQueued();

        Generation tweak = mma.reload(((CreateOutcome.Created) outcome).generation());
        assertThat(tweak.id()).isNotEqualTo(parent.id());
        assertThat(tweak.parentId()).isEqualTo(parent.id());
        assertThat(tweak.status()).isEqualTo(MmaStatus.DONE);
        assertThat(stepTypes(tweak)).containsExactly("gpt_feedback_still", "local_generate", "postscan_output_still");
        assertThat(tweak.section("settings")).isEqualTo(parent.section("settings"));
        assertThat(tweak.prompt()).startsWith(parent.prompt()).contains("I hate the light you added");
        StepRecord feedback = mma.stores.generations().steps(tweak.id()).get(0);
        assertThat(Json.object(feedback.input(), "input"))
                .containsEntry("previous_prompt", parent.prompt())
                .containsEntry("output_caption", parent.section("scans").get("output_still_crt"));
        assertThat(Json.list(feedback.input(), "image_urls")).containsExactly(parent.outputUrl());
        assertThat(balance(alice)).isZero();
        assertThat(mma.stores.events().about(parent.id()))
                .anySatisfy(e -> assertThat(e.text()).isEqualTo("I hate the light you added"));
    }

    @Test
    void aTweakNeedsAFinishedStillOfYourOwn() {
        grant(alice, 2);
        Generation queued = create(brief(alice, "a lamp"));

        assertThatThrownBy(
                        () -> mma.tweakStill.submit(new TweakStill.Request(alice, queued.id(), "brighter", null, null)))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> mma.tweakStill.submit(
                        new TweakStill.Request(PassId.user("mallory"), queued.id(), "x", null, null)))
                .isInstanceOf(NotFound.class);
        assertThat(balance(alice)).isEqualTo(1);
    }

    @Test
    void aFailingProviderEndsInErrorWithExactlyOneRefund() {
        grant(alice, 1);
        mma.images.failNext(1);
        Generation queued = create(brief(alice, "a vase"));
        assertThat(balance(alice)).isZero();

        mma.runQueued();
        mma.runQueued();

        Generation failed = mma.reload(queued);
        assertThat(failed.status()).isEqualTo(MmaStatus.ERROR);
        assertThat(failed.error()).isEqualTo("The image service failed. Your matcha was refunded.");
        assertThat(balance(alice)).isEqualTo(1);
        assertThat(mma.stores.credits().history(alice, 10))
                .extracting(CreditTransaction::id)
                .containsOnlyOnce(CreditTxId.refund(failed.id()));
        StepRecord failing = mma.stores.generations().steps(failed.id()).get(2);
        assertThat(failing.stepType()).isEqualTo("local_generate");
        assertThat(Json.object(failing.payload(), "error"))
                .containsEntry("kind", "server_error")
                .containsKey("attempts");
        assertThat(failing.input()).containsKey("prompt");
        assertThat(mma.live).anySatisfy(e -> assertThat(e.type()).isEqualTo(LiveEvent.Type.DONE));
    }

    @Test
    void anOutputUrlThatCannotBeDownloadedFailsTheStepWhichKeepsWhatTheProviderAnswered() {
        grant(alice, 1);
        Generation queued = create(brief(alice, "a jug"));
        mma.images.answerWithUrl("https://cdn.example.com/out/expired.png");

        mma.runQueued();

        Generation failed = mma.reload(queued);
        assertThat(failed.status()).isEqualTo(MmaStatus.ERROR);
        assertThat(failed.outputUrl()).isNull();
        assertThat(balance(alice)).isEqualTo(1);
        assertThat(mma.stores.credits().history(alice, 10))
                .extracting(CreditTransaction::id)
                .containsOnlyOnce(CreditTxId.refund(failed.id()));
        StepRecord failing = mma.stores.generations().steps(failed.id()).get(2);
        assertThat(failing.stepType()).isEqualTo("local_generate");
        assertThat(Json.object(failing.payload(), "error")).containsEntry("kind", "output_unavailable");
        assertThat(Json.object(failing.input(), "request"))
                .containsEntry("prompt", failed.section("prompts").get("clean_prompt"));
        assertThat(Json.object(Json.object(failing.payload(), "output"), "response"))
                .containsEntry("url", "https://cdn.example.com/out/expired.png");
        assertThat(Json.object(failing.payload(), "output")).doesNotContainKey("output_url");
    }

    @Test
    void aFailedPostScanStillDeliversTheImage() {
        grant(alice, 1);
        Generation queued = create(brief(alice, "a vase"));
        mma.vision.failNext(GptTask.SCAN, 1);

        mma.runQueued();

        Generation done = mma.reload(queued);
        assertThat(done.status()).isEqualTo(MmaStatus.DONE);
        assertThat(done.outputUrl()).isNotNull();
        assertThat(mma.stores.generations().steps(done.id()).get(3).failed()).isTrue();
        assertThat(balance(alice)).isZero();
    }

    @Test
    void withoutEnoughMatchaNothingIsWritten() {
        CreateOutcome outcome = mma.createStill.submit(brief(alice, "a cup"));

        assertThat(outcome).isEqualTo(new CreateOutcome.InsufficientMatcha(0, 1));
        assertThat(mma.runQueued()).isEmpty();
    }

    @Test
    void theSameRequestIdNeverChargesTwice() {
        grant(alice, 5);
        StillRequest request = new StillRequest(
                alice, "a cup", null, null, null, null, List.of(), Map.of(), new RequestId("line-7"), null);

        CreateOutcome first = mma.createStill.submit(request);
        CreateOutcome again = mma.createStill.submit(request);

        assertThat(first).isInstanceOf(CreateOutcome.Created.class);
        assertThat(again).isInstanceOf(CreateOutcome.AlreadyExists.class);
        assertThat(balance(alice)).isEqualTo(4);
    }

    @Test
    void invalidRequestsAreRefusedWithAClearReason() {
        assertThatThrownBy(() -> brief(alice, "  "))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("add an image");
        assertThatThrownBy(() -> new StillRequest(
                        alice, "x", null, null, null, null, List.of("a", "b", "c", "d", "e"), Map.of(), null, null))
                .hasMessageContaining("at most 4");
        assertThatThrownBy(() ->
                        new StillRequest(alice, "x", null, null, null, null, List.of(), Map.of("seed", 1), null, null))
                .hasMessageContaining("unknown setting");
        assertThatThrownBy(() -> AspectRatio.parse("7:3")).hasMessageContaining("unknown aspect ratio");
        assertThatThrownBy(() -> new StillRequest(
                        alice, "x".repeat(2001), null, null, null, null, List.of(), Map.of(), null, null))
                .hasMessageContaining("2000");
    }

    @Test
    void aJobWhoseAttemptsRanOutIsFailedAndRefunded() {
        grant(alice, 1);
        Generation queued = create(brief(alice, "a cup"));
        for (int attempt = 0; attempt < 3; attempt++) {
            mma.stores.queue().claimNext("crashing-worker", mma.clock.now(), Duration.ofMinutes(2));
            mma.clock.advance(Duration.ofMinutes(3));
        }

        mma.runQueued();

        Generation failed = mma.reload(queued);
        assertThat(failed.status()).isEqualTo(MmaStatus.ERROR);
        assertThat(failed.error()).contains("after 3 tries");
        assertThat(balance(alice)).isEqualTo(1);
    }

    @Test
    void aResumedJobSkipsTheStagesAlreadyRecorded() {
        grant(alice, 1);
        String product = mma.media
                .upload(alice, me.minav3.mma.assets.AssetKind.PRODUCT, SampleMedia.png(40, 60))
                .url();
        Generation queued =
                create(new StillRequest(alice, "a cup", null, null, product, null, List.of(), Map.of(), null, null));
        // A worker runs the first stage, records it, then its process dies (the sink throws after the first write).
        var crashing = new PipelineRunner(mma.services, event -> {
            if (event.type() == LiveEvent.Type.MESSAGE && event.text().startsWith("Noted")) {
                throw new IllegalStateException("process killed");
            }
        });
        Generation claimed = mma.stores
                .queue()
                .claimNext("doomed", mma.clock.now(), Duration.ofMinutes(2))
                .orElseThrow();
        assertThatThrownBy(() -> crashing.run(claimed, "doomed", 3)).hasMessage("process killed");
        assertThat(stepTypes(claimed)).containsExactly("scan_product");

        mma.clock.advance(Duration.ofMinutes(3));
        mma.runQueued();

        Generation done = mma.reload(queued);
        assertThat(done.status()).isEqualTo(MmaStatus.DONE);
        assertThat(stepTypes(done))
                .containsExactly(
                        "scan_product", "like_history", "gpt_reader", "local_generate", "postscan_output_still");
        assertThat(mma.vision.requests().stream()
                        .filter(r -> "product".equals(r.input().get("role")))
                        .count())
                .isEqualTo(1);
        assertThat(done.attempts()).isEqualTo(2);
    }

    @Test
    void theChargeAndRefundIdsAreDeterministic() {
        GenerationId id = new GenerationId("abc");
        assertThat(CreditEntry.charge(alice, id, me.minav3.mma.common.Matcha.of(1), mma.clock.now())
                        .id()
                        .value())
                .isEqualTo("credit_transaction:gen:abc");
    }
}
