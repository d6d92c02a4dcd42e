package me.minav3.mma.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import org.junit.jupiter.api.Test;

class ErrorReportTest {

    private final InMemoryMega mega = new InMemoryMega();
    private final MutableClock clock = new MutableClock();
    private final PassId ann = PassId.user("ann");

    private GenerationId failed(String provider, String kind, long cost, boolean refund, Instant at) {
        GenerationId id = GenerationId.parse(UUID.randomUUID().toString());
        mega.create(new NewGeneration(
                id,
                ann,
                null,
                null,
                MmaMode.STILL,
                GenerationDocumentCodec.decode(Json.obj()),
                Json.obj("cost", cost),
                Matcha.of(cost),
                at,
                new MmaEvent(UUID.randomUUID().toString(), ann, EventType.CREATE, id, "x", Json.obj(), at)));
        StepRecord step = new StepRecord(
                id,
                1,
                "seedream_generate",
                Json.obj(
                        "input",
                        Json.obj(),
                        "output",
                        Json.obj(),
                        "timing",
                        Json.obj(),
                        "error",
                        Json.obj("provider", provider, "kind", kind, "message", "no")),
                at);
        mega.fail(
                id,
                null,
                step,
                "The image service did not answer",
                GenerationDocumentCodec.decode(Json.obj()),
                refund && cost > 0 ? CreditEntry.refund(ann, id, Matcha.of(cost), "failed", at) : null,
                at);
        return id;
    }

    @Test
    void failuresAreGroupedByProviderAndKindWithTheRefundsTheLedgerHolds() {
        mega.post(new CreditEntry(
                CreditTxId.grant("seed"),
                ann,
                100,
                CreditReason.GRANT,
                "test",
                null,
                null,
                null,
                null,
                clock.now(),
                Json.obj()));
        Instant now = clock.now();
        failed("seedream", "timeout", 2, true, now.minusSeconds(60));
        failed("seedream", "timeout", 3, true, now.minusSeconds(30));
        failed("seedream", "timeout", 1, false, now.minusSeconds(20));
        failed("kling", "rate_limited", 5, true, now.minusSeconds(10));
        failed("seedream", "timeout", 2, true, now.minus(Duration.ofDays(2)));

        var day = new ErrorReport(mega, mega, clock).of(ErrorReport.Window.DAY);
        var week = new ErrorReport(mega, mega, clock).of(ErrorReport.Window.WEEK);

        assertThat(day.failed()).isEqualTo(4);
        assertThat(day.groups()).hasSize(2);
        assertThat(day.groups().get(0)).satisfies(g -> {
            assertThat(g.provider()).isEqualTo("seedream");
            assertThat(g.kind()).isEqualTo("timeout");
            assertThat(g.failed()).isEqualTo(3);
            assertThat(g.refunds()).isEqualTo(2);
            assertThat(g.refunded()).isEqualTo(5);
        });
        assertThat(day.groups().get(1)).satisfies(g -> {
            assertThat(g.provider()).isEqualTo("kling");
            assertThat(g.refunded()).isEqualTo(5);
        });
        assertThat(week.failed()).isEqualTo(5);
        assertThatThrownBy(() -> ErrorReport.Window.fromWire("1y")).isInstanceOf(InvalidInput.class);
        assertThat(ErrorReport.Window.fromWire(null)).isEqualTo(ErrorReport.Window.DAY);
    }
}
