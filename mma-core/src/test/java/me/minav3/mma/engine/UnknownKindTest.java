package me.minav3.mma.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.error.ConfigurationError;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationDocumentCodec;
import me.minav3.mma.generation.GenerationQuery;
import me.minav3.mma.generation.NewGeneration;
import me.minav3.mma.testing.PipelineFixture;
import org.junit.jupiter.api.Test;

/** A generation of a kind this release does not know is listed like any other and refused only when planned. */
class UnknownKindTest {

    private final PipelineFixture mma = new PipelineFixture();
    private final PassId ann = PassId.user("ann");

    @Test
    void itIsListedAndClaimedButItsPlanIsRefused() {
        mma.stores
                .credits()
                .post(new CreditEntry(
                        CreditTxId.grant("ann"),
                        ann,
                        1,
                        CreditReason.GRANT,
                        "test",
                        null,
                        null,
                        null,
                        null,
                        mma.clock.now(),
                        Json.obj()));
        GenerationId id = new GenerationId("0195f0c2-0000-7000-8000-000000000001");
        var created = mma.stores
                .queue()
                .create(new NewGeneration(
                        id,
                        ann,
                        null,
                        null,
                        MmaMode.STILL,
                        GenerationDocumentCodec.decode(Json.obj("kind", "remix", "inputs", Json.obj("brief", "a cup"))),
                        Json.obj("cost", 1),
                        Matcha.of(1),
                        mma.clock.now(),
                        null));
        assertThat(created).isInstanceOf(CreateOutcome.Created.class);

        List<Generation> page =
                mma.stores.generations().search(new GenerationQuery(ann, null, null, false, null, null, null, 10));
        Generation claimed = mma.stores
                .queue()
                .claimNext("w1", mma.clock.now(), Duration.ofMinutes(2))
                .orElseThrow();

        assertThat(page).extracting(Generation::id).containsExactly(id);
        assertThat(claimed.id()).isEqualTo(id);
        assertThatThrownBy(() -> PipelinePlan.of(claimed, mma.services))
                .isInstanceOf(ConfigurationError.class)
                .hasMessage("unknown generation kind 'remix' in " + id.mgId());
    }
}
