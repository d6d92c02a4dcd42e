package me.minav3.mma.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import me.minav3.mma.assets.AssetKey;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.DefaultConfig;
import me.minav3.mma.config.PublishConfig;
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
import me.minav3.mma.providers.GptRequest;
import me.minav3.mma.providers.GptTask;
import me.minav3.mma.providers.VideoJob;
import me.minav3.mma.studio.Recreate;
import me.minav3.mma.submit.AnimateStill;
import me.minav3.mma.submit.RequestId;
import me.minav3.mma.submit.SendVideoFeedback;
import me.minav3.mma.submit.StillRequest;
import me.minav3.mma.testing.PipelineFixture;
import me.minav3.mma.testing.SampleMedia;
import me.minav3.mma.testing.SequentialIds;
import org.junit.jupiter.api.Test;

/** Spec §8: animate a still, "Type for me" and video feedback, on the in-memory fakes. */
class MotionPipelineTest {

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

    private long balance(PassId passId) {
        return mma.stores.customers().find(passId).orElseThrow().credits();
    }

    private void configure(String key, Object... changes) {
        var value = Json.mutableCopy(DefaultConfig.values().get(key));
        value.putAll(Json.obj(changes));
        new PublishConfig(mma.stores.config(), mma.config, mma.stores.audit(), mma.clock, new SequentialIds("audit"))
                .publish(key, value, Actor.SYSTEM);
    }

    /** A finished 4:5 still of {@code passId} (costs 1). */
    private Generation still(PassId passId) {
        var created = (CreateOutcome.Created) mma.createStill.submit(new StillRequest(
                passId,
                "a matcha bottle on linen",
                null,
                AspectRatio.PORTRAIT_4_5,
                null,
                null,
                List.of(),
                Map.of(),
                null,
                null));
        mma.runQueued();
        return mma.reload(created.generation());
    }

    private Generation animate(AnimateStill.Request request) {
        CreateOutcome outcome = mma.animateStill.submit(request);
        assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
        mma.runQueued();
        return mma.reload(((CreateOutcome.Created) outcome).generation());
    }

    private List<String> stepTypes(Generation g) {
        return mma.stores.generations().steps(g.id()).stream()
                .map(StepRecord::stepType)
                .toList();
    }

    private StepRecord step(Generation g, String type) {
        return mma.stores.generations().steps(g.id()).stream()
                .filter(s -> s.stepType().equals(type))
                .findFirst()
                .orElseThrow();
    }

