package me.minav3.adapters.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static me.minav3.adapters.providers.Wire.json;
import static me.minav3.adapters.providers.Wire.okJson;
import static me.minav3.adapters.providers.Wire.tree;
import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.ImageJob;
import me.minav3.mma.providers.ProviderJob;
import me.minav3.mma.providers.VideoJob;
import org.junit.jupiter.api.Test;

/**
 * A request that starts paid work (a Kling task, a Replicate prediction, a ModelArk image) is never sent twice
 * blindly: only after a fault that proves the provider did nothing, or through the provider's own dedupe; the job's
 * id is recorded before polling, and a job recorded before is polled, not created again.
 */
class PaidJobsTest extends ProviderContractTest {

    private static final String KLING = "/v1/videos/image2video";
    private static final String TASK_ID = "CjMJz2Zg3XcAAAAAAEmqRg";
    private static final String VIDEO =
            "https://cdn.klingai.com/bs2/upload-kling-api/6129036215/image2video/CjMJz2Zg3X-0.mp4";
    private static final String KEY = "v1-kling_generate";
    private static final String REPLICATE = "/v1/models/bytedance/seedream-4/predictions";
    private static final String PREDICTION = "/v1/predictions/" + ReplicateImageGeneratorTest.ID;

    // ------------------------------------------------------------------------------------------------ Kling

    @Test
    void aKlingTaskIsCreatedUnderOurExternalIdAndRecordedBeforeItIsPolled() {
        server.stubFor(post(KLING).willReturn(okJson(task("submitted"))));
        server.stubFor(get(KLING + "/" + TASK_ID).willReturn(okJson(task("succeed"))));
        Recorder job = new Recorder(KEY, null, false);

        generate(video(job));

        var body =
                tree(server.findAll(postRequestedFor(urlEqualTo(KLING))).get(0).getBodyAsString());
        assertThat(body.path("external_task_id").asText()).isEqualTo(KEY);
        assertThat(job.events).containsExactly("started " + TASK_ID);
        assertThat(job.pollsBeforeStart).isZero();
    }

