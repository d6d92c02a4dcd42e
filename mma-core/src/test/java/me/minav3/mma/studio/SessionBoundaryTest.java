package me.minav3.mma.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.credits.ExpiryPolicy;
import me.minav3.mma.credits.GrantCredits;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.SequentialIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec §9.1: entering the studio (a load or refresh) ends the previous session; the idle limit is the fallback. */
class SessionBoundaryTest {

    private final InMemoryMega mega = new InMemoryMega();
    private final MutableClock clock = new MutableClock();
    private final ConfigService config = new ConfigService(mega, clock, Duration.ZERO);
    private final EnterStudio studio = new EnterStudio(
            new ResolvePassId(mega),
            new GrantCredits(mega, mega, mega, new ExpiryPolicy(), clock, new SequentialIds("g")),
            mega,
            mega,
            mega,
            config,
            clock,
            new SequentialIds("s"));
    private final Identity ann = new Identity("ann", "ann@example.com", null, false);

    @BeforeEach
    void defaults() {
        config.seedDefaults();
    }

    @Test
    void reloadingTheStudioEndsThePreviousSessionAndBeginsAFreshOneEvenWithinTheIdleLimit() {
        EnterStudio.Entered first = studio.begin(ann);
        clock.advance(Duration.ofMinutes(2));
        Instant reload = clock.now();

        EnterStudio.Entered second = studio.begin(ann);

        assertThat(first.newSession()).isTrue();
        assertThat(first.endedSessions()).isEmpty();
        assertThat(second.newSession()).isTrue();
        assertThat(second.session().id()).isNotEqualTo(first.session().id());
        assertThat(second.endedSessions()).containsExactly(first.session().id());
        assertThat(mega.sessionsOf(second.customer().passId()))
                .extracting(SessionInfo::id, SessionInfo::endedAt)
                .containsExactly(
                        tuple(first.session().id(), reload),
                        tuple(second.session().id(), null));
    }

    @Test
    void aVisitWithinTheIdleLimitStaysInTheSessionTheReloadBegan() {
        EnterStudio.Entered loaded = studio.begin(ann);
        clock.advance(Duration.ofMinutes(10));

        EnterStudio.Entered visit = studio.enter(ann);

        assertThat(visit.session()).isEqualTo(loaded.session());
        assertThat(visit.newSession()).isFalse();
        assertThat(visit.endedSessions()).isEmpty();
    }

    @Test
    void afterTheIdleLimitAVisitEndsTheOldSessionWhenTheUserWasLastSeen() {
        EnterStudio.Entered loaded = studio.begin(ann);
        clock.advance(Duration.ofMinutes(5));
        Instant lastSeen = clock.now();
        studio.enter(ann);
        clock.advance(Duration.ofMinutes(45));

        EnterStudio.Entered back = studio.enter(ann);

        assertThat(back.newSession()).isTrue();
        assertThat(back.endedSessions()).containsExactly(loaded.session().id());
        assertThat(mega.sessionsOf(back.customer().passId()))
                .extracting(SessionInfo::id, SessionInfo::endedAt)
                .as("the idle session ended when the user was last seen")
                .containsExactly(
                        tuple(loaded.session().id(), lastSeen),
                        tuple(back.session().id(), null));
    }
}