    private GptRequest lastRequest(GptTask task) {
        return mma.vision.requests().stream()
                .filter(r -> r.task() == task)
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void aWorkerThatDiesWhileTheVideoRunsLeavesTheTaskToTheNextOneWhichPollsItInsteadOfPayingAgain() {
        grant(alice, 11);
        Generation still = still(alice);
        CreateOutcome outcome =
                mma.animateStill.submit(AnimateStill.Request.ofStill(alice, still.id(), "slow turn", null, null));
        Generation queued = ((CreateOutcome.Created) outcome).generation();
        mma.videos.startPaidTasks().afterStart(() -> {
            // Not an exception the stage handles: nothing after this point runs, as with kill -9.
            throw new Error("process killed");
        });
        Generation claimed = mma.stores
                .queue()
                .claimNext("doomed", mma.clock.now(), java.time.Duration.ofMinutes(2))
                .orElseThrow();
        assertThatThrownBy(() -> mma.runner.run(claimed, "doomed", 3)).hasMessage("process killed");
        assertThat(mma.reload(queued).document().providerJob("local_generate"))
                .get()
                .satisfies(job -> assertThat(job.jobId()).isEqualTo("task-1"));

        mma.videos.afterStart(() -> {});
        mma.clock.advance(java.time.Duration.ofMinutes(3));
        mma.runQueued();

        Generation video = mma.reload(queued);
        assertThat(video.status()).isEqualTo(MmaStatus.DONE);
        assertThat(mma.videos.tasksCreated()).as("one paid task").isEqualTo(1);
        assertThat(mma.videos.jobs())
                .last()
                .satisfies(job -> assertThat(job.providerJob().startedId()).contains("task-1"));
        assertThat(step(video, "local_generate").input()).containsEntry("resumed_job_id", "task-1");
        assertThat(step(video, "local_generate").output()).containsEntry("job_id", "task-1");
        assertThat(video.section("providerJobs")).containsKey("local_generate");
        assertThat(balance(alice)).isZero();
    }

    @Test
    void aVideoWhoseOutputCannotBeStoredKeepsTheProvidersAnswerItsTaskAndItsCostInTheFailedStep() {
        grant(alice, 11);
        Generation still = still(alice);
        var store = (me.minav3.mma.testing.InMemoryAssetStore) mma.assets;
        mma.videos.startPaidTasks().afterStart(() -> store.breakDown("connection refused"));

        Generation video = animate(AnimateStill.Request.ofStill(alice, still.id(), "slow turn", null, null));

        assertThat(video.status()).isEqualTo(MmaStatus.ERROR);
        StepRecord failed = step(video, "local_generate");
        assertThat(failed.failed()).isTrue();
        assertThat(failed.output())
                .containsEntry("job_id", "task-1")
                .containsKeys("provider", "model", "response", "cost")
                .doesNotContainKey("output_url");
        assertThat(balance(alice)).as("the video is refunded").isEqualTo(10);
    }

    @Test
    void aWorkerWhoseLeaseWasTakenStopsWhenItWouldRecordItsTaskAndWritesNothing() {
        grant(alice, 11);
        Generation still = still(alice);
        Generation queued = ((CreateOutcome.Created) mma.animateStill.submit(
                        AnimateStill.Request.ofStill(alice, still.id(), "slow turn", null, null)))
                .generation();
        Generation claimed = mma.stores
                .queue()
                .claimNext("slow", mma.clock.now(), java.time.Duration.ofMinutes(2))
                .orElseThrow();
        // While "slow" waits on the provider, its lease expires and another worker takes the generation.
        var stolen = new java.util.concurrent.atomic.AtomicReference<Generation>();
        mma.videos.startPaidTasks().beforeStart(() -> {
            mma.clock.advance(java.time.Duration.ofMinutes(3));
            stolen.set(mma.stores
                    .queue()
                    .claimNext("fast", mma.clock.now(), java.time.Duration.ofMinutes(2))
                    .orElseThrow());
        });

        assertThat(mma.runner.run(claimed, "slow", 3)).isEqualTo(PipelineRunner.Result.LOST_LEASE);

        Generation after = mma.reload(queued);
        assertThat(after.document().providerJob("local_generate"))
                .as("nothing written by the old owner")
                .isEmpty();
        assertThat(stepTypes(after)).doesNotContain("local_generate");
        assertThat(stolen.get()).isNotNull();
    }

    @Test
    void withoutMotionTextMmaWritesTheMotionAndFiveSecondsCostTen() {
        grant(alice, 11);
        Generation still = still(alice);

        Generation video = animate(AnimateStill.Request.ofStill(alice, still.id(), null, null, null));

        assertThat(video.status()).isEqualTo(MmaStatus.DONE);
        assertThat(video.mode()).isEqualTo(MmaMode.VIDEO);
        assertThat(video.parentId()).isEqualTo(still.id());
        assertThat(stepTypes(video)).containsExactly("scan_input_still", "gpt_reader_motion", "local_generate");
        assertThat(balance(alice)).isZero();
        assertThat(video.outputUrl()).isEqualTo(mma.assets.publicUrl(AssetKey.video(video.id())));
        assertThat(video.section("outputs"))
                .containsEntry("video_url", video.outputUrl())
                .containsEntry("video_key", "mma/video/" + video.id().value() + ".mp4");
        assertThat(video.section("assets"))
                .containsEntry("start_image_url", still.outputUrl())
                .containsEntry("still_id", still.id().mgId());
        assertThat(video.section("settings")).containsEntry("duration", 5).containsEntry("aspect_ratio", "4:5");
        assertThat(video.prompt()).isEqualTo("camera slowly pushes in; ");
        assertThat(video.section("prompts"))
                .containsEntry("clean_prompt", video.prompt())
                .containsEntry("motion_source", "written_by_mma");
        GptRequest reader = lastRequest(GptTask.READ_MOTION);
        assertThat(reader.input())
                .containsEntry("user_text", "")
                .containsEntry("caption", "caption of the input_still image");
        assertThat(step(video, "gpt_reader_motion").input()).containsEntry("ctx_key", "mma.ctx.gpt_reader_motion");
        assertThat(step(video, "scan_input_still").input()).containsEntry("image_urls", List.of(still.outputUrl()));
        VideoJob job = mma.videos.jobs().get(0);
        assertThat(job.startImage().url()).isEqualTo(still.outputUrl());
        assertThat(job.endImage()).isNull();
        assertThat(job.durationSeconds()).isEqualTo(5);
        assertThat(job.aspectRatio()).isEqualTo(AspectRatio.PORTRAIT_4_5);
        assertThat(job.negativePrompt()).isNull();
        assertThat(mma.stores.events().about(still.id()))
                .extracting(MmaEvent::type)
                .contains(EventType.ANIMATE);
        assertThat(Json.list(video.section("userMessages"), "lines"))
                .last()
                .satisfies(line -> assertThat(((Map<?, ?>) line).get("text")).isEqualTo("Your video is ready."));
    }

    @Test
    void theUsersMotionTextIsCleanedByTheReaderAndTenSecondsCostTwenty() {
        grant(alice, 21);
        Generation still = still(alice);

        Generation video = animate(AnimateStill.Request.ofStill(alice, still.id(), "  the steam rises ", null, 10));

        assertThat(video.prompt()).isEqualTo("camera slowly pushes in; the steam rises");
        assertThat(video.section("prompts")).containsEntry("motion_source", "user_text_cleaned");
        assertThat(lastRequest(GptTask.READ_MOTION).input()).containsEntry("user_text", "the steam rises");
        assertThat(video.section("settings")).containsEntry("duration", 10);
        assertThat(mma.videos.jobs().get(0).durationSeconds()).isEqualTo(10);
        assertThat(balance(alice)).isZero();
        assertThat(mma.stores.events().about(still.id()))
                .filteredOn(e -> e.type() == EventType.ANIMATE)
                .extracting(MmaEvent::text)
                .containsExactly("the steam rises");
    }

    @Test
    void recreatingAVideoGivesBackTheUsersMotionTextItsStartImageAndLength() {
        grant(alice, 21);
        Generation still = still(alice);

        Generation video = animate(AnimateStill.Request.ofStill(alice, still.id(), "the steam rises", null, 10));

        Map<String, Object> recreated = Recreate.of(video);
        assertThat(recreated)
                .containsEntry("mode", "video")
                .containsEntry("prompt", "the steam rises")
                .containsEntry("duration", 10);
        assertThat(Json.object(recreated, "assets")).containsEntry("start_image_url", still.outputUrl());
    }

    @Test
    void withPassThroughConfiguredTheUsersTextIsThePromptAsWritten() {
        grant(alice, 11);
        Generation still = still(alice);
        configure(ConfigKeys.VIDEO, "pass_through_user_text", true);

        Generation video = animate(AnimateStill.Request.ofStill(alice, still.id(), "the steam rises", null, null));

        assertThat(video.prompt()).isEqualTo("the steam rises");
        assertThat(video.section("prompts")).containsEntry("motion_source", "user_text_as_is");
        assertThat(mma.vision.calls(GptTask.READ_MOTION)).isZero();
        StepRecord reader = step(video, "gpt_reader_motion");
        assertThat(reader.input()).containsEntry("pass_through", true).containsEntry("user_text", "the steam rises");
        assertThat(reader.output()).containsEntry("motion_prompt", "the steam rises");
        assertThat(mma.videos.jobs().get(0).prompt()).isEqualTo("the steam rises");
    }

    @Test
    void withPassThroughButNoTextMmaStillWritesTheMotion() {
        grant(alice, 11);
        Generation still = still(alice);
        configure(ConfigKeys.VIDEO, "pass_through_user_text", true);

        Generation video = animate(AnimateStill.Request.ofStill(alice, still.id(), "", null, null));

        assertThat(mma.vision.calls(GptTask.READ_MOTION)).isEqualTo(1);
        assertThat(video.section("prompts")).containsEntry("motion_source", "written_by_mma");
    }

    @Test
    void aFailingVideoProviderEndsInErrorWithExactlyOneRefund() {
        grant(alice, 11);
        Generation still = still(alice);
        mma.videos.failNext(1);

        Generation video = animate(AnimateStill.Request.ofStill(alice, still.id(), null, null, null));
        mma.runQueued();

        assertThat(video.status()).isEqualTo(MmaStatus.ERROR);
        assertThat(video.error())
                .isEqualTo("The video service could not make this one (the video task failed). "
                        + "Your matcha was refunded.");
        assertThat(balance(alice)).isEqualTo(10);
        assertThat(mma.stores.credits().history(alice, 10))
                .extracting(CreditTransaction::id)
                .containsOnlyOnce(CreditTxId.refund(video.id()));
        assertThat(mma.stores.credits().history(alice, 10))
                .filteredOn(t -> t.id().equals(CreditTxId.refund(video.id())))
                .extracting(CreditTransaction::delta)
                .containsExactly(10L);
        assertThat(Json.object(step(video, "local_generate").payload(), "error"))
                .containsEntry("kind", "task_failed");
        assertThat(mma.assets.read(AssetKey.video(video.id()))).isEmpty();
    }

    @Test
    void anEndImageIsStoredAndSentToTheProvider() {
        grant(alice, 19); // the still, and 5 s in pro (the mode kling-v2-1 takes an end frame in): 2 × 5 × 1.75, up

        Generation still = still(alice);
        String end = mma.media
                .upload(alice, AssetKind.ANIMATION, SampleMedia.png(40, 50))
                .url();

        Generation video = animate(AnimateStill.Request.ofStill(alice, still.id(), null, end, null));

        assertThat(video.section("assets")).containsEntry("end_image_url", end);
        assertThat(mma.videos.jobs().get(0).endImage().url()).isEqualTo(end);
        assertThat(step(video, "local_generate").input()).containsEntry("end_image_url", end);
    }

    @Test
    void anUploadedImageIsAnimatedInTheRatioOfItsPixels() {
        grant(alice, 10);
        String upload = mma.media
                .upload(alice, AssetKind.ANIMATION, SampleMedia.png(90, 160))
                .url();

        Generation video = animate(AnimateStill.Request.ofImage(alice, upload, "waves roll in", null, null));

        assertThat(video.status()).isEqualTo(MmaStatus.DONE);
        assertThat(video.parentId()).isNull();
        assertThat(video.section("settings")).containsEntry("aspect_ratio", "9:16");
        assertThat(video.section("assets")).containsEntry("start_image_url", upload);
        assertThat(mma.stores.events().about(video.id()))
                .extracting(MmaEvent::type)
                .containsExactly(EventType.ANIMATE);
        assertThat(balance(alice)).isZero();
    }

    @Test
    void animatingNeedsAFinishedStillOfYourOwn() {
        grant(alice, 12);
        Generation done = still(alice);
        var queued = ((CreateOutcome.Created) mma.createStill.submit(
                        new StillRequest(alice, "a cup", null, null, null, null, List.of(), Map.of(), null, null)))
                .generation();

        assertThatThrownBy(() ->
                        mma.animateStill.submit(AnimateStill.Request.ofStill(alice, queued.id(), null, null, null)))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("not finished");
        assertThatThrownBy(() -> mma.animateStill.submit(
                        AnimateStill.Request.ofStill(PassId.user("mallory"), done.id(), null, null, null)))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> mma.animateStill.submit(
                        AnimateStill.Request.ofStill(alice, new GenerationId("nope"), null, null, null)))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> mma.animateStill.submit(AnimateStill.Request.ofStill(alice, done.id(), null, null, 7)))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("kling model kling-v2-1 makes videos of 5 or 10 seconds, not 7");
        assertThat(balance(alice)).isEqualTo(10);
    }

    @Test
    void aVideoCannotBeAnimatedAgainAndNeedsEnoughMatcha() {
        grant(alice, 11);
        Generation video =
                animate(AnimateStill.Request.ofStill(alice, still(alice).id(), null, null, null));

        assertThatThrownBy(() ->
                        mma.animateStill.submit(AnimateStill.Request.ofStill(alice, video.id(), null, null, null)))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("only a still");
        grant(alice, 3);
        Generation still = still(alice);
        assertThat(mma.animateStill.submit(AnimateStill.Request.ofStill(alice, still.id(), null, null, null)))
                .isEqualTo(new CreateOutcome.InsufficientMatcha(2, 10));
        assertThat(mma.runQueued()).isEmpty();
    }

    @Test
    void videoFeedbackIsOnlyRecordedWhenRegenerationIsOff() {
        grant(alice, 11);
        Generation video =
                animate(AnimateStill.Request.ofStill(alice, still(alice).id(), null, null, null));

        var outcome = mma.videoFeedback.send(
                new SendVideoFeedback.Request(alice, video.id(), "too fast", new RequestId("fb-1"), null));
        mma.videoFeedback.send(
                new SendVideoFeedback.Request(alice, video.id(), "too fast", new RequestId("fb-1"), null));

        assertThat(outcome).isInstanceOf(SendVideoFeedback.Outcome.Recorded.class);
        MmaEvent event = ((SendVideoFeedback.Outcome.Recorded) outcome).event();
        assertThat(event.type()).isEqualTo(EventType.FEEDBACK);
        assertThat(mma.stores.events().about(video.id()))
                .filteredOn(e -> e.type() == EventType.FEEDBACK)
                .extracting(MmaEvent::text)
                .containsExactly("too fast");
        assertThat(mma.runQueued()).isEmpty();
        assertThat(balance(alice)).isZero();
        assertThat(mma.vision.calls(GptTask.FEEDBACK_MOTION)).isZero();
    }

    @Test
    void videoFeedbackMakesANewChargedVideoWhenRegenerationIsOn() {
        grant(alice, 21);
        Generation video =
                animate(AnimateStill.Request.ofStill(alice, still(alice).id(), "the steam rises", null, null));
        configure(ConfigKeys.VIDEO, "regen_enabled", true);

        var outcome = mma.videoFeedback.send(new SendVideoFeedback.Request(alice, video.id(), "too fast", null, null));
        assertThat(balance(alice)).isZero();
        mma.runQueued();

        var creation = ((SendVideoFeedback.Outcome.Regenerating) outcome).creation();
        Generation again = mma.reload(((CreateOutcome.Created) creation).generation());
        assertThat(again.status()).isEqualTo(MmaStatus.DONE);
        assertThat(again.mode()).isEqualTo(MmaMode.VIDEO);
        assertThat(again.parentId()).isEqualTo(video.id());
        assertThat(stepTypes(again)).containsExactly("gpt_feedback_motion", "local_generate_feedback");
        assertThat(again.prompt()).isEqualTo(video.prompt() + ", adjusted: too fast");
        assertThat(lastRequest(GptTask.FEEDBACK_MOTION).input())
                .containsEntry("previous_prompt", video.prompt())
                .containsEntry("feedback", "too fast")
                .containsEntry("caption", "caption of the input_still image");
        assertThat(again.section("assets")).isEqualTo(video.section("assets"));
        assertThat(again.section("settings")).isEqualTo(video.section("settings"));
        assertThat(again.section("prompts")).containsEntry("motion_source", "feedback");
        assertThat(mma.stores.events().about(video.id()))
                .extracting(MmaEvent::type)
                .contains(EventType.FEEDBACK);
    }

    @Test
    void feedbackIsForFinishedVideosOfYourOwn() {
        grant(alice, 1);
        Generation still = still(alice);

        assertThatThrownBy(
                        () -> mma.videoFeedback.send(new SendVideoFeedback.Request(alice, still.id(), "x", null, null)))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("tweak");
        assertThatThrownBy(() -> mma.videoFeedback.send(
                        new SendVideoFeedback.Request(PassId.user("mallory"), still.id(), "x", null, null)))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> new SendVideoFeedback.Request(alice, still.id(), " ", null, null))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void typeForMeReadsTheStillRecordsTheSuggestionAndChargesNothing() {
        grant(alice, 1);
        Generation still = still(alice);

        var outcome = mma.suggestMotion.suggest(new SuggestMotion.Request(alice, still.id(), null));

        var suggested = (SuggestMotion.Outcome.Suggested) outcome;
        assertThat(suggested.prompt()).isEqualTo("slow push-in on the product");
        assertThat(suggested.userMessage()).isEqualTo("Try this.");
        assertThat(suggested.imageUrl()).isEqualTo(still.outputUrl());
        GptRequest asked = lastRequest(GptTask.MOTION_SUGGESTION);
        assertThat(asked.images()).extracting(i -> i.url()).containsExactly(still.outputUrl());
        assertThat(asked.input())
                .containsEntry("caption", still.section("scans").get("output_still_crt"));
        MmaEvent event = mma.stores.events().about(still.id()).stream()
                .filter(e -> e.type() == EventType.SUGGESTION)
                .findFirst()
                .orElseThrow();
        assertThat(event.mgId()).isEqualTo(suggested.eventId());
        assertThat(event.text()).isEqualTo("slow push-in on the product");
        assertThat(Json.object(event.meta(), "input"))
                .containsEntry("ctx_key", "mma.ctx.motion_suggestion")
                .containsEntry("ctx_version", 1)
                .containsEntry("ctx_id", "app_config:mma.ctx.motion_suggestion:v1");
        assertThat(event.meta()).containsKeys("output", "timing", "error");
        assertThat(balance(alice)).isZero();
    }

    @Test
    void typeForMeWithoutAnImageSaysItNeedsOne() {
        grant(alice, 1);
        var queued = ((CreateOutcome.Created) mma.createStill.submit(
                        new StillRequest(alice, "a cup", null, null, null, null, List.of(), Map.of(), null, null)))
                .generation();

        var none = mma.suggestMotion.suggest(new SuggestMotion.Request(alice, null, " "));
        var unfinished = mma.suggestMotion.suggest(new SuggestMotion.Request(alice, queued.id(), null));

        assertThat(none).isInstanceOf(SuggestMotion.Outcome.NeedImage.class);
        assertThat(((SuggestMotion.Outcome.NeedImage) none).message()).startsWith("I need an image");
        assertThat(unfinished).isInstanceOf(SuggestMotion.Outcome.NeedImage.class);
        assertThat(mma.vision.calls(GptTask.MOTION_SUGGESTION)).isZero();
        assertThat(mma.stores.events().about(queued.id())).noneMatch(e -> e.type() == EventType.SUGGESTION);
        assertThatThrownBy(() ->
                        mma.suggestMotion.suggest(new SuggestMotion.Request(alice, null, "https://example.com/a.png")))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("upload it");
    }

    @Test
    void typeForMeReadsAnUploadedImage() {
        String upload = mma.media
                .upload(alice, AssetKind.ANIMATION, SampleMedia.jpeg(30, 30))
                .url();

        var outcome = mma.suggestMotion.suggest(new SuggestMotion.Request(alice, null, upload));

        assertThat(outcome).isInstanceOf(SuggestMotion.Outcome.Suggested.class);
        assertThat(lastRequest(GptTask.MOTION_SUGGESTION).images())
                .extracting(i -> i.url())
                .containsExactly(upload);
    }

    @Test
    void videoConfigIsCheckedBeforeItIsPublished() {
        assertThatThrownBy(() -> configure(ConfigKeys.VIDEO, "durations", List.of(5, 90)))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("durations");
        assertThatThrownBy(() -> configure(ConfigKeys.VIDEO, "durations", List.of(10)))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("default_duration");
        assertThatThrownBy(() -> configure(ConfigKeys.VIDEO, "regen_enabled", "yes"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("regen_enabled");
        configure(ConfigKeys.VIDEO, "durations", List.of(10), "default_duration", 10);
        assertThat(Json.number(mma.config.value(ConfigKeys.VIDEO), "default_duration", 0))
                .isEqualTo(10);
    }
}
