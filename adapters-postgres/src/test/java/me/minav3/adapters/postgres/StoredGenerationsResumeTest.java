package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.testing.InMemoryAssetStore;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.PipelineFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rows written by the release before the typed generation document still load, resume and finish. */
class StoredGenerationsResumeTest {

    /** Well after every captured lease ran out (the captures run at 2026-11-25T10:00Z with two-minute leases). */
    private static final Instant LATER = Instant.parse("2026-11-25T11:00:00Z");

    static Stream<Arguments> unfinished() {
        return StoredGenerations.SCENARIOS.stream()
                .flatMap(scenario -> Stream.of("queued", "half-done").map(state -> Arguments.of(scenario, state)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unfinished")
    void aStoredUnfinishedGenerationFinishesWithTheVarsOfOneThatFinishedBefore(String scenario, String state) {
        var capture = StoredGenerations.load(scenario, state);
        var finished = StoredGenerations.load(scenario, "done");
        DatabaseUrl url = TestDatabase.freshUrl();
        capture.insertInto(url);
        try (MegaDatabase db = MegaDatabase.open(url, 4)) {
            PipelineFixture mma =
                    new PipelineFixture(PostgresStores.of(db), new InMemoryAssetStore(), new MutableClock(LATER));

            mma.runQueued();

            Generation done =
                    db.generations().find(GenerationId.parse(capture.target())).orElseThrow();
            assertThat(done.status()).isEqualTo(MmaStatus.DONE);
            assertThat(done.outputUrl()).isNotNull();
            assertThat(done.prompt()).isNotBlank();
            assertThat(StoredGenerations.shape(varsOf(url, capture.target())))
                    .isEqualTo(StoredGenerations.shape(finished.targetVars()));
        }
    }

    /** The stored vars as the database has them (read back as plain JSON, not through the core's types). */
    private static Object varsOf(DatabaseUrl url, String mgId) {
        try (var c = url.connect();
                var query =
                        c.prepareStatement("SELECT mg_mma_vars::text FROM public.mega_generations WHERE mg_id = ?")) {
            query.setString(1, mgId);
            try (var rs = query.executeQuery()) {
                rs.next();
                return new ObjectMapper().readValue(rs.getString(1), Map.class);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
