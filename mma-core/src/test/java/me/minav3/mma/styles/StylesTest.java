package me.minav3.mma.styles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.DefaultConfig;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.providers.GptTask;
import me.minav3.mma.providers.ImageJob;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.submit.StillRequest;
import me.minav3.mma.testing.PipelineFixture;
import me.minav3.mma.testing.SampleMedia;
import org.junit.jupiter.api.Test;

/** Issue 24.3: style presets and the user's own styles reach the image model as references; none is None. */
class StylesTest {

    private final PipelineFixture mma = new PipelineFixture();
    private final PassId alice = PassId.user("alice");
    private final PassId bob = PassId.user("bob");

    private void grant(PassId passId, long amount) {
        mma.stores.customers().ensure(passId, CustomerProfile.NONE, mma.clock.now());
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

    private static StillRequest brief(PassId passId, String brief, String... styles) {
        return new StillRequest(
                passId, brief, null, AspectRatio.SQUARE, null, null, List.of(), Map.of(), null, null, List.of(styles));
    }

    private Generation create(StillRequest request) {
        CreateOutcome outcome = mma.createStill.submit(request);
        assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
        return ((CreateOutcome.Created) outcome).generation();
    }

    private long balance(PassId passId) {
        return mma.stores.customers().find(passId).orElseThrow().credits();
    }

    private String upload(PassId owner) {
        return mma.media
                .upload(owner, AssetKind.INSPIRATION, SampleMedia.png(32, 32))
                .url();
    }

    private Map<String, Object> readerInput() {
        return mma.vision.requests().stream()
                .filter(r -> r.task() == GptTask.READ_STILL)
                .reduce((a, b) -> b)
                .orElseThrow()
                .input();
    }

    private ImageJob lastJob() {
        List<ImageJob> jobs = mma.images.jobs();
        return jobs.get(jobs.size() - 1);
    }

    @Test
    void noStyleChosenIsNoneAndSendsNoStyleReference() {
        grant(alice, 1);
        Generation done = mma.reload(create(brief(alice, "a teapot")));
        mma.runQueued();

        assertThat(mma.reload(done).section("inputs")).containsEntry("style", "None");
        assertThat(mma.reload(done).section("assets")).doesNotContainKey("styles");
        assertThat(lastJob().references()).isEmpty();
        assertThat(readerInput()).containsEntry("style", "None").doesNotContainKey("style_cues");
    }

    @Test
    void twoPresetsReachTheImageJobAsStyleReferencesAndTheReaderGetsTheirCues() {
        grant(alice, 1);
        String product = mma.media
                .upload(alice, AssetKind.PRODUCT, SampleMedia.png(40, 40))
                .url();
        Generation queued = create(new StillRequest(
                alice,
                "a teapot",
                null,
                AspectRatio.SQUARE,
                product,
                null,
                List.of(),
                Map.of(),
                null,
                null,
                List.of("noir", "pastel")));
        mma.runQueued();

        ImageJob job = lastJob();
        assertThat(job.references())
                .extracting(ImageRef::url)
                .hasSize(3)
                .first()
                .isEqualTo(product);
        assertThat(job.references().get(1).url()).isEqualTo(mma.assets.publicUrl(key("styles/noir.png")));
        assertThat(job.references().get(2).url()).isEqualTo(mma.assets.publicUrl(key("styles/pastel.png")));
        assertThat(job.references().get(1).bytes().get())
                .as("the shipped image is in the store")
                .isNotEmpty();
        assertThat(job.settings()).containsEntry("reference_roles", List.of("product", "style", "style"));
        assertThat(mma.reload(queued).section("inputs")).containsEntry("style", "Noir + Soft pastel");
        assertThat(Json.list(readerInput(), "style_cues"))
                .hasSize(2)
                .allSatisfy(cue -> assertThat(cue.toString()).isNotBlank());
        assertThat(Json.list(mma.reload(queued).section("assets"), "styles")).hasSize(2);
    }

    @Test
    void moreStylesThanTheConfiguredLimitAreRefusedNamingTheLimitAndNothingIsCharged() {
        grant(alice, 2);
        Map<String, Object> styles = Json.mutableCopy(DefaultConfig.values().get(ConfigKeys.STYLES));
        styles.put("max_per_still", 2);
        mma.stores.config().publish(ConfigKeys.STYLES, styles, "test", mma.clock.now());

        assertThatThrownBy(() -> mma.createStill.submit(brief(alice, "a teapot", "noir", "pastel", "sunset")))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("at most 2 styles")
                .hasMessageContaining("max_per_still");
        assertThat(balance(alice)).isEqualTo(2);
        assertThat(mma.stores.queue().claimNext("w", mma.clock.now(), java.time.Duration.ofMinutes(1)))
                .isEmpty();
    }

    @Test
    void inspirationsAndStyleImagesOverTheModelsLimitAreRefusedNotTrimmed() {
        grant(alice, 2);
        Map<String, Object> table = Json.mutableCopy(DefaultConfig.values().get(ConfigKeys.PROVIDER_MODELS));
        Map<String, Object> seedream = Json.mutableCopy(Json.object(table, "seedream"));
        Map<String, Object> model = Json.mutableCopy(Json.object(seedream, "seedream-4-0-250828"));
        model.put("max_images", 2);
        seedream.put("seedream-4-0-250828", model);
        table.put("seedream", seedream);
        mma.stores.config().publish(ConfigKeys.PROVIDER_MODELS, table, "test", mma.clock.now());
        String inspiration = upload(alice);

        assertThatThrownBy(() -> mma.createStill.submit(new StillRequest(
                        alice,
                        "a teapot",
                        null,
                        null,
                        null,
                        null,
                        List.of(inspiration),
                        Map.of(),
                        null,
                        null,
                        List.of("noir", "pastel"))))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("at most 2 reference images")
                .hasMessageContaining("styles' images (2)");
        assertThat(balance(alice)).isEqualTo(2);
        create(brief(alice, "a teapot", "noir", "pastel"));
        assertThat(balance(alice)).as("two style images alone fit").isEqualTo(1);
    }

    @Test
    void aUsersOwnStyleIsMadeOfTheirUploadsAndReachesTheModel() {
        grant(alice, 1);
        String a = upload(alice);
        String b = upload(alice);
        UserStyle mine = mma.styles.save(alice, "My linen look", List.of(a, b));

        assertThat(mma.styles.mine(alice)).containsExactly(mine);
        create(brief(alice, "a teapot", mine.id()));
        mma.runQueued();

        assertThat(lastJob().references()).extracting(ImageRef::url).containsExactly(a, b);
        assertThat(lastJob().settings()).containsEntry("reference_roles", List.of("style", "style"));
    }

    @Test
    void anotherUsersStyleOrUploadIsNeitherUsableNorDeletable() {
        grant(alice, 1);
        grant(bob, 1);
        UserStyle bobs = mma.styles.save(bob, "Bob's", List.of(upload(bob)));

        assertThatThrownBy(() -> mma.createStill.submit(brief(alice, "a teapot", bobs.id())))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> mma.styles.delete(alice, bobs.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> mma.styles.save(
                        alice, "stolen", List.of(bobs.referenceUrls().get(0))))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("images you uploaded");
        assertThat(mma.styles.mine(bob)).containsExactly(bobs);
        assertThat(mma.styles.mine(alice)).isEmpty();
        assertThat(balance(alice)).isEqualTo(1);
    }

    @Test
    void aDeletedStyleCanNoLongerBeChosen() {
        grant(alice, 1);
        UserStyle mine = mma.styles.save(alice, "Mine", List.of(upload(alice)));
        mma.styles.delete(alice, mine.id());

        assertThat(mma.styles.mine(alice)).isEmpty();
        assertThatThrownBy(() -> mma.createStill.submit(brief(alice, "a teapot", mine.id())))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> mma.styles.delete(alice, mine.id())).isInstanceOf(NotFound.class);
    }

    @Test
    void strengthIsRefusedBecauseNoConfiguredModelHasAStyleStrengthInput() {
        assertThatThrownBy(() -> new StillRequest(
                        alice, "a teapot", null, null, null, null, List.of(), Map.of("strength", 0.5), null, null))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("strength is not supported");
    }

    @Test
    void presetsShowTheirImagesAsStoreUrls() {
        assertThat(mma.styles.presets()).extracting(PresetStyle::id).containsExactly("noir", "pastel", "sunset");
        assertThat(mma.styles.presets().get(0).heroUrl()).isEqualTo(mma.assets.publicUrl(key("styles/noir.png")));
    }

    private static me.minav3.mma.assets.AssetKey key(String value) {
        return new me.minav3.mma.assets.AssetKey(value);
    }
}
