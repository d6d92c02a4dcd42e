package me.minav3.mma.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditOutcome;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationDocument;
import me.minav3.mma.generation.GenerationDocumentCodec;
import me.minav3.mma.generation.NewGeneration;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.generation.StepUpdate;
import me.minav3.mma.studio.TasteSignal;

/** The generation half of {@link InMemoryMega}; its caller holds the one lock. */
final class InMemoryGenerations {

    private final Map<GenerationId, Generation> generations = new LinkedHashMap<>();
    private final Map<String, StepRecord> steps = new LinkedHashMap<>();
    private final Map<String, MmaEvent> events = new LinkedHashMap<>();
    private final Map<String, me.minav3.mma.studio.SessionInfo> sessions = new LinkedHashMap<>();
    private final Function<CreditEntry, CreditOutcome> post;

    InMemoryGenerations(Function<CreditEntry, CreditOutcome> post) {
        this.post = post;
    }

    CreateOutcome create(NewGeneration g) {
        Generation existing = generations.get(g.id());
        if (existing != null) {
            return new CreateOutcome.AlreadyExists(existing);
        }
        CreditOutcome charge = g.cost().isZero()
                ? new CreditOutcome.Applied(null, 0)
                : post.apply(CreditEntry.charge(g.passId(), g.id(), g.cost(), g.at()));
        return switch (charge) {
            case CreditOutcome.InsufficientMatcha refused ->
                new CreateOutcome.InsufficientMatcha(refused.balance(), refused.needed());
            case CreditOutcome.Expired refused -> new CreateOutcome.Expired(refused.expiredAt());
            case CreditOutcome.AlreadyApplied already ->
                throw new IllegalStateException("charge exists without its generation: " + g.id());
            case CreditOutcome.Applied applied -> {
                Generation created = Generation.queued(g, stored(g.document()), g.meta(), g.at());
                generations.put(g.id(), created);
                if (g.event() != null) {
                    recordEvent(g.event());
                }
                yield new CreateOutcome.Created(created, applied.balance());
            }
        };
    }

    java.util.List<Generation> all() {
        return java.util.List.copyOf(generations.values());
    }

    Optional<Generation> find(GenerationId id) {
        return Optional.ofNullable(generations.get(id));
    }

    Optional<Generation> claim(String workerId, Instant now, Duration lease) {
        Optional<Generation> next = generations.values().stream()
                .filter(g -> !g.status().isTerminal())
                .filter(g -> g.leaseUntil() == null || g.leaseUntil().isBefore(now))
                .min(Comparator.comparing(Generation::createdAt));
        next.ifPresent(g -> generations.put(
                g.id(), with(g, g.status(), g.document(), workerId, now.plus(lease), g.attempts() + 1, now)));
        return next.map(g -> generations.get(g.id()));
    }

    Optional<Generation> claimOne(GenerationId id, String workerId, Instant now, Duration lease) {
        Generation g = generations.get(id);
        if (g == null
                || g.status().isTerminal()
                || (g.leaseUntil() != null && !g.leaseUntil().isBefore(now))) {
            return Optional.empty();
        }
        Generation claimed = with(g, g.status(), g.document(), workerId, now.plus(lease), g.attempts() + 1, now);
        generations.put(id, claimed);
        return Optional.of(claimed);
    }

    boolean renew(GenerationId id, String workerId, Instant until) {
        Generation g = generations.get(id);
        if (!owned(g, workerId)) {
            return false;
        }
        generations.put(id, with(g, g.status(), g.document(), workerId, until, g.attempts(), g.updatedAt()));
        return true;
    }

    void release(GenerationId id, String workerId) {
        Generation g = generations.get(id);
        if (owned(g, workerId)) {
            generations.put(id, with(g, g.status(), g.document(), null, null, g.attempts(), g.updatedAt()));
        }
    }

    boolean progress(GenerationId id, String workerId, MmaStatus status, GenerationDocument document, Instant at) {
        Generation g = generations.get(id);
        if (!owned(g, workerId) || status.isTerminal()) {
            return false;
        }
        generations.put(id, with(g, status, stored(document), g.leaseOwner(), g.leaseUntil(), g.attempts(), at));
        return true;
    }

    boolean recordStep(StepRecord step, String workerId, StepUpdate update, Instant at) {
        Generation g = generations.get(step.generationId());
        if (!owned(g, workerId)) {
            return false;
        }
        steps.putIfAbsent(step.mgId(), step);
        Generation moved =
                with(g, update.status(), stored(update.document()), g.leaseOwner(), g.leaseUntil(), g.attempts(), at);
        if (update.completion() != null) {
            StepUpdate.Completion c = update.completion();
            moved = new Generation(
                    g.id(),
                    g.passId(),
                    g.sessionId(),
                    g.parentId(),
                    g.mode(),
                    MmaStatus.DONE,
                    c.prompt(),
                    c.outputUrl(),
                    c.outputKey(),
                    c.provider(),
                    c.model(),
                    null,
                    stored(update.document()),
                    g.meta(),
                    c.latencyMs(),
                    null,
                    null,
                    g.attempts(),
                    g.createdAt(),
                    at);
        }
        generations.put(g.id(), moved);
        return true;
    }

