package me.minav3.mma.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.customers.Preferences;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.submit.StillRequest;
import me.minav3.mma.testing.PipelineFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec §6.2–6.3: likes, downloads, dislikes and preferences steer the prompt; hard blocks never appear in it. */
class TasteTest {

    private final PipelineFixture mma = new PipelineFixture();
    private final PassId alice = PassId.user("alice");

    @BeforeEach
    void credits() {
        mma.stores
                .credits()
                .post(new CreditEntry(
                        CreditTxId.grant("taste"),
                        alice,
                        50,
                        CreditReason.GRANT,
                        "test",
                        null,
                        null,
                        null,
                        null,
                        mma.clock.now(),
                        Json.obj()));
    }

    private Generation make(String brief) {
        CreateOutcome outcome = mma.createStill.submit(
                new StillRequest(alice, brief, null, AspectRatio.SQUARE, null, null, List.of(), Map.of(), null, null));
        mma.runQueued();
        return mma.reload(((CreateOutcome.Created) outcome).generation());
    }

    private void react(EventType type, Generation g) {
        mma.clock.advance(java.time.Duration.ofSeconds(1));
        mma.stores
                .events()
                .record(new MmaEvent(
                        UUID.randomUUID().toString(), alice, type, g.id(), null, Json.obj(), mma.clock.now()));
    }

