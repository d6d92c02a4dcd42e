package me.minav3.adapters.providers.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import me.minav3.mma.error.ConfigurationError;
import org.junit.jupiter.api.Test;

class MailSettingsTest {

    @Test
    void withoutSmtpUrlCodesStayInTheLog() {
        assertThat(MailSettings.fromEnvironment(Map.<String, String>of()::get)).isEmpty();
        assertThat(MailSettings.fromEnvironment(Map.of("SMTP_URL", "  ", "MAIL_FROM", "a@b.example")::get))
                .isEmpty();
    }

    @Test
    void readsSmtpAndSmtpsUrlsWithTheirUsualPorts() {
        MailSettings plain = MailSettings.fromEnvironment(
                        Map.of("SMTP_URL", "smtp://mail.example.com", "MAIL_FROM", "login@mina.example")::get)
                .orElseThrow();
        MailSettings tls =
                MailSettings.parse("smtps://apikey:p%40ss+word%3A1@smtp.example.com", "Mina <login@mina.example>");
        MailSettings submission = MailSettings.parse("SMTP://u:p@smtp.example.com:587", "login@mina.example");

        assertThat(plain).isEqualTo(new MailSettings(false, "mail.example.com", 25, null, null, "login@mina.example"));
        assertThat(tls)
                .isEqualTo(new MailSettings(
                        true, "smtp.example.com", 465, "apikey", "p@ss+word:1", "Mina <login@mina.example>"));
        assertThat(submission.port()).isEqualTo(587);
        assertThat(tls.describe()).isEqualTo("smtps://smtp.example.com:465 as Mina <login@mina.example>");
    }

    @Test
    void thePasswordIsNeverShown() {
        MailSettings settings =
                MailSettings.parse("smtps://apikey:hunter2secret@smtp.example.com:465", "login@mina.example");

        assertThat(settings.toString()).doesNotContain("hunter2secret").contains("password=***");
        assertThat(settings.describe()).doesNotContain("hunter2secret").doesNotContain("apikey");
    }

    @Test
    void badSettingsStopTheStartWithWhatToFixAndNoPassword() {
        assertThatThrownBy(() -> MailSettings.parse("http://u:hunter2secret@smtp.example.com", "a@b.example"))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("smtp:// or smtps://")
                .hasMessageNotContaining("hunter2secret");
        assertThatThrownBy(() -> MailSettings.parse("smtp://u:hunter2 secret@smtp.example.com", "a@b.example"))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("SMTP_URL")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> MailSettings.parse("smtp://justauser@smtp.example.com", "a@b.example"))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("both a user and a password");
        assertThatThrownBy(() -> MailSettings.parse("smtp:///nohost", "a@b.example"))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("needs a host");
        assertThatThrownBy(() -> MailSettings.fromEnvironment(Map.of("SMTP_URL", "smtp://smtp.example.com")::get))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("MAIL_FROM is needed");
        assertThatThrownBy(() -> MailSettings.parse("smtp://smtp.example.com", "not an address"))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("MAIL_FROM is not an email address");
    }
}
