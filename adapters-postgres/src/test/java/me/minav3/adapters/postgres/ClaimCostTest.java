package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationQueue;
import me.minav3.mma.testing.InMemoryAssetStore;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.PipelineFixture;
import org.junit.jupiter.api.Test;

/**
 * A claim reads the claimable rows, not every generation in flight (issue 21, session 36): with 300 running under a
 * live lease and three new ones queued, the claim's index scans visit a handful of rows. Before migration V9 the queue
 * index was ordered by creation time only, so every claim walked past all running rows to reach the new ones.
 *
 * <p>The plans are read on a table autovacuum leaves alone ({@link Plans#quiet}), so the planner sees the same (no)
 * statistics in every run. A few hundred rows are a small table: statistics taken at some moment of the set-up (a CI
 * run's autoanalyze came while the first few dozen jobs were queued) made the planner read the whole table instead of
 * its indexes, which it never does on a table of production's size. The test is about what the index lets a claim
 * read, not about a planner's choice on a toy table.
 */
class ClaimCostTest {

    private static final int RUNNING = 300;

    @Test
    void aClaimVisitsTheClaimableRowsNotEveryRunningOne() throws Exception {
        MegaDatabase db = Plans.quiet(TestDatabase.fresh());
        PipelineFixture mma = new PipelineFixture(PostgresStores.of(db), new InMemoryAssetStore(), new MutableClock());
        GenerationQueue queue = db.generationQueue();
        PassId alice = PostgresPipelineTest.customer(mma, "alice", RUNNING + 10);
        for (int i = 0; i < RUNNING; i++) {
            PostgresPipelineTest.submit(mma, alice, "running " + i);
        }
        Instant now = mma.clock.now();
        assertThat(queue.claimUpTo("busy", now, Duration.ofHours(1), RUNNING)).hasSize(RUNNING);
        List<GenerationId> fresh = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mma.clock.advance(Duration.ofSeconds(1));
            fresh.add(PostgresPipelineTest.submit(mma, alice, "fresh " + i).id());
        }

        JsonNode plan = explainClaim(db, mma.clock.now(), 32);
        assertThat(Plans.rowsVisited(plan))
                .as("rows the claim's scans visited, with %d running: %s", RUNNING, plan)
                .isLessThan(20);

        // The claim itself: the three new ones, oldest first; none of the running ones.
        assertThat(queue.claimUpTo("idle", mma.clock.now(), Duration.ofMinutes(1), 32))
                .extracting(Generation::id)
                .containsExactlyElementsOf(fresh);
        assertThat(queue.claimUpTo("idle", mma.clock.now(), Duration.ofMinutes(1), 32))
                .isEmpty();

        // A lease that expired is claimable again, oldest first, up to the claim's size.
        mma.clock.advance(Duration.ofHours(2));
        List<Generation> recovered = queue.claimUpTo("rescuer", mma.clock.now(), Duration.ofMinutes(1), 32);
        assertThat(recovered).hasSize(32);
        assertThat(recovered).extracting(Generation::createdAt).isSorted();
        assertThat(recovered).extracting(Generation::attempts).containsOnly(2);
    }

    @Test
    void aBacklogIsReadOnlyAsFarAsTheClaimTakes() throws Exception {
        MegaDatabase db = Plans.quiet(TestDatabase.fresh());
        PipelineFixture mma = new PipelineFixture(PostgresStores.of(db), new InMemoryAssetStore(), new MutableClock());
        PassId bob = PostgresPipelineTest.customer(mma, "bob", RUNNING);
        List<GenerationId> queued = new ArrayList<>();
        for (int i = 0; i < RUNNING; i++) {
            mma.clock.advance(Duration.ofMillis(10));
            queued.add(PostgresPipelineTest.submit(mma, bob, "queued " + i).id());
        }
        JsonNode plan = explainClaim(db, mma.clock.now(), 32);
        assertThat(Plans.rowsVisited(plan))
                .as("rows the claim's scans visited, with %d queued: %s", RUNNING, plan)
                .isLessThan(3 * 32);
        assertThat(db.generationQueue().claimUpTo("w", mma.clock.now(), Duration.ofMinutes(1), 32))
                .extracting(Generation::id)
                .containsExactlyElementsOf(queued.subList(0, 32));
    }

    /** EXPLAIN ANALYZE of the claim as {@link LeaseWrites} runs it, in a transaction rolled back. */
    private static JsonNode explainClaim(MegaDatabase db, Instant now, int max) throws Exception {
        return Plans.explain(
                db,
                LeaseWrites.CLAIM_UP_TO_SQL,
                claim -> claim.text("worker", "explainer")
                        .instant("until", now.plus(Duration.ofMinutes(1)))
                        .instant("now", now)
                        .integer("max", max));
    }
}
