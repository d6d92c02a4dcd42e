package me.minav3.mma.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.studio.SessionInfo;
import me.minav3.mma.testing.PipelineFixture;
import org.junit.jupiter.api.Test;

/** A studio request is made in the caller's latest session, looked up by the use case; others in none. */
class StudioSessionTest {

    private final PipelineFixture mma = new PipelineFixture();
    private final PassId alice = PassId.user("alice");

    private Generation create(StudioSession session) {
        mma.stores
                .credits()
                .post(new CreditEntry(
                        CreditTxId.grant("alice-" + mma.ids.newId()),
                        alice,
                        1,
                        CreditReason.GRANT,
                        "test",
                        null,
                        null,
                        null,
                        null,
                        mma.clock.now(),
                        Json.obj()));
        var outcome = mma.createStill.submit(
                new StillRequest(alice, "a cup", null, null, null, null, List.of(), Map.of(), null, session));
        return ((CreateOutcome.Created) outcome).generation();
    }

    @Test
    void aStudioRequestIsMadeInTheCallersLatestSession() {
        mma.stores.sessions().open(new SessionInfo("session:first", alice, mma.clock.now()));
        mma.clock.advance(java.time.Duration.ofMinutes(1));
        mma.stores.sessions().open(new SessionInfo("session:second", alice, mma.clock.now()));

        assertThat(create(StudioSession.CURRENT).sessionId()).isEqualTo("session:second");
    }

    @Test
    void withoutASessionOrOutsideTheStudioThereIsNone() {
        assertThat(create(StudioSession.CURRENT).sessionId()).isNull();
        mma.stores.sessions().open(new SessionInfo("session:open", alice, mma.clock.now()));
        assertThat(create(StudioSession.NONE).sessionId()).isNull();
        assertThat(create(null).sessionId()).isNull();
        assertThat(create(StudioSession.of("session:given")).sessionId()).isEqualTo("session:given");
    }
}