    Optional<CreditOutcome> fail(
            GenerationId id,
            String workerId,
            StepRecord failedStep,
            String error,
            GenerationDocument document,
            CreditEntry refund,
            Instant at) {
        Generation g = generations.get(id);
        if (g == null || g.status().isTerminal() || (workerId != null && !workerId.equals(g.leaseOwner()))) {
            return Optional.empty();
        }
        if (failedStep != null) {
            steps.putIfAbsent(failedStep.mgId(), failedStep);
        }
        generations.put(
                id,
                new Generation(
                        g.id(),
                        g.passId(),
                        g.sessionId(),
                        g.parentId(),
                        g.mode(),
                        MmaStatus.ERROR,
                        g.prompt(),
                        null,
                        null,
                        g.provider(),
                        g.model(),
                        error,
                        stored(document),
                        g.meta(),
                        g.latencyMs(),
                        null,
                        null,
                        g.attempts(),
                        g.createdAt(),
                        at));
        return Optional.of(refund == null ? new CreditOutcome.Applied(null, 0) : post.apply(refund));
    }

    List<StepRecord> allSteps() {
        return List.copyOf(steps.values());
    }

    List<StepRecord> steps(GenerationId id) {
        return steps.values().stream()
                .filter(s -> s.generationId().equals(id))
                .sorted(Comparator.comparingInt(StepRecord::stepNo))
                .toList();
    }

    List<Generation> find(me.minav3.mma.generation.GenerationQuery q) {
        Comparator<Generation> newestFirst = Comparator.comparing(Generation::createdAt)
                .thenComparing(g -> g.id().mgId())
                .reversed();
        return generations.values().stream()
                .filter(g -> q.passId() == null || g.passId().equals(q.passId()))
                .filter(g -> q.mode() == null || g.mode() == q.mode())
                .filter(g -> q.status() == null || g.status() == q.status())
                .filter(g -> q.from() == null || !g.createdAt().isBefore(q.from()))
                .filter(g -> q.to() == null || g.createdAt().isBefore(q.to()))
                .filter(g -> !q.likedOnly() || liked(g))
                .filter(g -> q.withHidden() || g.hiddenAt() == null)
                .filter(g -> q.errorKind() == null || g.status() == MmaStatus.ERROR)
                .filter(g -> q.provider() == null || q.provider().equals(cause(g).provider()))
                .filter(g -> q.errorKind() == null || q.errorKind().equals(cause(g).kind()))
                .filter(g -> q.after() == null || newestFirst.compare(g, cursorOf(q.after())) > 0)
                .sorted(newestFirst)
                .limit(q.limit())
                .toList();
    }

    private me.minav3.mma.generation.FailureCause cause(Generation g) {
        return me.minav3.mma.generation.FailureCause.of(g, steps(g.id()));
    }

    private static Generation cursorOf(me.minav3.mma.generation.GenerationQuery.Cursor cursor) {
        return new Generation(
                cursor.id(),
                me.minav3.mma.common.PassId.user("cursor"),
                null,
                null,
                me.minav3.mma.common.MmaMode.STILL,
                MmaStatus.QUEUED,
                null,
                null,
                null,
                null,
                null,
                null,
                GenerationDocumentCodec.decode(Map.of()),
                Map.of(),
                null,
                null,
                null,
                0,
                cursor.createdAt(),
                cursor.createdAt());
    }

    /** Liked: the customer's latest like or dislike of it is a like. */
    private boolean liked(Generation g) {
        return reaction(g.id(), g.passId()).orElse(null) == me.minav3.mma.common.EventType.LIKE;
    }

    Void openSession(me.minav3.mma.studio.SessionInfo session) {
        sessions.putIfAbsent(session.id(), session);
        return null;
    }

    Optional<me.minav3.mma.studio.SessionInfo> latestSession(PassId passId) {
        return sessions.values().stream()
                .filter(s -> s.passId().equals(passId))
                .max(Comparator.comparing(me.minav3.mma.studio.SessionInfo::startedAt)
                        .thenComparing(me.minav3.mma.studio.SessionInfo::id));
    }

    List<me.minav3.mma.studio.SessionInfo> sessionsOf(PassId passId) {
        return sessions.values().stream()
                .filter(s -> s.passId().equals(passId))
                .sorted(Comparator.comparing(me.minav3.mma.studio.SessionInfo::startedAt))
                .toList();
    }

