package me.minav3.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import me.minav3.adapters.postgres.TestDatabase;
import me.minav3.mma.error.ConfigurationError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16: {@code serve} says at start where login codes go; bad mail settings stop the start, secret unshown. */
class LoginMailAtStartTest {

    @TempDir
    Path dataDir;

    @Test
    void withoutSmtpUrlServeSaysTheCodesAreInTheLog() throws IOException {
        try (CompositionRoot mina = root(Map.of())) {
            Serving serving = mina.serve();
            try {
                assertThat(serving.loginMail())
                        .isEqualTo("email codes are written to the log: set SMTP_URL to send them");
            } finally {
                serving.stop(Duration.ZERO);
            }
        }
    }

    @Test
    void withSmtpUrlServeSaysWhereAndAsWhomTheyAreSent() throws IOException {
        try (CompositionRoot mina = root(Map.of(
                "SMTP_URL",
                "smtps://apikey:mail-secret-123@smtp.example.com",
                "MAIL_FROM",
                "Mina <login@mina.example>"))) {
            Serving serving = mina.serve();
            try {
                assertThat(serving.loginMail())
                        .isEqualTo(
                                "email codes are sent through smtps://smtp.example.com:465 as Mina <login@mina.example>");
            } finally {
                serving.stop(Duration.ZERO);
            }
        }
    }

    @Test
    void smtpWithoutASenderStopsTheStartSayingWhatToSet() {
        assertThatThrownBy(() -> root(Map.of("SMTP_URL", "smtp://user:mail-secret-123@smtp.example.com:587")))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("MAIL_FROM is needed with SMTP_URL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("mail-secret-123"));
    }

    private CompositionRoot root(Map<String, String> extra) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of(
                "DATABASE_URL",
                TestDatabase.freshDatabaseUrlSetting(),
                "MINA_AUTH_SECRET",
                "test-secret-0123456789-0123456789-abcdef",
                "MINA_WORKERS",
                "1"));
        env.putAll(extra);
        return CompositionRoot.start(MinaSettings.from(env, dataDir).withPort(freePort()));
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
