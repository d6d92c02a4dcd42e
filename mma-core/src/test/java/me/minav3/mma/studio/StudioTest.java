package me.minav3.mma.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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
import me.minav3.mma.testing.InMemoryLoginCodes;
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
    private final InMemoryLoginCodes codes = new InMemoryLoginCodes();
    private final EmailLogin login = new EmailLogin(
            codes, (email, code, expires) -> sentCodes.add(code), "0123456789abcdef0123456789abcdef".getBytes(), clock);
    private final ConfigService config = new ConfigService(mega, clock, Duration.ZERO);
    private final EnterStudio studio = new EnterStudio(
            passIds,
            new me.minav3.mma.credits.GrantCredits(
                    mega, mega, mega, new me.minav3.mma.credits.ExpiryPolicy(), clock, new SequentialIds("g")),
            mega,
            mega,
            mega,
            config,
            clock,
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
        assertThat(codes.size()).isEqualTo(1);
    }

    @Test
    void askingForACodeCreatesNoCustomerAndKeepsNeitherTheCodeNorTheAddressInClear() {
        login.start("Kim@Example.com");

        assertThat(mega.findByEmail("kim@example.com")).isEmpty();
        assertThat(mega.find(PassId.user(EmailLogin.userIdOf("kim@example.com"))))
                .isEmpty();
        assertThat(codes.size()).isEqualTo(1);
        assertThat(codes.dump()).doesNotContain(sentCodes.get(0)).doesNotContain("kim@");
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
        assertThat(login.verify("bob@example.com", right))
                .isInstanceOf(EmailLogin.Verified.Rejected.class)
                .isEqualTo(new EmailLogin.Verified.Rejected(EmailLogin.REFUSED));
    }

    @Test
    void aCodeExpiresAfterTenMinutes() {
        login.start("cat@example.com");
        clock.advance(Duration.ofMinutes(10));
        assertThat(login.verify("cat@example.com", sentCodes.get(0))).isInstanceOf(EmailLogin.Verified.Rejected.class);
    }

    @Test
    void floodingAnEmailWithCodeRequestsOnlyDelaysItsOwnerNeverLocksThemOut() {
        Instant end = clock.now().plus(Duration.ofHours(3));
        int sent = 0;
        while (clock.now().isBefore(end)) {
            switch (login.start("boss@example.com")) {
                case EmailLogin.Started.Sent s -> sent++;
                case EmailLogin.Started.TooSoon tooSoon ->
                    assertThat(Duration.between(clock.now(), tooSoon.retryAfter()))
                            .as("the owner waits minutes at most, never an hour")
                            .isLessThanOrEqualTo(Duration.ofMinutes(15));
            }
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(sent)
                .as("the attacker gets a code only every 15 minutes once the waits have grown")
                .isLessThan(20);

        clock.advance(Duration.ofMinutes(15));
        assertThat(login.start("boss@example.com"))
                .as("after the wait the owner gets a code")
                .isInstanceOf(EmailLogin.Started.Sent.class);
        String code = sentCodes.get(sentCodes.size() - 1);
        assertThat(login.verify("boss@example.com", code)).isInstanceOf(EmailLogin.Verified.Accepted.class);
    }

    @Test
    void theWaitsBetweenCodesGrowAndStartAgainAfterAQuietHour() {
        assertThat(EmailLogin.waitAfter(0)).isZero();
        assertThat(EmailLogin.waitAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(EmailLogin.waitAfter(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(EmailLogin.waitAfter(60)).isEqualTo(Duration.ofMinutes(15));

        login.start("fay@example.com");
        assertThat(login.start("fay@example.com")).isInstanceOf(EmailLogin.Started.TooSoon.class);
        clock.advance(Duration.ofSeconds(30));
        assertThat(login.start("fay@example.com")).isInstanceOf(EmailLogin.Started.Sent.class);
        clock.advance(Duration.ofSeconds(59));
        assertThat(login.start("fay@example.com")).isInstanceOf(EmailLogin.Started.TooSoon.class);
        clock.advance(Duration.ofHours(1));
        assertThat(login.start("fay@example.com")).isInstanceOf(EmailLogin.Started.Sent.class);
        assertThat(login.start("fay@example.com"))
                .as("the second code of a new series waits 30 s again")
                .isEqualTo(new EmailLogin.Started.TooSoon(clock.now().plusSeconds(30)));
    }

    @Test
    void everyRefusedCodeGetsTheSameAnswerWhetherACodeIsPendingOrNot() {
        login.start("gil@example.com");
        String right = sentCodes.get(0);
        String wrong = right.equals("000000") ? "111111" : "000000";
        var refused = new EmailLogin.Verified.Rejected(EmailLogin.REFUSED);

        assertThat(login.verify("gil@example.com", wrong))
                .as("a code is pending")
                .isEqualTo(refused);
        assertThat(login.verify("hal@example.com", wrong))
                .as("no code was ever asked for")
                .isEqualTo(refused);
        for (int i = 0; i < EmailLogin.ATTEMPTS; i++) {
            login.verify("gil@example.com", wrong);
        }
        assertThat(login.verify("gil@example.com", right))
                .as("the code is used up")
                .isEqualTo(refused);
    }

    @Test
    void checkingACodeForAnEmailNeverSeenCreatesNoCustomer() {
        assertThat(login.verify("nobody@example.com", "123456")).isInstanceOf(EmailLogin.Verified.Rejected.class);

        assertThat(mega.findByEmail("nobody@example.com")).isEmpty();
        assertThat(mega.find(PassId.user(EmailLogin.userIdOf("nobody@example.com"))))
                .isEmpty();
    }

    @Test
    void aCodeLoginToAnEmailAPurchaseCreatedIsLinkedToThatCustomerOnlyOnceTheCodeIsRight() {
        mega.ensure(PassId.shopify(7002), new CustomerProfile("ida@example.com", null, 7002L), clock.now());

        login.start("ida@example.com");
        assertThat(mega.find(PassId.shopify(7002)).orElseThrow().userId())
                .as("asking for a code links nothing")
                .isNull();
        var accepted = (EmailLogin.Verified.Accepted) login.verify("ida@example.com", sentCodes.get(0));

        assertThat(accepted.identity().emailVerified()).isTrue();
        assertThat(passIds.resolve(accepted.identity(), clock.now()).passId().value())
                .isEqualTo("pass:shopify:7002");
    }

    @Test
    void aFirstLoginIsLinkedToTheCustomerItsPurchaseCreated() {
        mega.ensure(PassId.shopify(7001), new CustomerProfile("dee@example.com", null, 7001L), clock.now());

        Customer first =
                passIds.resolve(new Identity("supabase-uuid-1", "dee@example.com", null, false, true), clock.now());
        Customer again =
                passIds.resolve(new Identity("supabase-uuid-1", "dee@example.com", null, false, true), clock.now());

        assertThat(first.passId().value()).isEqualTo("pass:shopify:7001");
        assertThat(again.passId()).isEqualTo(first.passId());
        assertThat(passIds.resolve(new Identity("someone-else", "eve@example.com", null, false, true), clock.now())
                        .passId()
                        .value())
                .isEqualTo("pass:user:someone-else");
        assertThat(passIds.resolve(new Identity("x", null, 42L, false), clock.now())
                        .passId()
                        .value())
                .isEqualTo("pass:shopify:42");
    }

    @Test
    void aLoginWhoseEmailIsNotVerifiedClaimsNoPurchaseAndStoresNoEmail() {
        mega.ensure(PassId.shopify(7003), new CustomerProfile("jo@example.com", null, 7003L), clock.now());

        Customer claimed =
                passIds.resolve(new Identity("sb-attacker", "jo@example.com", null, false, false), clock.now());

        assertThat(claimed.passId().value()).isEqualTo("pass:user:sb-attacker");
        assertThat(claimed.email())
                .as("a purchase matched by email must not reach this row")
                .isNull();
        assertThat(mega.find(PassId.shopify(7003)).orElseThrow().userId()).isNull();
        assertThat(mega.findByEmail("jo@example.com").orElseThrow().passId().value())
                .isEqualTo("pass:shopify:7003");
    }

    @Test
    void aNewSessionBeginsAfterThirtyIdleMinutes() {
        config.seedDefaults();
        Identity ann = new Identity("ann", "ann@example.com", null, false, true);

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
