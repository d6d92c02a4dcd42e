package me.minav3.mma.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.customers.Customer;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.SequentialIds;
import org.junit.jupiter.api.Test;

/** Login by email code, pass id resolution with linking, and session boundaries (spec §3.1, §9.1, §11.1). */
class StudioTest {

    private final InMemoryMega mega = new InMemoryMega();
    private final MutableClock clock = new MutableClock();
    private final ResolvePassId passIds = new ResolvePassId(mega);
    private final List<String> sentCodes = new ArrayList<>();
    private final EmailLogin login = new EmailLogin(mega, passIds, (email, code, expires) -> sentCodes.add(code),
            "0123456789abcdef0123456789abcdef".getBytes(), clock);
    private final ConfigService config = new ConfigService(mega, clock, Duration.ZERO);
    private final EnterStudio studio = new EnterStudio(passIds, new me.minav3.mma.credits.GrantCredits(mega, mega, mega,
            new me.minav3.mma.credits.ExpiryPolicy(), clock, new SequentialIds("g")), mega, mega, mega, config, clock,
            new SequentialIds("s"));

    @Test
    void aCodeSentByEmailLogsTheUserInOnce() {
        assertThat(login.start("Ann@Example.com")).isInstanceOf(EmailLogin.Started.Sent.class);
        String code = sentCodes.get(0);

        EmailLogin.Verified verified = login.verify("ann@example.com", code);

        assertThat(verified).isInstanceOf(EmailLogin.Verified.Accepted.class);
        Identity identity = ((EmailLogin.Verified.Accepted) verified).identity();
        assertThat(identity.email()).isEqualTo("ann@example.com");
        assertThat(identity.userId()).isEqualTo(EmailLogin.userIdOf("ann@example.com"));
        assertThat(login.verify("ann@example.com", code)).isInstanceOf(EmailLogin.Verified.Rejected.class);
        assertThat(mega.find(PassId.user(identity.userId())).orElseThrow().meta().toString()).doesNotContain(code);
    }

    @Test
    void fiveWrongGuessesUseUpTheCodeEvenInParallel() throws Exception {
        login.start("bob@example.com");
        String right = sentCodes.get(0);
        String wrong = right.equals("000000") ? "111111" : "000000";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<EmailLogin.Verified>> guesses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                guesses.add(pool.submit(() -> login.verify("bob@example.com", wrong)));
            }
            for (Future<EmailLogin.Verified> guess : guesses) {
                assertThat(guess.get()).isInstanceOf(EmailLogin.Verified.Rejected.class);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(login.verify("bob@example.com", right)).isInstanceOf(EmailLogin.Verified.Rejected.class)
                .hasToString("Rejected[reason=too many attempts; ask for a new code, attemptsLeft=0]");
    }

    @Test
    void aCodeExpiresAfterTenMinutesAndAtMostFiveCodesAnHourAreSent() {
        login.start("cat@example.com");
        clock.advance(Duration.ofMinutes(10));
        assertThat(login.verify("cat@example.com", sentCodes.get(0))).isInstanceOf(EmailLogin.Verified.Rejected.class);

        for (int i = 0; i < 4; i++) {
            assertThat(login.start("cat@example.com")).isInstanceOf(EmailLogin.Started.Sent.class);
        }
        assertThat(login.start("cat@example.com")).isInstanceOf(EmailLogin.Started.TooManyCodes.class);
        clock.advance(Duration.ofMinutes(51));
        assertThat(login.start("cat@example.com")).isInstanceOf(EmailLogin.Started.Sent.class);
    }

    @Test
    void aFirstLoginIsLinkedToTheCustomerItsPurchaseCreated() {
        mega.ensure(PassId.shopify(7001), new CustomerProfile("dee@example.com", null, 7001L), clock.now());

        Customer first = passIds.resolve(new Identity("supabase-uuid-1", "dee@example.com", null, false), clock.now());
        Customer again = passIds.resolve(new Identity("supabase-uuid-1", "dee@example.com", null, false), clock.now());

        assertThat(first.passId().value()).isEqualTo("pass:shopify:7001");
        assertThat(again.passId()).isEqualTo(first.passId());
        assertThat(passIds.resolve(new Identity("someone-else", "eve@example.com", null, false), clock.now()).passId().value())
                .isEqualTo("pass:user:someone-else");
        assertThat(passIds.resolve(new Identity("x", null, 42L, false), clock.now()).passId().value()).isEqualTo("pass:shopify:42");
    }

    @Test
    void aNewSessionBeginsAfterThirtyIdleMinutes() {
        config.seedDefaults();
        Identity ann = new Identity("ann", "ann@example.com", null, false);

        EnterStudio.Entered first = studio.enter(ann);
        clock.advance(Duration.ofMinutes(20));
        EnterStudio.Entered sameVisit = studio.enter(ann);
        clock.advance(Duration.ofMinutes(31));
        EnterStudio.Entered nextVisit = studio.enter(ann);

        assertThat(first.newSession()).isTrue();
        assertThat(sameVisit.session()).isEqualTo(first.session());
        assertThat(sameVisit.newSession()).isFalse();
        assertThat(nextVisit.session()).isNotEqualTo(first.session());
        assertThat(nextVisit.customer().lastActive()).isEqualTo(clock.now());
        assertThat(Map.of("email", nextVisit.customer().email())).containsEntry("email", "ann@example.com");
        assertThat(nextVisit.customer().credits()).as("welcome matcha, once").isEqualTo(5);
    }
}
