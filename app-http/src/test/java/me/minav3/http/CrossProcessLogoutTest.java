package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import me.minav3.adapters.postgres.TestDatabase;
import org.junit.jupiter.api.Test;

/** Issue 16.4: a logout on one server holds on every other server of the same database at once. */
class CrossProcessLogoutTest {

    @Test
    void aTokenSignedOutOnOneProcessIsRefusedOnTheOtherAtOnce() throws Exception {
        String database = TestDatabase.freshDatabaseUrlSetting();
        try (TestServer a = new TestServer(Map.of(), database, false);
                TestServer b = new TestServer(Map.of(), database, false)) {
            String token = a.token("two-servers@example.com");
            String passId = a.customer(token, 0).value();
            assertThat(b.get("/api/me", token).status())
                    .as("B knows the login (and caches its pass id)")
                    .isEqualTo(200);

            assertThat(a.post("/api/auth/logout", token, "{}").status()).isEqualTo(204);

            assertThat(b.get("/api/me", token).status()).isEqualTo(401);
            assertThat(a.get("/api/me", token).status()).isEqualTo(401);

            String again = b.token("two-servers@example.com");
            assertThat(a.get("/api/me", again).status()).isEqualTo(200);
            assertThat(b.post(
                                    "/api/admin/customers/" + passId + "/revoke-tokens",
                                    b.adminToken("boss@example.com"),
                                    "{}")
                            .status())
                    .isEqualTo(200);
            assertThat(a.get("/api/me", again).status())
                    .as("revoked on B, refused on A")
                    .isEqualTo(401);
        }
    }
}