    @Test
    void aKlingCreateWhoseReplyIsLostIsFoundByItsExternalIdAndNotCreatedAgain() {
        server.stubFor(post(KLING).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        server.stubFor(get(KLING + "/" + KEY).willReturn(okJson(task("processing"))));
        server.stubFor(get(KLING + "/" + TASK_ID).willReturn(okJson(task("succeed"))));
        Recorder job = new Recorder(KEY, null, false);

        GeneratedMedia media = generate(video(job));

        assertThat(server.findAll(postRequestedFor(urlEqualTo(KLING))))
                .as("one task, paid once")
                .hasSize(1);
        assertThat(job.events).containsExactly("started " + TASK_ID);
        assertThat(media.trace().response()).containsEntry("found_by_external_task_id", KEY);
    }

    @Test
    void aKlingCreateAnsweredWith5xxIsLookedUpAndCreatedAgainOnlyWhenKlingHasNoSuchTask() {
        server.stubFor(post(KLING)
                .inScenario("create")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("second")
                .willReturn(json(500, obj("code", 5000, "message", "internal error"))));
        server.stubFor(
                post(KLING).inScenario("create").whenScenarioStateIs("second").willReturn(okJson(task("succeed"))));
        server.stubFor(get(KLING + "/" + KEY).willReturn(json(404, obj("code", 1203, "message", "task not found"))));

        generate(video(new Recorder(KEY, null, false)));

        assertThat(server.findAll(getRequestedFor(urlEqualTo(KLING + "/" + KEY))))
                .hasSize(1);
        assertThat(server.findAll(postRequestedFor(urlEqualTo(KLING)))).hasSize(2);
    }

    @Test
    void aRecordedKlingTaskIsPolledNotCreatedAgain() {
        server.stubFor(get(KLING + "/" + TASK_ID).willReturn(okJson(task("succeed"))));
        Recorder job = new Recorder(KEY, TASK_ID, false);

        GeneratedMedia media = generate(video(job));

        assertThat(server.findAll(postRequestedFor(urlEqualTo(KLING)))).isEmpty();
        assertThat(job.events).isEmpty();
        assertThat(media.trace().response()).containsEntry("resumed_task_id", TASK_ID);
    }

    @Test
    void aStageRunAgainWithoutARecordedTaskLooksForOneBeforeCreating() {
        server.stubFor(get(KLING + "/" + KEY).willReturn(okJson(task("processing"))));
        server.stubFor(get(KLING + "/" + TASK_ID).willReturn(okJson(task("succeed"))));
        Recorder job = new Recorder(KEY, null, true);

        generate(video(job));

        assertThat(server.findAll(postRequestedFor(urlEqualTo(KLING)))).isEmpty();
        assertThat(job.events).containsExactly("started " + TASK_ID);
    }

    @Test
    void aKlingTaskUnderAnotherExternalIdIsNotTakenForOurs() {
        Map<String, Object> other = task("processing");
        ((Map<String, Object>) ((Map<?, ?>) other.get("data")).get("task_info"))
                .put("external_task_id", "someone-else");
        server.stubFor(get(KLING + "/" + KEY).willReturn(okJson(other)));

        ProviderFailure failure = failure(() -> generate(video(new Recorder(KEY, null, true))));

        assertThat(failure.kind()).isEqualTo(Kind.MALFORMED_REPLY);
        assertThat(server.findAll(postRequestedFor(urlEqualTo(KLING)))).isEmpty();
    }

    // -------------------------------------------------------------------------------------------- Replicate

    @Test
    void aReplicateCreateAsksForAShortWaitAndADeadline() {
        server.stubFor(post(REPLICATE)
                .willReturn(json(
                        201,
                        ReplicateImageGeneratorTest.prediction(
                                "succeeded", List.of("https://replicate.delivery/xezq/a/out.png"), null))));
        Recorder job = new Recorder("v1-seedream_generate", null, false);

        generateStill(job, FAST);

        var create = server.findAll(postRequestedFor(urlEqualTo(REPLICATE))).get(0);
        assertThat(create.getHeader("Prefer"))
                .as("half the 2 s request timeout")
                .isEqualTo("wait=1");
        assertThat(create.getHeader("Cancel-After")).as("the 120 s total limit").isEqualTo("2m");
        assertThat(job.events).containsExactly("started " + ReplicateImageGeneratorTest.ID);
    }

    @Test
    void aReplicateCreateWhoseReplyIsLostIsNotSentAgain() {
        server.stubFor(post(REPLICATE).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        ProviderFailure failure = failure(() -> generateStill(new Recorder("v1-seedream_generate", null, false), FAST));

        assertThat(server.findAll(postRequestedFor(urlEqualTo(REPLICATE)))).hasSize(1);
        assertThat(failure.getMessage()).contains("not sent again");
        assertThat(failure.trace().attempts())
                .singleElement()
                .satisfies(a -> assertThat(a).containsEntry("unknown_outcome", true));
    }

    @Test
    void aRateLimitedReplicateCreateIsSentAgain() {
        server.stubFor(post(REPLICATE)
                .inScenario("limit")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("free")
                .willReturn(json(429, obj("detail", "Request was throttled."))));
        server.stubFor(post(REPLICATE)
                .inScenario("limit")
                .whenScenarioStateIs("free")
                .willReturn(json(
                        201,
                        ReplicateImageGeneratorTest.prediction(
                                "succeeded", List.of("https://replicate.delivery/xezq/a/out.png"), null))));

        generateStill(new Recorder("v1-seedream_generate", null, false), FAST);

        assertThat(server.findAll(postRequestedFor(urlEqualTo(REPLICATE)))).hasSize(2);
    }

    @Test
    void aPredictionGivenUpOnIsCanceled() {
        server.stubFor(
                post(REPLICATE).willReturn(json(201, ReplicateImageGeneratorTest.prediction("starting", null, null))));
        server.stubFor(
                get(PREDICTION).willReturn(okJson(ReplicateImageGeneratorTest.prediction("processing", null, null))));
        server.stubFor(post(PREDICTION + "/cancel")
                .willReturn(okJson(ReplicateImageGeneratorTest.prediction("canceled", null, null))));
        Map<String, Object> defaults = obj(
                "poll_interval_ms", 2_000, "timeouts", obj("request_ms", 2_000, "total_ms", 9_000, "max_attempts", 3));

        ProviderFailure failure =
                failure(() -> generateStill(new Recorder("v1-seedream_generate", null, false), defaults));

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(server.findAll(postRequestedFor(urlEqualTo(PREDICTION + "/cancel"))))
                .hasSize(1);
        assertThat(failure.trace().response()).containsKey("canceled");
    }

    @Test
    void aFailedPredictionIsNotCanceledAndARecordedOneIsPolledNotCreated() {
        server.stubFor(get(PREDICTION)
                .willReturn(okJson(ReplicateImageGeneratorTest.prediction("failed", null, "NSFW content detected"))));

        ProviderFailure failure = failure(
                () -> generateStill(new Recorder("v1-seedream_generate", ReplicateImageGeneratorTest.ID, false), FAST));

        assertThat(failure.kind()).isEqualTo(Kind.TASK_FAILED);
        assertThat(server.findAll(postRequestedFor(urlEqualTo(REPLICATE)))).isEmpty();
        assertThat(server.findAll(postRequestedFor(urlEqualTo(PREDICTION + "/cancel"))))
                .isEmpty();
    }

    // ------------------------------------------------------------------------------------- ModelArk, transport

    @Test
    void aModelArkImageAnsweredWith5xxIsNotPaidForTwice() {
        server.stubFor(post("/api/v3/images/generations")
                .willReturn(json(
                        500,
                        obj(
                                "error",
                                obj(
                                        "code",
                                        "InternalServiceError",
                                        "message",
                                        "The service encountered an unexpected internal error.")))));
        var seedream = providers.imageGenerators().get("seedream");

        ProviderFailure failure = failure(() -> seedream.generate(
                new ImageJob(new GenerationId("v1"), "a bottle", AspectRatio.SQUARE, List.of(), Map.of(), FAST)));

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/api/v3/images/generations"))))
                .hasSize(1);
    }

    @Test
    void aCreateThatNeverReachedTheProviderIsSentAgain() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String dead = "http://127.0.0.1:" + closedPort;
        RealProviders offline = new RealProviders(
                new ProviderSettings(null, null, ARK_KEY, dead, null, null, null, null, null, null, null, "2025-07"),
                time,
                time,
                new java.util.SplittableRandom(7));

        ProviderFailure failure = failure(() -> offline.imageGenerators()
                .get("seedream")
                .generate(new ImageJob(
                        new GenerationId("v1"), "a bottle", AspectRatio.SQUARE, List.of(), Map.of(), FAST)));

        assertThat(failure.kind()).isEqualTo(Kind.CONNECTION);
        assertThat(failure.trace().attempts())
                .as("refused connections prove nothing was sent")
                .hasSize(3);
    }

    // --------------------------------------------------------------------------------------------- helpers

    private GeneratedMedia generate(VideoJob job) {
        GeneratedMedia media = providers.videoGenerators().get("kling").generate(job);
        kept(media.trace());
        return media;
    }

    private GeneratedMedia generateStill(ProviderJob job, Map<String, Object> defaults) {
        GeneratedMedia media = providers
                .imageGenerators()
                .get("seedream_replicate")
                .generate(new ImageJob(
                        new GenerationId("v1"), "a bottle", AspectRatio.SQUARE, List.of(), Map.of(), defaults, job));
        kept(media.trace());
        return media;
    }

    private static VideoJob video(ProviderJob job) {
        return new VideoJob(
                new GenerationId("v1"),
                "The bottle turns slowly",
                null,
                publicImage("https://assets.minav3.me/p/start.png"),
                null,
                5,
                AspectRatio.PORTRAIT_9_16,
                Map.of(),
                FAST,
                job);
    }

    private static Map<String, Object> task(String status) {
        Map<String, Object> task = DocumentedReplies.klingTask(TASK_ID, status, null, VIDEO);
        ((Map<String, Object>) ((Map<?, ?>) task.get("data")).get("task_info")).put("external_task_id", KEY);
        return task;
    }

    /** A provider job that records what the adapter told it, and whether it polled before recording the id. */
    private final class Recorder implements ProviderJob {
        final List<String> events = new ArrayList<>();
        final String key;
        final boolean mayHaveCreated;
        String id;
        int pollsBeforeStart = -1;

        Recorder(String key, String id, boolean mayHaveCreated) {
            this.key = key;
            this.id = id;
            this.mayHaveCreated = mayHaveCreated;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public Optional<String> startedId() {
            return Optional.ofNullable(id);
        }

        @Override
        public boolean mayHaveCreated() {
            return mayHaveCreated;
        }

        @Override
        public void started(String jobId) {
            pollsBeforeStart = server.findAll(getRequestedFor(urlEqualTo(KLING + "/" + jobId)))
                    .size();
            events.add("started " + jobId);
            id = jobId;
        }
    }
}
