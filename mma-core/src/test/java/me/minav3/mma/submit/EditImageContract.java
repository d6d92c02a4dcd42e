package me.minav3.mma.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.engine.LiveEvent;
import me.minav3.mma.error.Conflict;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationInputs;
import me.minav3.mma.generation.GenerationKind;
import me.minav3.mma.generation.GenerationQuery;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.providers.EditTool;
import me.minav3.mma.testing.InMemoryAssetStore;
import me.minav3.mma.testing.MegaContract;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.PipelineFixture;
import me.minav3.mma.testing.ScriptedEditor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link EditImage} and its pipeline stage on the MEGA stores (in-memory and PostgreSQL): a tool run is a still
 * of its own whose parent is the edited still, paid by a share of the edit-tool pool; a refused request writes and
 * draws nothing; a request id makes one run; a failed run gives its share back once; an SVG is stored only as the
 * sanitiser rebuilt it.
 */
public abstract class EditImageContract extends MegaContract {

    private static final long UNIT = 2520;

    private PipelineFixture mma;

    @BeforeAll
    void pipeline() {
        mma = new PipelineFixture(stores, new InMemoryAssetStore(), new MutableClock());
    }

    @Test
    void anEraserRunIsAStillOfItsOwnMadeFromTheParentAndTheMask() throws IOException {
        PassId alice = customer(3);
        Generation parent = finishedStill(alice);
        String mask = maskOf(alice, 8, 8, 2, 2, 4, 4);

        Generation run = created(mma.editImage.submit(request(alice, parent, "eraser", mask, null, null, null)));

        assertThat(run.kind()).isEqualTo(GenerationKind.EDIT);
        assertThat(run.parentId()).isEqualTo(parent.id());
        assertThat(balance(alice)).isEqualTo(1); // 1 for the still, 1 moved into the pool
        assertThat(pool(alice)).isEqualTo(UNIT / 2);
        mma.live.clear();
        mma.runQueued();

        Generation done = mma.reload(run);
        assertThat(done.status()).isEqualTo(MmaStatus.DONE);
        assertThat(done.outputUrl()).endsWith(".png").isNotEqualTo(parent.outputUrl());
        assertThat(((GenerationInputs.Edit) done.document().requireInputs()).maskUrl())
                .isEqualTo(mask);
        BufferedImage source = image(parent.outputUrl());
        BufferedImage result = image(done.outputUrl());
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                boolean inMask = x >= 2 && x < 6 && y >= 2 && y < 6;
                assertThat(result.getRGB(x, y))
                        .as("pixel %d,%d", x, y)
                        .isEqualTo(inMask ? ScriptedEditor.FILL : source.getRGB(x, y));
            }
        }
        StepRecord step = stores.generations().steps(run.id()).getLast();
        assertThat(step.stepType()).isEqualTo("local_edit");
        assertThat(Json.object(step.payload(), "input"))
                .containsEntry("tool", "eraser")
                .containsEntry("source_url", parent.outputUrl())
                .containsEntry("mask_url", mask);
        assertThat(Json.object(step.payload(), "output")).containsEntry("output_url", done.outputUrl());
        assertThat(mma.live.stream()
                        .filter(e -> e.generationId().equals(run.id()) && e.type() == LiveEvent.Type.MESSAGE)
                        .map(LiveEvent::text))
                .contains("Erasing…", "Your image is ready.");
        assertThat(balance(alice)).isEqualTo(ledgerSum(alice));
    }

    @Test
    void everyToolGetsItsOptionsAndItsGeometry() {
        PassId alice = customer(4);
        Generation parent = finishedStill(alice); // 8x8
        String mask = maskOf(alice, 8, 8, 0, 0, 3, 3);

        List<GenerationId> runs = new java.util.ArrayList<>();
        for (var r : List.of(
                request(alice, parent, "inpaint", mask, "a red apple", null, null),
                request(alice, parent, "expand", null, "more linen", "16:9", null),
                request(alice, parent, "remove-background", null, null, null, null),
                request(alice, parent, "upscale", null, null, null, 4))) {
            runs.add(created(mma.editImage.submit(r)).id());
        }
        mma.runQueued();

        var jobs = mma.editor.jobs().stream()
                .filter(j -> runs.contains(j.generationId()))
                .sorted(java.util.Comparator.comparing(j -> runs.indexOf(j.generationId())))
                .toList();
        assertThat(jobs)
                .extracting(j -> j.tool())
                .containsExactly(EditTool.INPAINT, EditTool.EXPAND, EditTool.REMOVE_BACKGROUND, EditTool.UPSCALE);
        assertThat(jobs.get(0).options().prompt()).isEqualTo("a red apple");
        var canvas = jobs.get(1).options().canvas();
        assertThat(List.of(canvas.width(), canvas.height(), canvas.x(), canvas.y()))
                .containsExactly(15, 8, 3, 0);
        assertThat(jobs.get(3).options().scale()).isEqualTo(4);
        // ½ + ½ + ⅕ + 1/10 = 13/10: two matcha moved in, 7/10 left
        assertThat(pool(alice)).isEqualTo(UNIT * 7 / 10);
        assertThat(balance(alice)).isEqualTo(1).isEqualTo(ledgerSum(alice));
        for (Generation g : runsOf(alice)) {
            assertThat(g.status()).as(g.id().mgId()).isEqualTo(MmaStatus.DONE);
        }
    }

    @Test
    void refusedRequestsWriteAndDrawNothing() {
        PassId alice = customer(3);
        Generation parent = finishedStill(alice);
        String mask = maskOf(alice, 8, 8, 2, 2, 4, 4);
        PassId bob = customer(3);
        String bobsMask = maskOf(bob, 8, 8, 2, 2, 4, 4);
        String stillUrl = parent.outputUrl();
        long balance = balance(alice);
        long pool = pool(alice);
        int runs = runsOf(alice).size();

        assertRefused(InvalidInput.class, request(alice, parent, "blur", null, null, null, null));
        assertRefused(InvalidInput.class, request(alice, parent, "eraser", null, null, null, null));
        assertRefused(InvalidInput.class, request(alice, parent, "eraser", bobsMask, null, null, null));
        assertRefused(InvalidInput.class, request(alice, parent, "eraser", stillUrl, null, null, null));
        assertRefused(
                InvalidInput.class, request(alice, parent, "eraser", "https://example.com/mask.png", null, null, null));
        assertRefused(InvalidInput.class, request(alice, parent, "inpaint", mask, null, null, null));
        assertRefused(InvalidInput.class, request(alice, parent, "vectorize", mask, null, null, null));
        assertRefused(InvalidInput.class, request(alice, parent, "expand", null, null, null, null));
        assertRefused(InvalidInput.class, request(alice, parent, "expand", null, null, "1:1", null));
        assertRefused(InvalidInput.class, request(alice, parent, "expand", null, null, "7:3", null));
        assertRefused(InvalidInput.class, request(alice, parent, "upscale", null, null, null, 3));
        assertRefused(InvalidInput.class, request(alice, parent, "upscale", null, null, null, null));
        assertRefused(InvalidInput.class, request(alice, parent, "remove-background", null, "a cat", null, null));
        assertRefused(NotFound.class, request(bob, parent, "eraser", bobsMask, null, null, null));
        assertRefused(
                NotFound.class,
                new EditImage.Request(
                        alice,
                        new GenerationId(UUID.randomUUID().toString()),
                        "eraser",
                        null,
                        null,
                        mask,
                        null,
                        null,
                        null));

        assertThat(balance(alice)).isEqualTo(balance);
        assertThat(pool(alice)).isEqualTo(pool);
        assertThat(runsOf(alice)).hasSize(runs);
        assertThat(pool(bob)).isZero();
    }

    @Test
    void anUnfinishedStillOrAVideoCannotBeEdited() {
        PassId alice = customer(3);
        Generation queued = created(mma.createStill.submit(still(alice)));

        assertRefused(Conflict.class, request(alice, queued, "remove-background", null, null, null, null));
        mma.runQueued();
    }

    @Test
    void theSameRequestIdIsTheSameRunAndDrawsOnce() {
        PassId alice = customer(2);
        Generation parent = finishedStill(alice);
        var once = new EditImage.Request(
                alice, parent.id(), "upscale", new RequestId("edit-1"), null, null, null, null, 2);

        Generation first = created(mma.editImage.submit(once));
        CreateOutcome again = mma.editImage.submit(once);

        assertThat(again).isInstanceOf(CreateOutcome.AlreadyExists.class);
        assertThat(((CreateOutcome.AlreadyExists) again).generation().id()).isEqualTo(first.id());
        assertThat(balance(alice)).isZero();
        assertThat(pool(alice)).isEqualTo(UNIT - UNIT / 10);
        assertThat(runsOf(alice)).hasSize(1);
        assertThat(balance(alice)).isEqualTo(ledgerSum(alice));
    }

    @Test
    void aRunTheBalanceCannotPayIsRefused() {
        PassId alice = customer(1);
        Generation parent = finishedStill(alice); // the last matcha

        CreateOutcome outcome =
                mma.editImage.submit(request(alice, parent, "remove-background", null, null, null, null));

        assertThat(outcome).isInstanceOf(CreateOutcome.InsufficientMatcha.class);
        assertThat(runsOf(alice)).isEmpty();
        assertThat(pool(alice)).isZero();
        assertThat(balance(alice)).isZero().isEqualTo(ledgerSum(alice));
    }

    @Test
    void expiredMatchaCannotDrawEvenAPoolThatHoldsTheShare() {
        PassId alice = customer(3);
        Generation parent = finishedStill(alice);
        created(mma.editImage.submit(request(alice, parent, "vectorize", null, null, null, null)));
        long balance = balance(alice);
        java.time.Instant now = mma.clock.now();
        mma.clock.advance(java.time.Duration.ofDays(31));
        try {
            CreateOutcome outcome = mma.editImage.submit(request(alice, parent, "vectorize", null, null, null, null));

            assertThat(outcome).isInstanceOf(CreateOutcome.Expired.class);
            assertThat(pool(alice)).isEqualTo(UNIT / 2);
            assertThat(runsOf(alice)).hasSize(1);
            assertThat(balance(alice)).isEqualTo(balance).isEqualTo(ledgerSum(alice));
        } finally {
            mma.clock.set(now);
        }
        mma.runQueued();
    }

    @Test
    void aFailedRunGivesItsShareBackOnce() {
        PassId alice = customer(2);
        Generation parent = finishedStill(alice);
        Generation run = created(mma.editImage.submit(request(alice, parent, "vectorize", null, null, null, null)));
        mma.editor.failNext(1);

        mma.runQueued();
        mma.runQueued();

        Generation failed = mma.reload(run);
        assertThat(failed.status()).isEqualTo(MmaStatus.ERROR);
        assertThat(failed.outputUrl()).isNull();
        assertThat(pool(alice)).isEqualTo(UNIT); // the matcha moved in stays in the pool, the share came back
        assertThat(balance(alice)).isZero().isEqualTo(ledgerSum(alice));
        assertThat(stores.credits().poolDrifts()).noneMatch(d -> d.passId().equals(alice));
    }

    @Test
    void aVectorizedResultIsStoredOnlyAsTheSanitiserRebuiltIt() {
        PassId alice = customer(2);
        Generation parent = finishedStill(alice);
        byte[] hostile = me.minav3.mma.testing.SampleMedia.svgWithScript();
        mma.editor.vectorizeTo(hostile);
        mma.sanitised.clear();
        Generation run = created(mma.editImage.submit(request(alice, parent, "vectorize", null, null, null, null)));

        mma.runQueued();
        mma.editor.vectorizeTo(me.minav3.mma.testing.PipelineFixture.CLEAN_SVG);

        Generation done = mma.reload(run);
        assertThat(done.status()).isEqualTo(MmaStatus.DONE);
        assertThat(done.outputUrl()).endsWith(".svg");
        assertThat(done.document().outputs().contentType()).isEqualTo("image/svg+xml");
        assertThat(mma.sanitised).containsExactly(hostile);
        assertThat(mma.assets.read(mma.assets.keyOf(done.outputUrl()).orElseThrow()))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(PipelineFixture.CLEAN_SVG));
        // an SVG is not edited again
        assertRefused(Conflict.class, request(alice, done, "upscale", null, null, null, 2));
    }

    @Test
    void anEditResultIsNotTweakedAndTheRefusalWritesNothing() {
        PassId alice = customer(3);
        Generation parent = finishedStill(alice);
        Generation run = created(mma.editImage.submit(request(alice, parent, "upscale", null, null, null, 2)));
        mma.runQueued();
        assertThat(mma.reload(run).status()).isEqualTo(MmaStatus.DONE);
        long balance = balance(alice);
        int generations =
                stores.generations().search(GenerationQuery.of(alice, 100)).size();

        assertThatThrownBy(() -> mma.tweakStill.submit(
                        new TweakStill.Request(alice, run.id(), "warmer", new RequestId("tweak-edit"), null)))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("edited image");

        assertThat(balance(alice)).isEqualTo(balance).isEqualTo(ledgerSum(alice));
        assertThat(stores.generations().search(GenerationQuery.of(alice, 100))).hasSize(generations);
        // the still it was made from is tweaked as before
        assertThat(mma.tweakStill.submit(
                        new TweakStill.Request(alice, parent.id(), "warmer", new RequestId("tweak-source"), null)))
                .isInstanceOf(CreateOutcome.Created.class);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private void assertRefused(Class<? extends Throwable> type, EditImage.Request request) {
        Executable submit = () -> mma.editImage.submit(request);
        assertThatThrownBy(submit::execute).as(request.tool() + " " + request).isInstanceOf(type);
    }

    private static EditImage.Request request(
            PassId who, Generation parent, String tool, String maskUrl, String prompt, String aspect, Integer scale) {
        return new EditImage.Request(who, parent.id(), tool, null, null, maskUrl, prompt, aspect, scale);
    }

    private PassId customer(long matcha) {
        PassId passId = PassId.user("e-" + UUID.randomUUID().toString().substring(0, 13));
        stores.credits()
                .post(new CreditEntry(
                        CreditTxId.grant(UUID.randomUUID().toString()),
                        passId,
                        matcha,
                        CreditReason.GRANT,
                        "test",
                        null,
                        null,
                        null,
                        mma.clock.now().plus(java.time.Duration.ofDays(30)),
                        mma.clock.now(),
                        Json.obj()));
        return passId;
    }

    private static StillRequest still(PassId who) {
        return new StillRequest(
                who, "a pear on linen", null, AspectRatio.SQUARE, null, null, List.of(), Map.of(), null, null);
    }

    private Generation finishedStill(PassId who) {
        Generation queued = created(mma.createStill.submit(still(who)));
        mma.runQueued();
        Generation done = mma.reload(queued);
        assertThat(done.status()).isEqualTo(MmaStatus.DONE);
        return done;
    }

    private static Generation created(CreateOutcome outcome) {
        assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
        return ((CreateOutcome.Created) outcome).generation();
    }

    /** A black PNG of {@code w}x{@code h} with a white rectangle: the area to edit. */
    private String maskOf(PassId who, int w, int h, int x, int y, int mw, int mh) {
        BufferedImage mask = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(x, y, mw, mh);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(mask, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return mma.media.upload(who, AssetKind.INSPIRATION, out.toByteArray()).url();
    }

    private BufferedImage image(String url) throws IOException {
        byte[] bytes = mma.assets.read(mma.assets.keyOf(url).orElseThrow()).orElseThrow();
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    private List<Generation> runsOf(PassId who) {
        return stores.generations().search(GenerationQuery.of(who, 100)).stream()
                .filter(g -> g.kind() == GenerationKind.EDIT)
                .toList();
    }

    private long balance(PassId who) {
        return stores.customers().find(who).map(c -> c.credits()).orElse(0L);
    }

    private long pool(PassId who) {
        return stores.credits().toolPool(who);
    }

    private long ledgerSum(PassId who) {
        return stores.credits().history(who, 1000).stream()
                .mapToLong(CreditTransaction::delta)
                .sum();
    }
}
