package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.PassId;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.testing.InMemoryAssetStore;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.PipelineFixture;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A job's writes by id read its one row, whatever the statistics say about the queue (issue 21, session 39). When
 * MEGA_GENERATIONS was last analyzed while nothing was in flight (a quiet hour, a fresh database), its statistics give
 * the queue index no rows. The per-id writes stated the queue index's whole predicate (record type and unfinished), so
 * the planner could read them through it, and scanning an index it believes empty costs the same as the primary key's
 * one row: it chose the queue index, and every lease renewal, progress and step write then read every job in flight
 * (in the P3 harness: about 7 ms per write with 2,000 in flight, until the next autoanalyze). This sets up exactly that
 * (statistics taken with an empty queue, then {@value #RUNNING} jobs running) and reads the plan of each write.
 */
class JobWriteCostTest {

    private static final int RUNNING = 300;

    /**
     * {@code finished}: generations done before the statistics were taken; none is a fresh database, whose statistics
     * give every generation index no rows.
     */
    @ParameterizedTest(name = "{0} generations finished before the statistics")
    @ValueSource(ints = {0, 20})
    void everyWriteByIdReadsOneRowWhenTheStatisticsSayTheQueueIsEmpty(int finished) throws Exception {
        MegaDatabase db = Plans.quiet(TestDatabase.fresh());
        PipelineFixture mma = new PipelineFixture(PostgresStores.of(db), new InMemoryAssetStore(), new MutableClock());
        PassId alice = PostgresPipelineTest.customer(mma, "alice", RUNNING + 20);
        for (int i = 0; i < finished; i++) {
            PostgresPipelineTest.submit(mma, alice, "finished " + i);
        }
        mma.runQueued();
        db.jdbi().useHandle(h -> h.execute("VACUUM ANALYZE public.mega_generations"));
        for (int i = 0; i < RUNNING; i++) {
            PostgresPipelineTest.submit(mma, alice, "running " + i);
        }
        Instant now = mma.clock.now();
        List<Generation> running = db.generationQueue().claimUpTo("busy", now, Duration.ofHours(1), RUNNING);
        assertThat(running).hasSize(RUNNING);
        String id = running.get(RUNNING / 2).id().mgId();
        Map<String, Object> payload = new LinkedHashMap<>();
        for (String key : new String[] {"input", "output", "timing", "error"}) {
            payload.put(key, null);
        }
        StepRecord step = new StepRecord(running.get(RUNNING / 2).id(), 9, "explained", payload, now);
        // what the lease owner's progress and a failure both bind
        Plans.Binder owned =
                w -> w.text("id", id).text("worker", "busy").text("vars", "{}").instant("at", now);
        Plans.Binder stepRow = w -> w.text("generation", id)
                .text("worker", "busy")
                .text("vars", "{}")
                .instant("at", now)
                .text("step_id", step.mgId())
                .integer("no", step.stepNo())
                .text("type", step.stepType())
                .text("step_status", "ok")
                .text("payload", "{\"input\": {}, \"output\": {}, \"timing\": {}, \"error\": null}")
                .number("duration", 1L)
                .instant("step_at", now);
        Map<String, Write> writes = new LinkedHashMap<>();
        writes.put(
                "claim by id",
                new Write(
                        LeaseWrites.CLAIM_SQL,
                        w -> w.text("id", id)
                                .text("worker", "other")
                                .instant("until", now.plus(Duration.ofMinutes(1)))
                                .instant("now", now)));
        writes.put(
                "renew",
                new Write(
                        LeaseWrites.RENEW_SQL,
                        w -> w.text("id", id).text("worker", "busy").instant("until", now.plus(Duration.ofHours(2)))));
        writes.put(
                "release",
                new Write(LeaseWrites.RELEASE_SQL, w -> w.text("id", id).text("worker", "busy")));
        writes.put("progress", new Write(LeaseWrites.PROGRESS_SQL, w -> {
            owned.bind(w);
            w.text("status", "prompting");
        }));
        writes.put("record a step", new Write(LeaseWrites.RECORD_STEP_SQL, w -> {
            stepRow.bind(w);
            w.text("status", "generating");
        }));
        writes.put("record the last step", new Write(LeaseWrites.RECORD_LAST_STEP_SQL, w -> {
            stepRow.bind(w);
            w.text("url", "https://assets.example.com/x.png")
                    .text("key", "x.png")
                    .text("prompt", "p")
                    .text("provider", "seedream")
                    .text("model", "m")
                    .number("latency", 1L);
        }));
        writes.put("fail", new Write(JdbiGenerations.FAIL_SQL, w -> {
            owned.bind(w);
            w.text("error", "explained");
        }));

        SoftAssertions each = new SoftAssertions();
        for (var write : writes.entrySet()) {
            JsonNode plan =
                    Plans.explain(db, write.getValue().sql(), write.getValue().binder());
            each.assertThat(Plans.rowsVisited(plan))
                    .as("rows '%s' visited with %d jobs running: %s", write.getKey(), RUNNING, plan)
                    .isLessThanOrEqualTo(1);
        }
        each.assertAll();
    }

    /** A statement and what one EXPLAIN of it binds. */
    private record Write(String sql, Plans.Binder binder) {}
}
