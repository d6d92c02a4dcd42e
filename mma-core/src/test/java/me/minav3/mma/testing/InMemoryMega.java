package me.minav3.mma.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import me.minav3.mma.audit.AuditEntry;
import me.minav3.mma.audit.AuditLog;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigStore;
import me.minav3.mma.config.ConfigVersion;
import me.minav3.mma.credits.BalanceDrift;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditOutcome;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.credits.Credits;
import me.minav3.mma.credits.TakeBack;
import me.minav3.mma.credits.TakeBackOutcome;
import me.minav3.mma.credits.TakeBackRecord;
import me.minav3.mma.customers.Customer;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.customers.CustomerStore;
import me.minav3.mma.customers.Preferences;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationDocument;
import me.minav3.mma.generation.GenerationQueue;
import me.minav3.mma.generation.Generations;
import me.minav3.mma.generation.NewGeneration;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.generation.StepUpdate;
import me.minav3.mma.pricing.CostGrouping;
import me.minav3.mma.pricing.CostTotal;
import me.minav3.mma.pricing.ProviderCosts;
import me.minav3.mma.studio.Sessions;
import me.minav3.mma.studio.StudioEvents;
import me.minav3.mma.studio.TasteSignal;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory fake of the three MEGA tables: every operation runs under one lock, which gives it the same
 * atomicity the database gives each port method. It passes the same contract tests as the PostgreSQL adapter.
 */
