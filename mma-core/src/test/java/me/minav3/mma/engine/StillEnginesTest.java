package me.minav3.mma.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.submit.RequestId;
import me.minav3.mma.submit.StillRequest;
import me.minav3.mma.submit.TweakStill;
import me.minav3.mma.testing.PipelineFixture;
import org.junit.jupiter.api.Test;

/** Issue 22: a still engine chosen per request — its price, its provider, its prompt, and "switch to main". */
class StillEnginesTest {

    private final PipelineFixture mma = new PipelineFixture();
    private final PassId alice = PassId.user("alice");

    private void grant(long amount) {
        mma.stores
                .credits()
                .post(new CreditEntry(
                        CreditTxId.grant("alice-" + amount),
                        alice,
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

    private StillRequest onEngine(String brief, String engine) {
        return new StillRequest(alice, brief, null, AspectRatio.SQUARE, null, null, List.of(), Map.of(), null, null)
                .withEngine(engine);
    }

    private long balance() {
        return mma.stores.customers().find(alice).map(c -> c.credits()).orElse(0L);
    }

    private Generation created(CreateOutcome outcome) {
        assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
        return ((CreateOutcome.Created) outcome).generation();
    }

    @Test
    void aNicheStillChargesItsOwnPriceAndIsWrittenAndMadeForTheNicheEngine() {
        grant(5);
        Generation queued = created(mma.createStill.submit(onEngine("a pear on linen", "niche")));
        assertThat(balance()).isEqualTo(3);

        mma.runQueued();

        Generation done = mma.reload(queued);
        assertThat(done.status()).isEqualTo(MmaStatus.DONE);
        assertThat(mma.nicheImages.jobs()).hasSize(1);
        assertThat(mma.images.jobs()).isEmpty();
        assertThat(done.provider()).isEqualTo("local_niche");
        assertThat(done.section("settings")).containsEntry("engine", "niche");
        StepRecord reader = mma.stores.generations().steps(done.id()).stream()
                .filter(s -> s.stepType().equals("gpt_reader"))
                .findFirst()
                .orElseThrow();
        assertThat(reader.input()).containsEntry("ctx_key", "mma.ctx.gpt_reader_niche");
        assertThat(done.prompt()).startsWith("A photograph of");
        assertThat(balance()).isEqualTo(3);
    }

    @Test
    void aStillWithoutAnEngineRunsOnMainAtTheOldPriceAndStoresNoEngine() {
        grant(5);
        Generation queued = created(mma.createStill.submit(onEngine("a pear", null)));
        assertThat(balance()).isEqualTo(4);
        mma.runQueued();
        Generation done = mma.reload(queued);
        assertThat(done.provider()).isEqualTo("local");
        assertThat(done.section("settings")).doesNotContainKey("engine");
        assertThat(mma.nicheImages.jobs()).isEmpty();
    }

    @Test
    void aNicheRefusalOffersTheMainEngineTheBalanceStillCoversAndWritesNothing() {
        grant(1);
        CreateOutcome outcome = mma.createStill.submit(onEngine("a pear", "niche"));

        assertThat(outcome)
                .isEqualTo(
                        new CreateOutcome.InsufficientMatcha(1, 2, new CreateOutcome.EngineOffer("main", "Main", 1)));
        assertThat(balance()).isEqualTo(1);
        assertThat(mma.runQueued()).isEmpty();
    }

    @Test
    void noOfferWhenTheBalanceCoversNoEngine() {
        grant(1);
        created(mma.createStill.submit(onEngine("first", "main")));
        assertThat(mma.createStill.submit(onEngine("a pear", "niche")))
                .isEqualTo(new CreateOutcome.InsufficientMatcha(0, 2, null));
        assertThat(mma.createStill.submit(onEngine("a pear", "main")))
                .isEqualTo(new CreateOutcome.InsufficientMatcha(0, 1, null));
    }

    @Test
    void aFailingNicheStillRefundsItsWholePriceExactlyOnce() {
        grant(2);
        mma.nicheImages.failNext(1);
        Generation queued = created(mma.createStill.submit(onEngine("a vase", "niche")));
        assertThat(balance()).isZero();

        mma.runQueued();
        mma.runQueued();

        Generation failed = mma.reload(queued);
        assertThat(failed.status()).isEqualTo(MmaStatus.ERROR);
        assertThat(balance()).isEqualTo(2);
        assertThat(mma.stores.credits().history(alice, 10))
                .extracting(CreditTransaction::id)
                .containsOnlyOnce(CreditTxId.refund(failed.id()));
    }

    @Test
    void anUnknownEngineIsRefusedBeforeAnythingIsCharged() {
        grant(5);
        assertThatThrownBy(() -> mma.createStill.submit(onEngine("a pear", "turbo")))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("unknown engine 'turbo' (known: main, niche)");
        assertThatThrownBy(() -> onEngine("a pear", "Main!"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("engine");
        assertThat(balance()).isEqualTo(5);
        assertThat(mma.runQueued()).isEmpty();
    }

    @Test
    void aTweakKeepsItsParentsEngineAndPriceUnlessItChoosesAnother() {
        grant(10);
        Generation parent = created(mma.createStill.submit(onEngine("a pear", "niche")));
        mma.runQueued();
        assertThat(balance()).isEqualTo(8);

        Generation same = created(
                mma.tweakStill.submit(new TweakStill.Request(alice, parent.id(), "warmer", new RequestId("t1"), null)));
        assertThat(balance()).isEqualTo(6);
        Generation main = created(mma.tweakStill.submit(
                new TweakStill.Request(alice, parent.id(), "cooler", new RequestId("t2"), null, "main")));
        assertThat(balance()).isEqualTo(5);
        mma.runQueued();

        assertThat(mma.reload(same).provider()).isEqualTo("local_niche");
        assertThat(mma.reload(main).provider()).isEqualTo("local");
        assertThat(mma.reload(main).section("settings")).containsEntry("engine", "main");
    }

    @Test
    void concurrentNicheStillsNeverSpendMoreThanTheBalanceAndTheRestAreOfferedMain() throws Exception {
        grant(5);
        int callers = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<CreateOutcome>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            String brief = "pear " + i;
            calls.add(() -> {
                start.await();
                return mma.createStill.submit(onEngine(brief, "niche"));
            });
        }
        List<CreateOutcome> outcomes = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(callers)) {
            List<Future<CreateOutcome>> futures =
                    calls.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<CreateOutcome> f : futures) {
                outcomes.add(f.get());
            }
        }
        assertThat(outcomes).filteredOn(o -> o instanceof CreateOutcome.Created).hasSize(2);
        assertThat(outcomes)
                .filteredOn(o -> o instanceof CreateOutcome.InsufficientMatcha)
                .hasSize(4)
                .allSatisfy(o -> assertThat(((CreateOutcome.InsufficientMatcha) o).offer())
                        .isEqualTo(new CreateOutcome.EngineOffer("main", "Main", 1)));
        assertThat(balance()).isEqualTo(1);
        long ledger = mma.stores.credits().history(alice, 50).stream()
                .mapToLong(CreditTransaction::delta)
                .sum();
        assertThat(ledger).isEqualTo(balance());
    }
}
