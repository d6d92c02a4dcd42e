package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.DefaultConfig;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationQueue;
import me.minav3.mma.pricing.StepCost;
import me.minav3.mma.submit.AnimateStill;
import me.minav3.mma.submit.RequestId;
import me.minav3.mma.submit.SendVideoFeedback;
import me.minav3.mma.submit.StillRequest;
import me.minav3.mma.submit.StudioSession;
import me.minav3.mma.submit.TweakStill;
import me.minav3.mma.testing.InMemoryAssetStore;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.PipelineFixture;
import me.minav3.mma.testing.SampleMedia;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Today's code writes exactly the rows the release before the typed generation document wrote: every scenario of
 * {@code fixtures/stored-generations} is run again (same clock, same ids) and every row compared with the capture,
 * column by column, as jsonb compares them. With {@code -Dcapture=<dir>} it writes the captures instead.
 */
class StoredGenerationsReplayTest {

    static final class Crash extends RuntimeException {}

    /** A generation queue that "kills the worker" (throws out of the runner) after {@code steps} recorded steps. */
    static final class Crashing implements InvocationHandler {
        final GenerationQueue real;
        final AtomicInteger left = new AtomicInteger(Integer.MAX_VALUE);

        Crashing(GenerationQueue real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            if (method.getName().equals("recordStep") && left.get() <= 0) {
                throw new Crash();
            }
            try {
                Object result = method.invoke(real, args);
                if (method.getName().equals("recordStep")) {
                    left.decrementAndGet();
                }
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    record Env(DatabaseUrl url, MegaDatabase db, PipelineFixture mma, Crashing crash, PassId pass) {}

    static Env env() {
        DatabaseUrl url = TestDatabase.freshUrl();
        MegaDatabase db = MegaDatabase.open(url, 4);
        Crashing crash = new Crashing(db.generationQueue());
        GenerationQueue queue = (GenerationQueue) Proxy.newProxyInstance(
                GenerationQueue.class.getClassLoader(), new Class<?>[] {GenerationQueue.class}, crash);
        PipelineFixture mma = new PipelineFixture(
                PostgresStores.of(db).withQueue(queue), new InMemoryAssetStore(), new MutableClock());
        // The captures were priced before decision 041, when an end frame moved a std video to pro at the std price;
        // pro now costs 1.75 × (VideoChoicesTest). Priced as then, the rows must match exactly.
        new me.minav3.mma.config.PublishConfig(
                        mma.stores.config(),
                        mma.config,
                        mma.stores.audit(),
                        mma.clock,
                        new me.minav3.mma.testing.SequentialIds("audit"))
                .publish(
                        me.minav3.mma.config.ConfigKeys.VIDEO_PRICES,
                        Json.obj("models", Json.obj(), "mode_multipliers", Json.obj("std", 1, "pro", 1)),
                        me.minav3.mma.common.Actor.SYSTEM);
        PassId pass = PassId.user("fixture");
        mma.stores
                .credits()
                .post(new CreditEntry(
                        CreditTxId.grant("fixture"),
                        pass,
                        100,
                        CreditReason.GRANT,
                        "test",
                        null,
                        null,
                        null,
                        null,
                        mma.clock.now(),
                        Json.obj()));
        return new Env(url, db, mma, crash, pass);
    }

    static void runAll(Env e) {
        e.mma.clock.advance(Duration.ofSeconds(1));
        e.mma.runQueued();
        e.mma.clock.advance(Duration.ofSeconds(1));
    }

    /** Runs the queued job until {@code steps} more steps were recorded, then the worker "dies". */
    static void runHalf(Env e, int steps) {
        e.mma.clock.advance(Duration.ofSeconds(1));
        e.crash.left.set(steps);
        var job = e.mma.stores
                .queue()
                .claimNext("crashed-worker", e.mma.clock.now(), Duration.ofMinutes(2))
                .orElseThrow();
        try {
            e.mma.runner.run(job, "crashed-worker", 3);
            throw new IllegalStateException("did not crash");
        } catch (Crash expected) {
            // the worker died here
        }
        e.crash.left.set(Integer.MAX_VALUE);
    }

    static Generation created(CreateOutcome outcome) {
        return ((CreateOutcome.Created) outcome).generation();
    }

    static Generation createFull(Env e) {
        String product = e.mma.media
                .upload(e.pass, AssetKind.PRODUCT, SampleMedia.png(40, 60))
                .url();
        String logo = e.mma.media
                .upload(e.pass, AssetKind.LOGO, SampleMedia.png(20, 20))
                .url();
        String inspA = e.mma.media
                .upload(e.pass, AssetKind.INSPIRATION, SampleMedia.jpeg(30, 30))
                .url();
        String inspB = e.mma.media
                .upload(e.pass, AssetKind.INSPIRATION, SampleMedia.gif(20, 20))
                .url();
        return created(e.mma.createStill.submit(new StillRequest(
                e.pass,
                "a teapot on linen",
                "Soft editorial",
                AspectRatio.LANDSCAPE_16_9,
                product,
                logo,
                List.of(inspA, inspB),
                Map.of("quality", "4K"),
                new RequestId("req-create-full"),
                StudioSession.of("session:fixture"))));
    }

    static Generation createText(Env e) {
        return created(e.mma.createStill.submit(new StillRequest(
                e.pass, "matcha latte on marble", null, null, null, null, List.of(), Map.of(), null, null)));
    }

    static Generation stillDone(Env e) {
        Generation still = createText(e);
        runAll(e);
        return still;
    }

    static Generation tweak(Env e) {
        Generation still = stillDone(e);
        return created(e.mma.tweakStill.submit(new TweakStill.Request(
                e.pass, still.id(), "warmer light", new RequestId("req-tweak"), StudioSession.of("session:fixture"))));
    }

    static Generation animateStill(Env e) {
        Generation still = stillDone(e);
        return created(e.mma.animateStill.submit(AnimateStill.Request.ofStill(e.pass, still.id(), "", null, 5)
                .in(new RequestId("req-animate"), StudioSession.of("session:fixture"))));
    }

    static Generation animateUpload(Env e) {
        String start = e.mma.media
                .upload(e.pass, AssetKind.ANIMATION, SampleMedia.png(90, 160))
                .url();
        String end = e.mma.media
                .upload(e.pass, AssetKind.ANIMATION, SampleMedia.png(40, 50))
                .url();
        return created(
                e.mma.animateStill.submit(AnimateStill.Request.ofImage(e.pass, start, "waves roll in", end, 10)));
    }

    static Generation videoFeedback(Env e) {
        Generation still = stillDone(e);
        Generation video = created(
                e.mma.animateStill.submit(AnimateStill.Request.ofStill(e.pass, still.id(), "slow pan", null, null)));
        runAll(e);
        var regen = Json.mutableCopy(DefaultConfig.values().get(ConfigKeys.VIDEO));
        regen.put("regen_enabled", true);
        e.mma.stores.config().publish(ConfigKeys.VIDEO, regen, "test", e.mma.clock.now());
        var outcome = (SendVideoFeedback.Outcome.Regenerating) e.mma.videoFeedback.send(new SendVideoFeedback.Request(
                e.pass,
                video.id(),
                "too fast",
                new RequestId("req-video-feedback"),
                StudioSession.of("session:fixture")));
        return created(outcome.creation());
    }

    static final Map<String, Function<Env, Generation>> SUBMIT = new LinkedHashMap<>();
    static final Map<String, Integer> STEPS_BEFORE_CRASH = new LinkedHashMap<>();

    static {
        scenario("create-full", StoredGenerationsReplayTest::createFull, 2);
        scenario("create-text", StoredGenerationsReplayTest::createText, 1);
        scenario("tweak", StoredGenerationsReplayTest::tweak, 1);
        scenario("animate-still", StoredGenerationsReplayTest::animateStill, 1);
        scenario("animate-upload", StoredGenerationsReplayTest::animateUpload, 2);
        scenario("video-feedback", StoredGenerationsReplayTest::videoFeedback, 1);
    }

    private static void scenario(String name, Function<Env, Generation> submit, int stepsBeforeCrash) {
        SUBMIT.put(name, submit);
        STEPS_BEFORE_CRASH.put(name, stepsBeforeCrash);
    }

    static Stream<Arguments> captures() {
        return SUBMIT.keySet().stream()
                .flatMap(scenario -> StoredGenerations.STATES.stream().map(state -> Arguments.of(scenario, state)));
    }

    /** Runs one scenario up to its state on a fresh database; returns the file a capture would hold. */
    static Map<String, Object> replay(String scenario, String state, ObjectMapper mapper) throws Exception {
        Env e = env();
        try {
            Generation target = SUBMIT.get(scenario).apply(e);
            switch (state) {
                case "half-done" -> runHalf(e, STEPS_BEFORE_CRASH.get(scenario));
                case "done" -> runAll(e);
                default -> {}
            }
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("captured_from", "449f758");
            file.put("scenario", scenario);
            file.put("state", state);
            file.put("target", target.id().mgId());
            file.put(
                    "mega_customers",
                    rows(e.url, "SELECT to_jsonb(c)::text FROM public.mega_customers c ORDER BY mg_pass_id", mapper));
            file.put(
                    "mega_generations",
                    rows(
                            e.url,
                            "SELECT to_jsonb(g)::text FROM public.mega_generations g ORDER BY mg_created_at, mg_id",
                            mapper));
            return file;
        } finally {
            e.db.close();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("captures")
    void todaysCodeWritesExactlyTheCapturedRows(String scenario, String state) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Object> replayed = replay(scenario, state, mapper);
        String capture = System.getProperty("capture");
        if (capture != null && !capture.isBlank()) {
            Files.createDirectories(Path.of(capture));
            mapper.enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(
                            Path.of(capture, scenario + "." + state + ".json").toFile(), replayed);
            return;
        }
        var captured = StoredGenerations.load(scenario, state);

        assertThat(replayed.get("target")).isEqualTo(captured.target());
        assertThat((JsonNode)
                        customersWithoutColumnsAddedSince449f758(mapper.valueToTree(replayed.get("mega_customers"))))
                .isEqualTo((JsonNode) mapper.valueToTree(captured.customers()));
        assertThat((JsonNode) withoutKeysAddedSince449f758(mapper.valueToTree(replayed.get("mega_generations"))))
                .isEqualTo((JsonNode) mapper.valueToTree(captured.rows()));
    }

    /**
     * The step payload keys this release adds to what 449f758 wrote, removed before the comparison (every other
     * column and key must still match): {@code output.cost}, what a provider step cost (decision 011).
     */
    static JsonNode withoutKeysAddedSince449f758(JsonNode rows) {
        rows.forEach(row -> {
            if (row.path("mg_record_type").asText().equals("mma_step")
                    && row.path("mg_payload").path("output")
                            instanceof com.fasterxml.jackson.databind.node.ObjectNode output) {
                output.remove(StepCost.KEY);
            }
        });
        return rows;
    }

    /**
     * The customer columns this release adds to what 449f758 had (migration V4, logout and revocation; V7, the edit-tool
     * pool), removed
     * before the comparison once they are seen to hold their defaults: none of these scenarios signs anyone out.
     */
    static JsonNode customersWithoutColumnsAddedSince449f758(JsonNode rows) {
        rows.forEach(row -> {
            var customer = (com.fasterxml.jackson.databind.node.ObjectNode) row;
            assertThat(customer.path("mg_revoked_tokens").isObject()
                            && customer.path("mg_revoked_tokens").isEmpty())
                    .as("no token signed out")
                    .isTrue();
            assertThat(customer.path("mg_tokens_not_before").isNull())
                    .as("no revoke-all")
                    .isTrue();
            assertThat(customer.path("mg_tool_pool").asLong(-1))
                    .as("no edit-tool pool drawn (migration V7)")
                    .isZero();
            customer.remove(List.of("mg_revoked_tokens", "mg_tokens_not_before", "mg_tool_pool"));
        });
        return rows;
    }

    static List<Object> rows(DatabaseUrl url, String sql, ObjectMapper mapper) throws Exception {
        List<Object> rows = new ArrayList<>();
        try (Connection c = url.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(mapper.readValue(rs.getString(1), LinkedHashMap.class));
            }
        }
        return rows;
    }
}
