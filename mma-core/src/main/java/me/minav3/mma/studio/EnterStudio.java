package me.minav3.mma.studio;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.credits.Credits;
import me.minav3.mma.customers.Customer;
import me.minav3.mma.customers.CustomerStore;

/**
 * Spec §3.1 and §9.1: a user enters the studio. Their customer is upserted, an expired balance is zeroed, "last
 * seen" is updated. Loading (or refreshing) the studio page {@linkplain #begin begins} a fresh session and records
 * the end of the previous one; a plain {@linkplain #enter visit} keeps the current session unless the user was away
 * longer than the idle limit ({@code mma.sessions.idle_minutes}), the fallback for clients that never call begin.
 */
public final class EnterStudio {

    /**
     * What the studio needs to greet the user.
     *
     * @param endedSessions the ids of the sessions this entry ended (empty when the session goes on)
     */
    public record Entered(
            Customer customer, SessionInfo session, boolean newSession, java.util.List<String> endedSessions) {
        public Entered {
            endedSessions = java.util.List.copyOf(endedSessions);
        }
    }

    private final ResolvePassId passIds;
    private final me.minav3.mma.credits.GrantCredits grants;
    private final CustomerStore customers;
    private final Credits credits;
    private final Sessions sessions;
    private final ConfigService config;
    private final Clock clock;
    private final IdGenerator ids;

    public EnterStudio(
            ResolvePassId passIds,
            me.minav3.mma.credits.GrantCredits grants,
            CustomerStore customers,
            Credits credits,
            Sessions sessions,
            ConfigService config,
            Clock clock,
            IdGenerator ids) {
        this.passIds = passIds;
        this.grants = grants;
        this.customers = customers;
        this.credits = credits;
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
        this.ids = ids;
    }

    /** First visit: the configured free matcha, once (its request key is the pass id). */
    private void welcome(Customer customer) {
        long amount = Json.number(config.value(me.minav3.mma.config.ConfigKeys.CREDITS), "signup_grant", 0);
        if (amount > 0) {
            grants.grant(
                    new me.minav3.mma.credits.GrantCredits.Request(
                            customer.passId(),
                            me.minav3.mma.common.Matcha.of(amount),
                            me.minav3.mma.credits.CreditReason.GRANT,
                            "signup",
                            "welcome matcha",
                            "signup-" + customer.passId().value(),
                            me.minav3.mma.customers.CustomerProfile.NONE),
                    me.minav3.mma.common.Actor.SYSTEM);
        }
    }

    /** A visit (any studio request that greets the user): the current session goes on unless it idled out. */
    public Entered enter(Identity identity) {
        return enter(identity, false);
    }

    /** The studio page was loaded or refreshed: the previous session ends now and a fresh one begins (spec §9.1). */
    public Entered begin(Identity identity) {
        return enter(identity, true);
    }

    private Entered enter(Identity identity, boolean fresh) {
        Instant now = clock.now();
        Customer customer = passIds.resolve(identity, now);
        // An account that follows a deleted one (pass:anon, decision 022) gets no second welcome: deleting is not a
        // way to more free matcha.
        if (customer.lastActive() == null && customer.passId().kind() != PassId.Kind.ANON) {
            welcome(customer);
        }
        credits.expireIfDue(customer.passId(), now);
        Duration idle = Duration.ofMinutes(
                Json.number(config.value(me.minav3.mma.config.ConfigKeys.SESSIONS), "idle_minutes", 30));
        Optional<SessionInfo> latest = sessions.latest(customer.passId());
        boolean returning = customer.lastActive() != null
                && customer.lastActive().plus(idle).isAfter(now);
        SessionInfo session;
        java.util.List<String> ended = java.util.List.of();
        if (!fresh && latest.isPresent() && !latest.get().ended() && returning) {
            session = latest.get();
        } else {
            // Away too long: the session ended when the user was last seen, not now.
            ended = fresh || customer.lastActive() == null
                    ? sessions.endOpen(customer.passId(), now, SessionEnd.REENTERED)
                    : sessions.endOpen(customer.passId(), latestOf(customer.lastActive(), latest), SessionEnd.IDLE);
            session = new SessionInfo(ids.newId(), customer.passId(), now);
            sessions.open(session);
        }
        customers.touch(customer.passId(), now);
        Customer current = customers.find(customer.passId()).orElse(customer);
        return new Entered(current, session, session.startedAt().equals(now), ended);
    }

    /** Never before the session began (last seen can predate it by a moment). */
    private static Instant latestOf(Instant lastSeen, Optional<SessionInfo> latest) {
        return latest.map(SessionInfo::startedAt).filter(lastSeen::isBefore).orElse(lastSeen);
    }
}