public class InMemoryMega
        implements CustomerStore,
                Credits,
                GenerationQueue,
                Generations,
                Sessions,
                StudioEvents,
                ConfigStore,
                AuditLog,
                ProviderCosts {

    protected final ReentrantLock lock = new ReentrantLock();
    private final Map<PassId, Customer> customers = new TreeMap<>(Comparator.comparing(PassId::value));
    private final Map<CreditTxId, CreditTransaction> credits = new LinkedHashMap<>();
    private final Map<CreditTxId, TakeBackRecord> takeBacks = new LinkedHashMap<>();
    private final Map<PassId, Long> toolPools = new java.util.HashMap<>();
    private final Map<String, List<ConfigVersion>> config = new TreeMap<>();
    private final List<AuditEntry> audits = new ArrayList<>();
    private final InMemoryGenerations generations = new InMemoryGenerations(this::postLocked);

    public MegaStores stores() {
        return new MegaStores(this, this, this, this, this, this, this, this, this);
    }

    protected <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Breaks the balance invariant on purpose (reconciliation tests). */
    public void corruptBalance(PassId passId, long credits) {
        locked(() -> customers.put(
                passId,
                with(customers.get(passId), credits, customers.get(passId).expiresAt(), Instant.EPOCH)));
    }

    // ---- CustomerStore ------------------------------------------------------------------------------------

    @Override
    public Customer ensure(PassId passId, CustomerProfile profile, Instant now) {
        return locked(() -> {
            Customer current = customers.computeIfAbsent(
                    passId,
                    p -> new Customer(
                            p, 0, null, null, null, null, null, Preferences.NONE, null, Map.of(), now, now, false));
            Customer filled = new Customer(
                    passId,
                    current.credits(),
                    current.expiresAt(),
                    current.lastActive(),
                    current.email() != null ? current.email() : profile.email(),
                    current.userId() != null ? current.userId() : profile.userId(),
                    current.shopifyCustomerId() != null ? current.shopifyCustomerId() : profile.shopifyCustomerId(),
                    current.preferences(),
                    current.preferencesUpdatedAt(),
                    current.meta(),
                    current.createdAt(),
                    current.updatedAt(),
                    current.disabled());
            customers.put(passId, filled);
            return filled;
        });
    }

    @Override
    public Optional<Customer> find(PassId passId) {
        return locked(() -> Optional.ofNullable(customers.get(passId)));
    }

    @Override
    public Optional<Customer> findByEmail(String email) {
        String normalized = CustomerProfile.ofEmail(email).email();
        return locked(() -> customers.values().stream()
                .filter(c -> normalized.equals(c.email()))
                .min(Comparator.comparing(Customer::createdAt)));
    }

    @Override
    public Optional<Customer> findByShopifyCustomerId(long shopifyCustomerId) {
        return locked(() -> customers.values().stream()
                .filter(c -> c.shopifyCustomerId() != null && c.shopifyCustomerId() == shopifyCustomerId)
                .min(Comparator.comparing(Customer::createdAt)));
    }

    @Override
    public Optional<Customer> findByUserId(String userId) {
        return locked(() -> customers.values().stream()
                .filter(c -> userId.equals(c.userId()))
                .min(Comparator.comparing(Customer::createdAt)));
    }

    @Override
    public boolean compareAndSetMeta(
            PassId passId, String key, Map<String, Object> expected, Map<String, Object> replacement, Instant at) {
        return locked(() -> {
            Customer c = customers.get(passId);
            if (c == null
                    || !java.util.Objects.equals(c.meta().get(key), expected == null ? null : Json.copy(expected))) {
                return false;
            }
            var meta = Json.mutableCopy(c.meta());
            if (replacement == null) {
                meta.remove(key);
            } else {
                meta.put(key, replacement);
            }
            customers.put(
                    passId,
                    new Customer(
                            passId,
                            c.credits(),
                            c.expiresAt(),
                            c.lastActive(),
                            c.email(),
                            c.userId(),
                            c.shopifyCustomerId(),
                            c.preferences(),
                            c.preferencesUpdatedAt(),
                            meta,
                            c.createdAt(),
                            at,
                            c.disabled()));
            return true;
        });
    }

    @Override
    public void touch(PassId passId, Instant at) {
        locked(() -> customers.computeIfPresent(
                passId,
                (p, c) -> c.lastActive() != null && !c.lastActive().isBefore(at)
                        ? c
                        : new Customer(
                                p,
                                c.credits(),
                                c.expiresAt(),
                                at,
                                c.email(),
                                c.userId(),
                                c.shopifyCustomerId(),
                                c.preferences(),
                                c.preferencesUpdatedAt(),
                                c.meta(),
                                c.createdAt(),
                                at,
                                c.disabled())));
    }

    @Override
    public Customer savePreferences(PassId passId, Preferences preferences, Instant at) {
        return locked(() -> {
            Customer c = customers.get(passId);
            if (c == null) {
                throw new NotFound("no customer " + passId.value());
            }
            Customer saved = new Customer(
                    passId,
                    c.credits(),
                    c.expiresAt(),
                    c.lastActive(),
                    c.email(),
                    c.userId(),
                    c.shopifyCustomerId(),
                    preferences,
                    at,
                    c.meta(),
                    c.createdAt(),
                    at,
                    c.disabled());
            customers.put(passId, saved);
            return saved;
        });
    }

    @Override
    public List<Customer> search(String text, @Nullable PassId afterPassId, int limit) {
        String wanted = text.strip().toLowerCase(java.util.Locale.ROOT);
        return locked(() -> customers.values().stream()
                .filter(c -> afterPassId == null || c.passId().value().compareTo(afterPassId.value()) > 0)
                .filter(c -> (c.email() != null
                                && !wanted.isEmpty()
                                && c.email().toLowerCase(java.util.Locale.ROOT).startsWith(wanted))
                        || c.passId().value().equals(text.strip())
                        || c.passId().localId().equals(text.strip())
                        || (c.shopifyCustomerId() != null
                                && c.shopifyCustomerId().toString().equals(text.strip())))
                .limit(limit)
                .toList());
    }

    @Override
    public List<Customer> list(PassId afterPassId, int limit) {
        return locked(() -> customers.values().stream()
                .filter(c -> afterPassId == null || c.passId().value().compareTo(afterPassId.value()) > 0)
                .limit(limit)
                .toList());
    }

    // ---- Credits ----------------------------------------------------------------------------------------

    @Override
    public CreditOutcome post(CreditEntry entry) {
        return locked(() -> postLocked(entry));
    }

    /** The credit movement itself; callers hold the lock (a generation's charge reuses it). */
    protected CreditOutcome postLocked(CreditEntry entry) {
        Customer customer = customers.get(entry.passId());
        if (credits.containsKey(entry.id())) {
            return new CreditOutcome.AlreadyApplied(entry.id(), customer == null ? 0 : customer.credits());
        }
        if (entry.delta() < 0) {
            if (customer == null) {
                return new CreditOutcome.InsufficientMatcha(0, -entry.delta());
            }
            if (customer.isExpiredAt(entry.at())) {
                return new CreditOutcome.Expired(customer.expiresAt(), customer.credits());
            }
            if (customer.credits() + entry.delta() < 0) {
                return new CreditOutcome.InsufficientMatcha(customer.credits(), -entry.delta());
            }
        }
        if (customer == null) {
            customer = ensure(entry.passId(), CustomerProfile.NONE, entry.at());
        }
        Instant expiry = entry.newExpiry() == null
                ? customer.expiresAt()
                : customer.expiresAt() == null || entry.newExpiry().isAfter(customer.expiresAt())
                        ? entry.newExpiry()
                        : customer.expiresAt();
        customers.put(entry.passId(), with(customer, customer.credits() + entry.delta(), expiry, entry.at()));
        appendCredit(entry);
        return new CreditOutcome.Applied(entry.id(), customer.credits() + entry.delta());
    }

    private void appendCredit(CreditEntry entry) {
        var meta = Json.mutableCopy(entry.meta());
        if (entry.note() != null) {
            meta.put("note", entry.note());
        }
        credits.put(
                entry.id(),
                new CreditTransaction(
                        entry.id(),
                        entry.passId(),
                        entry.delta(),
                        entry.reason(),
                        entry.source(),
                        entry.refType(),
                        entry.refId(),
                        entry.note(),
                        entry.at(),
                        Json.copy(meta)));
    }

    private static Customer with(Customer c, long credits, Instant expiresAt, Instant at) {
        return new Customer(
                c.passId(),
                credits,
                expiresAt,
                c.lastActive(),
                c.email(),
                c.userId(),
                c.shopifyCustomerId(),
                c.preferences(),
                c.preferencesUpdatedAt(),
                c.meta(),
                c.createdAt(),
                at.isAfter(c.updatedAt()) ? at : c.updatedAt(),
                c.disabled());
    }

    @Override
    public Optional<CreditOutcome> expireIfDue(PassId passId, Instant now) {
        return locked(() -> {
            Customer c = customers.get(passId);
            if (c == null || c.credits() == 0 || !c.isExpiredAt(now)) {
                return Optional.empty();
            }
            CreditEntry entry = CreditEntry.expiry(passId, c.credits(), c.expiresAt(), rowsOf(passId), now);
            appendCredit(entry);
            customers.put(passId, with(c, 0, c.expiresAt(), now));
            return Optional.of(new CreditOutcome.Applied(entry.id(), 0));
        });
    }

    private long rowsOf(PassId passId) {
        return credits.values().stream().filter(t -> t.passId().equals(passId)).count();
    }

    @Override
    public List<PassId> expiredWithBalance(Instant now, int limit) {
        return locked(() -> customers.values().stream()
                .filter(c -> c.credits() > 0 && c.isExpiredAt(now))
                .map(Customer::passId)
                .limit(limit)
                .toList());
    }

    @Override
    public List<CreditTransaction> history(PassId passId, int limit) {
        return locked(() -> {
            List<CreditTransaction> rows = new ArrayList<>(credits.values().stream()
                    .filter(t -> t.passId().equals(passId))
                    .toList());
            rows.sort(Comparator.comparing(CreditTransaction::createdAt)
                    .thenComparing(t -> t.id().value())
                    .reversed());
            return rows.stream().limit(limit).toList();
        });
    }

    @Override
    public List<BalanceDrift> drifts() {
        return locked(() -> customers.values().stream()
                .map(c -> new BalanceDrift(c.passId(), c.credits(), sumOf(c.passId()), rowsOf(c.passId())))
                .filter(d -> d.balance() != d.ledgerSum())
                .toList());
    }

    @Override
    public long toolPool(PassId passId) {
        return locked(() -> toolPools.getOrDefault(passId, 0L));
    }

    @Override
    public List<me.minav3.mma.credits.PoolDrift> poolDrifts() {
        return locked(() -> customers.values().stream()
                .map(c -> {
                    long paid = -credits.values().stream()
                                    .filter(t -> t.passId().equals(c.passId())
                                            && t.reason() == me.minav3.mma.credits.CreditReason.TOOL_POOL)
                                    .mapToLong(CreditTransaction::delta)
                                    .sum()
                            * NewGeneration.POOL_UNITS_PER_MATCHA;
                    long used = generations.all().stream()
                            .filter(g -> g.passId().equals(c.passId()) && g.status() != MmaStatus.ERROR)
                            .mapToLong(InMemoryMega::poolShareOf)
                            .sum();
                    return new me.minav3.mma.credits.PoolDrift(
                            c.passId(), toolPools.getOrDefault(c.passId(), 0L), paid - used);
                })
                .filter(d -> d.pool() != d.expected())
                .toList());
    }

    /** Breaks the pool invariant on purpose (reconciliation tests). */
    public void corruptToolPool(PassId passId, long units) {
        locked(() -> toolPools.put(passId, units));
    }

    private long sumOf(PassId passId) {
        return credits.values().stream()
                .filter(t -> t.passId().equals(passId))
                .mapToLong(CreditTransaction::delta)
                .sum();
    }

    @Override
    public CreditOutcome correct(BalanceDrift drift, String source, Instant at) {
        return locked(() -> {
            long balance = customers.get(drift.passId()).credits();
            long sum = sumOf(drift.passId());
            CreditTxId id = CreditTxId.correction(drift.passId(), rowsOf(drift.passId()));
            if (balance == sum) {
                return new CreditOutcome.AlreadyApplied(id, balance);
            }
            appendCredit(CreditEntry.correction(drift.passId(), balance, sum, rowsOf(drift.passId()), source, at));
            return new CreditOutcome.Applied(id, balance);
        });
    }

    @Override
    public Optional<CreditTransaction> find(CreditTxId id) {
        return locked(() -> Optional.ofNullable(credits.get(id)));
    }

    @Override
    public TakeBackOutcome takeBack(TakeBack takeBack) {
        return locked(() -> {
            Customer customer = customers.get(takeBack.passId());
            long balance = customer == null ? 0 : customer.credits();
            TakeBackRecord earlier = takeBacks.get(takeBack.id());
            if (earlier != null) {
                return new TakeBackOutcome(earlier, false, balance);
            }
            CreditTransaction purchase = credits.get(takeBack.purchase());
            long bought = purchase == null || !purchase.passId().equals(takeBack.passId())
                    ? 0
                    : Math.max(0, purchase.delta());
            long owedBefore = takeBacks.values().stream()
                    .filter(r -> r.purchase().equals(takeBack.purchase()))
                    .mapToLong(TakeBackRecord::owed)
                    .sum();
            long owed = Math.max(0, Math.min(takeBack.requested(), bought - owedBefore));
            long available = customer == null || customer.isExpiredAt(takeBack.at()) ? 0 : balance;
            long taken = Math.min(owed, available);
            TakeBackRecord record = takeBack.decided(owed, taken);
            takeBacks.put(takeBack.id(), record);
            generations.recordEvent(new MmaEvent(
                    record.eventId(),
                    record.passId(),
                    EventType.SHOPIFY_REFUND,
                    null,
                    null,
                    record.eventMeta(),
                    record.at()));
            if (taken > 0) {
                CreditEntry entry = takeBack.entry(taken);
                customers.put(takeBack.passId(), with(customer, balance - taken, customer.expiresAt(), takeBack.at()));
                appendCredit(entry);
                balance -= taken;
            }
            return new TakeBackOutcome(record, true, balance);
        });
    }

    @Override
    public List<TakeBackRecord> takeBacks(@Nullable PassId passId, int limit) {
        return locked(() -> {
            List<TakeBackRecord> newest = new ArrayList<>(takeBacks.values().stream()
                    .filter(r -> passId == null || r.passId().equals(passId))
                    .toList());
            java.util.Collections.reverse(newest);
            return newest.stream()
                    .sorted(Comparator.comparing(TakeBackRecord::at).reversed())
                    .limit(limit)
                    .toList();
        });
    }

    /** Every credit row (tests). */
    public List<CreditTransaction> allCredits() {
        return locked(() -> List.copyOf(credits.values()));
    }

    // ---- GenerationQueue, Generations, Sessions, StudioEvents ---------------------------------------------

    @Override
    public CreateOutcome create(NewGeneration generation) {
        return locked(() -> generation.poolShare() == 0 ? generations.create(generation) : createToolRun(generation));
    }

    /** A tool run: draws its share from the pool, moving one matcha in first when the pool holds less (042). */
    private CreateOutcome createToolRun(NewGeneration g) {
        if (generations.find(g.id()).isPresent()) {
            return generations.create(g);
        }
        Customer customer = customers.get(g.passId());
        if (customer != null && customer.disabled()) {
            throw new me.minav3.mma.error.AccessDenied(
                    me.minav3.mma.error.AccessDenied.Reason.FORBIDDEN, "this account is disabled");
        }
        if (customer != null && customer.isExpiredAt(g.at())) {
            return new CreateOutcome.Expired(customer.expiresAt());
        }
        long pool = toolPools.getOrDefault(g.passId(), 0L);
        if (pool < g.poolShare()) {
            switch (postLocked(me.minav3.mma.credits.CreditEntry.toolPool(g.passId(), g.id(), g.at()))) {
                case CreditOutcome.InsufficientMatcha refused -> {
                    return new CreateOutcome.InsufficientMatcha(refused.balance(), refused.needed());
                }
                case CreditOutcome.Expired refused -> {
                    return new CreateOutcome.Expired(refused.expiredAt());
                }
                case CreditOutcome.Applied applied -> pool += NewGeneration.POOL_UNITS_PER_MATCHA;
                case CreditOutcome.AlreadyApplied already ->
                    throw new IllegalStateException("the pool top-up of " + g.id().mgId() + " exists without its run");
            }
        }
        toolPools.put(g.passId(), pool - g.poolShare());
        var meta = Json.mutableCopy(g.meta());
        meta.put(NewGeneration.POOL_SHARE_META, g.poolShare());
        CreateOutcome created = generations.create(new NewGeneration(
                g.id(),
                g.passId(),
                g.sessionId(),
                g.parentId(),
                g.mode(),
                g.document(),
                meta,
                g.cost(),
                g.at(),
                g.event(),
                g.poolShare()));
        Customer after = customers.get(g.passId());
        return created instanceof CreateOutcome.Created c
                ? new CreateOutcome.Created(c.generation(), after == null ? 0 : after.credits())
                : created;
    }

    private static long poolShareOf(Generation g) {
        Object share = g.meta().get(NewGeneration.POOL_SHARE_META);
        return share instanceof Number n ? n.longValue() : 0;
    }

    @Override
    public Optional<Generation> find(GenerationId id) {
        return locked(() -> generations.find(id));
    }

    @Override
    public Optional<Generation> claimNext(String workerId, Instant now, Duration lease) {
        return locked(() -> generations.claim(workerId, now, lease));
    }

    @Override
    public Optional<Generation> claim(GenerationId id, String workerId, Instant now, Duration lease) {
        return locked(() -> generations.claimOne(id, workerId, now, lease));
    }

    @Override
    public boolean renewLease(GenerationId id, String workerId, Instant until) {
        return locked(() -> generations.renew(id, workerId, until));
    }

    @Override
    public void releaseLease(GenerationId id, String workerId) {
        locked(() -> {
            generations.release(id, workerId);
            return null;
        });
    }

    @Override
    public boolean progress(
            GenerationId id, String workerId, MmaStatus status, GenerationDocument document, Instant at) {
        return locked(() -> generations.progress(id, workerId, status, document, at));
    }

    @Override
    public boolean recordStep(StepRecord step, String workerId, StepUpdate update, Instant at) {
        return locked(() -> generations.recordStep(step, workerId, update, at));
    }

    @Override
    public Optional<CreditOutcome> fail(
            GenerationId id,
            String workerId,
            StepRecord failedStep,
            String error,
            GenerationDocument document,
            CreditEntry refund,
            Instant at) {
        return locked(() -> {
            Optional<CreditOutcome> failed = generations.fail(id, workerId, failedStep, error, document, refund, at);
            Generation g = generations.find(id).orElse(null);
            if (failed.isPresent() && g != null && poolShareOf(g) > 0) {
                toolPools.merge(g.passId(), poolShareOf(g), Long::sum); // the failed run's share, back once
            }
            return failed;
        });
    }

    @Override
    public List<Generation> search(me.minav3.mma.generation.GenerationQuery query) {
        return locked(() -> generations.find(query));
    }

    @Override
    public boolean hide(GenerationId id, PassId passId, Instant at) {
        return locked(() -> generations.hide(id, passId, at));
    }

    @Override
    public void open(me.minav3.mma.studio.SessionInfo session) {
        locked(() -> generations.openSession(session));
    }

    @Override
    public Optional<me.minav3.mma.studio.SessionInfo> latest(PassId passId) {
        return locked(() -> generations.latestSession(passId));
    }

    /** Every session of the customer, oldest first (for tests of the session boundary). */
    public List<me.minav3.mma.studio.SessionInfo> sessionsOf(PassId passId) {
        return locked(() -> generations.sessionsOf(passId));
    }

    @Override
    public List<String> endOpen(PassId passId, Instant endedAt, me.minav3.mma.studio.SessionEnd reason) {
        return locked(() -> generations.endOpenSessions(passId, endedAt));
    }

    @Override
    public List<StepRecord> steps(GenerationId id) {
        return locked(() -> generations.steps(id));
    }

    // ---- ProviderCosts ------------------------------------------------------------------------------------

    @Override
    public CostTotal ofGeneration(GenerationId id) {
        return locked(() -> InMemoryCosts.total(id.mgId(), generations.steps(id)));
    }

    @Override
    public List<CostTotal> totals(Instant since, CostGrouping by) {
        return locked(() -> InMemoryCosts.totals(generations.allSteps(), since, by));
    }

    @Override
    public void record(MmaEvent event) {
        locked(() -> {
            generations.recordEvent(event);
            return null;
        });
    }

    @Override
    public List<MmaEvent> about(GenerationId id) {
        return locked(() -> generations.events(id));
    }

    @Override
    public List<TasteSignal> tasteSignals(PassId passId, int limit) {
        return locked(() -> generations.tasteSignals(passId, limit));
    }

    @Override
    public TasteInputs tasteInputs(PassId passId, int limit) {
        return locked(() -> new TasteInputs(
                Optional.ofNullable(customers.get(passId))
                        .map(Customer::preferences)
                        .orElse(Preferences.NONE),
                generations.tasteSignals(passId, limit)));
    }

    @Override
    public Map<GenerationId, EventType> reactions(PassId passId, java.util.Collection<GenerationId> ids) {
        return locked(() -> generations.reactions(passId, ids));
    }

    // ---- ConfigStore --------------------------------------------------------------------------------------

    @Override
    public Optional<ConfigVersion> latest(String key) {
        return locked(() -> config.getOrDefault(key, List.of()).stream().reduce((a, b) -> b));
    }

    @Override
    public Optional<ConfigVersion> version(String key, int version) {
        return locked(() -> config.getOrDefault(key, List.of()).stream()
                .filter(v -> v.version() == version)
                .findFirst());
    }

    @Override
    public List<ConfigVersion> latestOfEach() {
        return locked(() -> config.values().stream()
                .map(versions -> versions.get(versions.size() - 1))
                .toList());
    }

    @Override
    public List<ConfigVersion> history(String key) {
        return locked(() -> {
            List<ConfigVersion> versions = new ArrayList<>(config.getOrDefault(key, List.of()));
            java.util.Collections.reverse(versions);
            return versions;
        });
    }

    @Override
    public ConfigVersion publish(String key, Map<String, Object> value, String actor, Instant at) {
        return locked(() -> {
            List<ConfigVersion> versions =
                    config.computeIfAbsent(ConfigVersion.requireValidKey(key), k -> new ArrayList<>());
            ConfigVersion next = new ConfigVersion(key, versions.size() + 1, value, actor, at);
            versions.add(next);
            return next;
        });
    }

    @Override
    public boolean seed(String key, Map<String, Object> value, Instant at) {
        return locked(() -> {
            if (config.containsKey(key)) {
                return false;
            }
            publish(key, value, "system:seed", at);
            return true;
        });
    }

    // ---- AuditLog -----------------------------------------------------------------------------------------

    @Override
    public void record(AuditEntry entry) {
        locked(() -> audits.stream().noneMatch(a -> a.id().equals(entry.id())) && audits.add(entry));
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        return locked(() -> {
            List<AuditEntry> newest = new ArrayList<>(audits);
            java.util.Collections.reverse(newest);
            return newest.stream().limit(limit).toList();
        });
    }
}
