package me.minav3.mma.generation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.credits.Credits;
import me.minav3.mma.error.InvalidInput;
import org.jspecify.annotations.Nullable;

/**
 * The console's error list (issue 20): the generations that failed in the last 24 h or 7 days, grouped by the
 * provider and failure kind their failing step recorded, with how many were refunded and how much (read from the
 * ledger's refund rows, not assumed).
 */
public final class ErrorReport {

    /** How far back a report looks. */
    public enum Window {
        DAY("24h", Duration.ofHours(24)),
        WEEK("7d", Duration.ofDays(7));

        private final String wire;
        private final Duration length;

        Window(String wire, Duration length) {
            this.wire = wire;
            this.length = length;
        }

        public String wire() {
            return wire;
        }

        public static Window fromWire(@Nullable String text) {
            for (Window w : values()) {
                if (w.wire.equals(text == null ? "24h" : text)) {
                    return w;
                }
            }
            throw new InvalidInput("window is 24h or 7d");
        }
    }

    /** Failures of one provider and kind. */
    public record Group(
            String provider,
            String kind,
            int failed,
            int refunds,
            long refunded,
            Instant lastAt,
            List<String> recent) {}

    /** The report; {@code truncated} when more failures happened than one report reads. */
    public record Report(Window window, Instant since, int failed, List<Group> groups, boolean truncated) {}

    static final int MOST = 2000;

    private final Generations generations;
    private final Credits credits;
    private final Clock clock;

    public ErrorReport(Generations generations, Credits credits, Clock clock) {
        this.generations = generations;
        this.credits = credits;
        this.clock = clock;
    }

    public Report of(Window window) {
        Instant since = clock.now().minus(window.length);
        List<Generation> failed = new ArrayList<>();
        GenerationQuery.Cursor after = null;
        while (failed.size() < MOST) {
            List<Generation> page = generations.search(new GenerationQuery(
                    null, null, MmaStatus.ERROR, false, since, null, after, GenerationQuery.MAX_LIMIT));
            failed.addAll(page);
            if (page.size() < GenerationQuery.MAX_LIMIT) {
                break;
            }
            Generation last = page.get(page.size() - 1);
            after = new GenerationQuery.Cursor(last.createdAt(), last.id());
        }
        Map<PassId, Map<CreditTxId, CreditTransaction>> ledgers = new HashMap<>();
        Map<List<String>, List<Generation>> byCause = new LinkedHashMap<>();
        for (Generation g : failed) {
            byCause.computeIfAbsent(cause(g), k -> new ArrayList<>()).add(g);
        }
        List<Group> groups = new ArrayList<>();
        byCause.forEach((cause, list) -> {
            int refunds = 0;
            long refunded = 0;
            for (Generation g : list) {
                CreditTransaction refund =
                        ledgers.computeIfAbsent(g.passId(), this::ledger).get(CreditTxId.refund(g.id()));
                if (refund != null) {
                    refunds++;
                    refunded += refund.delta();
                }
            }
            groups.add(new Group(
                    cause.get(0),
                    cause.get(1),
                    list.size(),
                    refunds,
                    refunded,
                    list.get(0).createdAt(),
                    list.stream().limit(5).map(g -> g.id().mgId()).toList()));
        });
        groups.sort((a, b) -> Integer.compare(b.failed(), a.failed()));
        return new Report(window, since, failed.size(), List.copyOf(groups), failed.size() >= MOST);
    }

    private Map<CreditTxId, CreditTransaction> ledger(PassId passId) {
        return credits.history(passId, 1000).stream()
                .collect(Collectors.toMap(CreditTransaction::id, t -> t, (a, b) -> a));
    }

    private List<String> cause(Generation g) {
        FailureCause cause = FailureCause.of(g, generations.steps(g.id()));
        return List.of(cause.provider(), cause.kind());
    }
}
