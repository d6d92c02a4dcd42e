package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import me.minav3.adapters.postgres.TestDatabase;
import me.minav3.bootstrap.CompositionRoot;
import me.minav3.bootstrap.MinaSettings;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.PassId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 016's loose end (issue 17): an open stream ends when the login that opened it is signed out or revoked,
 * at once on the process that signed it out, within a re-read on every other one.
 */
class StreamSignOutTest {

    /** Well under a stream's re-read period: only an immediate end fits in it. */
    private static final Duration AT_ONCE = Duration.ofSeconds(3);

    @Test
    void aLogoutEndsTheStreamsOfThatLoginAndARevokeAllEndsTheRest() throws Exception {
        // No workers: the generation stays queued, so a stream ends only because of the sign-out.
        try (TestServer server = new TestServer(Map.of(), TestDatabase.freshDatabaseUrlSetting(), false)) {
            String phone = server.token("eve@example.com");
            String laptop = server.token("eve@example.com");
            PassId passId = server.customer(phone, 1);
            String id = server.post("/api/stills", phone, "{\"brief\":\"watched\"}")
                    .json()
                    .get("generation_id")
                    .asText();
            String path = "/api/generations/" + id + "/stream";
            String ticketUrl = server.post(path + "-ticket", phone, "{}")
                    .json()
                    .get("stream_url")
                    .asText();

            var byPhone = SseReader.open(server, path, phone, null);
            var byPhoneTicket = SseReader.open(server, ticketUrl, null, null);
            var byLaptop = SseReader.open(server, path, laptop, null);
            awaitSubscribers(server, 3);

            assertThat(server.post("/api/auth/logout", phone, "{}").status()).isEqualTo(204);
            assertThat(endsWithin(byPhone, AT_ONCE))
                    .as("the stream opened with the signed-out token")
                    .isTrue();
            assertThat(endsWithin(byPhoneTicket, AT_ONCE))
                    .as("the stream opened with a ticket of that token")
                    .isTrue();
            assertThat(byPhone.get()).extracting(SseReader.Event::name).doesNotContain("done");
            assertThat(byLaptop).as("the same user's other login still streams").isNotDone();
            assertThat(server.wiring.live().subscriberCount()).isEqualTo(1);

            String admin = server.adminToken("boss@example.com");
            assertThat(server.post("/api/admin/customers/" + passId.value() + "/revoke-tokens", admin, "{}")
                            .status())
                    .isEqualTo(200);
            assertThat(endsWithin(byLaptop, AT_ONCE))
                    .as("revoke-all ends every stream of the customer")
                    .isTrue();
            assertThat(server.wiring.live().subscriberCount()).isZero();
        }
    }

    @Test
    void aRevocationOnAnotherProcessEndsTheStreamWithinAReread(@TempDir Path cliData) throws Exception {
        String database = TestDatabase.freshDatabaseUrlSetting();
        try (TestServer front = new TestServer(Map.of(), database, false);
                CompositionRoot cli =
                        CompositionRoot.start(MinaSettings.from(Map.of("DATABASE_URL", database), cliData))) {
            String token = front.token("fay@example.com");
            PassId passId = front.customer(token, 1);
            String id = front.post("/api/stills", token, "{\"brief\":\"far away\"}")
                    .json()
                    .get("generation_id")
                    .asText();
            var stream = SseReader.open(front, "/api/generations/" + id + "/stream", token, null);
            awaitSubscribers(front, 1);

            cli.revokeTokens().revokeAll(passId, Actor.cli("auth revoke")); // as `mina auth revoke` does

            assertThat(endsWithin(stream, LiveStream.REREAD.plusSeconds(5))).isTrue();
            assertThat(front.wiring.live().subscriberCount()).isZero();
        }
    }

    private static boolean endsWithin(CompletableFuture<List<SseReader.Event>> stream, Duration limit) {
        try {
            stream.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitSubscribers(TestServer server, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.wiring.live().subscriberCount() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("streams did not open");
            }
            Thread.sleep(20);
        }
    }
}