    List<String> endOpenSessions(PassId passId, java.time.Instant endedAt) {
        List<String> ended = new java.util.ArrayList<>();
        sessions.replaceAll((id, s) -> {
            if (!s.passId().equals(passId) || s.ended()) {
                return s;
            }
            ended.add(id);
            return new me.minav3.mma.studio.SessionInfo(s.id(), s.passId(), s.startedAt(), endedAt);
        });
        return ended;
    }

    void recordEvent(MmaEvent event) {
        events.putIfAbsent(event.id(), event);
    }

    List<MmaEvent> events(GenerationId id) {
        return events.values().stream().filter(e -> id.equals(e.generationId())).toList();
    }

    List<TasteSignal> tasteSignals(PassId passId, int limit) {
        // Per generation: the latest reaction (like, dislike or clear) and the latest download; the later event wins.
        Map<String, MmaEvent> latest = new LinkedHashMap<>();
        events.values().stream()
                .filter(e -> e.passId().equals(passId) && e.type().isTasteSignal() && e.generationId() != null)
                .sorted(Comparator.comparing(MmaEvent::at).thenComparing(MmaEvent::id))
                .forEach(e ->
                        latest.put(e.generationId().mgId() + (e.type().isReaction() ? "|reaction" : "|download"), e));
        List<MmaEvent> newest = new ArrayList<>(latest.values().stream()
                .filter(e -> e.type() != me.minav3.mma.common.EventType.CLEAR)
                .toList());
        newest.sort(
                Comparator.comparing(MmaEvent::at).thenComparing(MmaEvent::id).reversed());
        return newest.stream()
                .limit(limit)
                .map(e -> {
                    Generation g = generations.get(e.generationId());
                    GenerationDocument d = g == null ? null : g.document();
                    String style =
                            d != null && d.settings() instanceof GenerationDocument.StillSettings s ? s.style() : null;
                    String caption =
                            d == null || d.scans() == null ? null : d.scans().outputStillCaption();
                    return new TasteSignal(
                            e.type(), e.generationId(), style, g == null ? null : g.prompt(), caption, e.at());
                })
                .toList();
    }

    Map<GenerationId, me.minav3.mma.common.EventType> reactions(PassId passId, java.util.Collection<GenerationId> ids) {
        Map<GenerationId, me.minav3.mma.common.EventType> out = new LinkedHashMap<>();
        for (GenerationId id : ids) {
            reaction(id, passId)
                    .filter(t -> t != me.minav3.mma.common.EventType.CLEAR)
                    .ifPresent(t -> out.put(id, t));
        }
        return out;
    }

    private Optional<me.minav3.mma.common.EventType> reaction(GenerationId id, PassId passId) {
        return events.values().stream()
                .filter(e -> id.equals(e.generationId()) && e.passId().equals(passId))
                .filter(e -> e.type().isReaction())
                .max(Comparator.comparing(MmaEvent::at).thenComparing(MmaEvent::id))
                .map(MmaEvent::type);
    }

    boolean hide(GenerationId id, PassId passId, Instant at) {
        Generation g = generations.get(id);
        if (g == null || !g.passId().equals(passId)) {
            return false;
        }
        if (g.hiddenAt() == null) {
            Map<String, Object> meta = new LinkedHashMap<>(g.meta());
            meta.put(Generation.HIDDEN_AT, at.toString());
            generations.put(
                    id,
                    new Generation(
                            g.id(),
                            g.passId(),
                            g.sessionId(),
                            g.parentId(),
                            g.mode(),
                            g.status(),
                            g.prompt(),
                            g.outputUrl(),
                            g.outputKey(),
                            g.provider(),
                            g.model(),
                            g.error(),
                            g.document(),
                            meta,
                            g.latencyMs(),
                            g.leaseOwner(),
                            g.leaseUntil(),
                            g.attempts(),
                            g.createdAt(),
                            g.updatedAt()));
        }
        return true;
    }

    /** What the database would give back: the document through the codec, as the Postgres adapter stores it. */
    private static GenerationDocument stored(GenerationDocument document) {
        return GenerationDocumentCodec.decode(GenerationDocumentCodec.encode(document));
    }

    private static boolean owned(Generation g, String workerId) {
        return g != null && !g.status().isTerminal() && workerId.equals(g.leaseOwner());
    }

    private static Generation with(
            Generation g,
            MmaStatus status,
            GenerationDocument document,
            String owner,
            Instant until,
            int attempts,
            Instant at) {
        return new Generation(
                g.id(),
                g.passId(),
                g.sessionId(),
                g.parentId(),
                g.mode(),
                status,
                g.prompt(),
                g.outputUrl(),
                g.outputKey(),
                g.provider(),
                g.model(),
                g.error(),
                document,
                g.meta(),
                g.latencyMs(),
                owner,
                until,
                attempts,
                g.createdAt(),
                at);
    }
}