    private StepRecord step(Generation g, String type) {
        return mma.stores.generations().steps(g.id()).stream()
                .filter(s -> s.stepType().equals(type))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void likedStylesSteerTheNextPromptAndDislikedOnesDoNot() {
        react(EventType.DISLIKE, make("a neon bar"));
        react(EventType.LIKE, make("tea on linen, golden hour"));
        react(EventType.DOWNLOAD, make("cups in golden hour light"));

        Generation next = make("a matcha whisk");

        assertThat(next.section("history").get("style_history_csv").toString())
                .contains("golden hour:+2.0")
                .contains("neon:-1.0");
        assertThat(next.prompt()).contains("golden hour").doesNotContain("neon");
        assertThat(Json.object(step(next, "like_history").input(), "preferences"))
                .isNotNull();
        assertThat(Json.list(step(next, "like_history").input(), "signals")).hasSize(3);
    }

    @Test
    void explicitPreferenceWeightsCountDouble() {
        mma.stores.customers().ensure(alice, CustomerProfile.NONE, mma.clock.now());
        mma.stores
                .customers()
                .savePreferences(alice, new Preferences(List.of(), Map.of("pastel", 1.5)), mma.clock.now());

        Generation next = make("a teapot");

        assertThat(next.section("history").get("style_history_csv").toString()).isEqualTo("pastel:+3.0");
        assertThat(next.prompt()).contains("pastel");
    }

    @Test
    void hardBlocksNeverAppearInTheCleanPromptWhateverTheModelOrTheBriefSays() {
        react(EventType.LIKE, make("neon signs over a cafe"));
        mma.stores
                .customers()
                .savePreferences(
                        alice, new Preferences(List.of("neon", "people"), Map.of("neon", 3.0)), mma.clock.now());
        mma.vision.readerAlsoWrites("no neon anywhere; two people laughing");

        Generation next = make("matcha bar with neon light");

        assertThat(next.prompt()).doesNotContainIgnoringCase("neon").doesNotContainIgnoringCase("people");
        assertThat(next.section("history").get("style_history_csv").toString()).doesNotContain("neon");
        assertThat(Json.list(step(next, "gpt_reader").output(), "removed_by_hard_blocks"))
                .isNotEmpty();
        assertThat(mma.images.jobs().get(mma.images.jobs().size() - 1).prompt()).doesNotContainIgnoringCase("neon");
    }

    @Test
    void theWindowIsFiveOrTwentyByTheVisionIntelligenceToggle() {
        for (int i = 0; i < 7; i++) {
            react(EventType.LIKE, make("still " + i + ", soft light"));
        }
        assertThat(make("a spoon").section("history"))
                .containsEntry("window", 5)
                .containsEntry("signals_used", 5);

        mma.stores
                .config()
                .publish(
                        "mma.taste",
                        Map.of("vision_intelligence", true, "small_window", 5, "large_window", 20),
                        "test",
                        mma.clock.now());

        assertThat(make("a fork").section("history"))
                .containsEntry("window", 20)
                .containsEntry("signals_used", 7);
    }

    private final me.minav3.mma.studio.RecordEvent events = new me.minav3.mma.studio.RecordEvent(
            mma.stores.generations(),
            mma.stores.events(),
            mma.stores.customers(),
            new me.minav3.mma.studio.SavePreferences(mma.stores.customers(), mma.stores.events(), mma.clock, mma.ids),
            mma.clock,
            mma.ids);

    private static Map<String, Object> readerPreferences(StepRecord reader) {
        return Json.object(Json.object(reader.input(), "input"), "preferences");
    }

    @Test
    void aLikeFeedsTheSnapshotTheNextPromptStageReads() {
        Generation liked = make("tea on linen, golden hour");
        mma.clock.advance(java.time.Duration.ofSeconds(1));
        events.record(alice, liked.id(), EventType.LIKE, null);

        Generation next = make("a matcha whisk");

        assertThat(next.section("preferences").get("tag_weights")).isEqualTo(Map.of("golden hour", 1.0, "linen", 1.0));
        assertThat(readerPreferences(step(next, "gpt_reader")).get("tag_weights"))
                .isEqualTo(Map.of("golden hour", 1.0, "linen", 1.0));
    }

    @Test
    void theLaterEventWinsATakenBackLikeNoLongerSteers() {
        Generation g = make("tea on linen, golden hour");
        mma.clock.advance(java.time.Duration.ofSeconds(1));
        events.record(alice, g.id(), EventType.LIKE, null);
        mma.clock.advance(java.time.Duration.ofSeconds(1));
        events.record(alice, g.id(), EventType.CLEAR, null);

        Generation next = make("a matcha whisk");

        assertThat(next.section("preferences").get("tag_weights")).isEqualTo(Map.of());
        assertThat(next.section("history").get("signals_used")).isEqualTo(0);
        assertThat(mma.stores.events().about(g.id()))
                .extracting(MmaEvent::type)
                .containsExactly(EventType.CREATE, EventType.LIKE, EventType.CLEAR);

        mma.clock.advance(java.time.Duration.ofSeconds(1));
        events.record(alice, g.id(), EventType.DISLIKE, null);
        assertThat(make("a spoon").section("preferences").get("tag_weights"))
                .isEqualTo(Map.of("golden hour", -1.0, "linen", -1.0));
    }

    @Test
    void aDislikeWithAHardBlockBlocksItInTheNextPrompt() {
        Generation neon = make("a neon bar");
        mma.clock.advance(java.time.Duration.ofSeconds(1));
        events.record(alice, neon.id(), EventType.DISLIKE, null, "Neon");
        mma.vision.readerAlsoWrites("neon glow on the rim");

        Generation next = make("matcha on a counter");

        assertThat(mma.stores
                        .customers()
                        .find(alice)
                        .orElseThrow()
                        .preferences()
                        .hardBlocks())
                .containsExactly("neon");
        assertThat(next.section("preferences").get("hard_blocks")).isEqualTo(List.of("neon"));
        assertThat(readerPreferences(step(next, "gpt_reader")).get("hard_blocks"))
                .isEqualTo(List.of("neon"));
        assertThat(next.prompt()).doesNotContainIgnoringCase("neon");
        assertThat(mma.stores.events().about(neon.id()))
                .anySatisfy(e -> assertThat(e.meta()).containsEntry("hard_block", "neon"));
    }

    @Test
    void aHardBlockGoesOnlyWithADislikeAndABadOneWritesNothing() {
        Generation g = make("a teapot");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> events.record(alice, g.id(), EventType.LIKE, null, "neon"))
                .isInstanceOf(me.minav3.mma.error.InvalidInput.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> events.record(alice, g.id(), EventType.DISLIKE, null, "<script>"))
                .isInstanceOf(me.minav3.mma.error.InvalidInput.class);
        assertThat(mma.stores.events().about(g.id())).extracting(MmaEvent::type).containsExactly(EventType.CREATE);
        assertThat(mma.stores.customers().find(alice).map(c -> c.preferences().hardBlocks()))
                .hasValueSatisfying(b -> assertThat(b).isEmpty());
    }
}
