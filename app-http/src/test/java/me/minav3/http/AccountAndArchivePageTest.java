package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/**
 * Signing in (email code from the log, Google through Supabase), the profile, the out-of-matcha state, and the
 * archive: infinite scroll, filters, settings and Recreate into the right mode (spec §3, §4.3, §9).
 * Real Chromium against the real server ({@link StudioPageFixture}); any script error or refused content fails.
 */
class AccountAndArchivePageTest extends StudioPageTestBase {

    @Test
    void signsInWithTheCodeFromTheServerLogShowsTheProfileAndLogsOut() {
        browser.open(server.base + "/");
        browser.script("localStorage.clear()");
        browser.open(server.base + "/");
        browser.find("#view-login:not([hidden])");
        assertThat(browser.find("#google").isDisplayed())
                .as("Google only when Supabase is configured")
                .isFalse();
        assertThat(browser.unnamedControls()).isEmpty();
        browser.screenshot("login");
        browser.size(Browser.PHONE);
        browser.screenshot("phone-login");
        browser.size(Browser.DESKTOP);

        browser.type("#email", "ada@example.com");
        browser.click("#send-code");
        browser.find("#code-form:not([hidden])");
        browser.type("#code", page.loginCode("ada@example.com"));
        browser.click("#verify-code");

        browser.find("#view-studio:not([hidden])");
        browser.waitForText("#matcha-count", "5 matcha");
        browser.waitForText("#still-go", "Create");
        browser.screenshot("studio-empty");

        browser.click("[data-nav='profile']");
        browser.waitForText("#p-email", "ada@example.com");
        assertThat(browser.text("#p-matcha")).isEqualTo("5");
        assertThat(browser.text("#p-expiry")).matches(".*20[0-9]{2}.*");
        assertThat(browser.text("#p-matcha-note")).contains("shop admin");
        assertThat(browser.unnamedControls()).isEmpty();
        browser.screenshot("profile");

        browser.click("#p-back");
        browser.find("#view-studio:not([hidden])");
        browser.click("[data-nav='profile']");
        String signedIn = (String) browser.script("return localStorage.getItem('mina.token')");
        browser.click("#logout");
        browser.find("#view-login:not([hidden])");
        assertThat(browser.script("return localStorage.getItem('mina.token')")).isNull();
        assertThat(server.get("/api/me", signedIn).status())
                .as("the server refuses the logged-out token")
                .isEqualTo(401);
    }

    @Test
    void withSupabaseConfiguredContinueWithGoogleSignsInThroughTheRedirect() throws Exception {
        try (SupabaseAuthFake supabase = new SupabaseAuthFake("grace@example.com");
                TestServer withSupabase = new TestServer(Map.of(
                        "SUPABASE_URL",
                        supabase.url(),
                        "SUPABASE_ANON_KEY",
                        "anon-key",
                        "SUPABASE_JWT_SECRET",
                        SupabaseAuthFake.SECRET))) {
            browser.open(withSupabase.base + "/");
            browser.script("localStorage.clear()");
            browser.open(withSupabase.base + "/");
            browser.find("#google:not([hidden])");
            assertThat(browser.find("#or").isDisplayed())
                    .as("the email code stays offered")
                    .isTrue();
            browser.screenshot("login-with-google");
            browser.click("#google");
            browser.find("#view-studio:not([hidden])");
            browser.waitForText("#matcha-count", "5 matcha");
            assertThat(browser.driver.getCurrentUrl())
                    .as("the token leaves the address bar")
                    .doesNotContain("access_token");
            browser.click("[data-nav='profile']");
            browser.waitForText("#p-email", "grace@example.com");
            browser.click("#logout");
            browser.find("#view-login:not([hidden])");
        }
    }

    @Test
    void outOfMatchaTheButtonsSayINeedMatchaAndExplainWhereItComesFrom() {
        String token = server.token("broke@example.com");
        long credits = server.get("/api/me", token).json().get("credits").asLong();
        for (int i = 0; i < credits; i++) {
            assertThat(server.post("/api/stills", token, "{\"brief\":\"a cup\"}")
                            .status())
                    .isEqualTo(202);
        }
        browser.signIn(server.base, token);
        browser.waitForText("#matcha-count", "0 matcha");
        browser.type("#brief", "a matcha whisk on slate");
        browser.waitForText("#still-go", "I need matcha");
        browser.click("#still-go");
        browser.waitForTextContaining("#still-status", "added by the shop admin");
        browser.screenshot("out-of-matcha");

        browser.click("#tab-video");
        browser.type("#motion-link", images.url("/product.png"));
        browser.click("#motion-link-add");
        browser.waitForText("#motion-go", "I need matcha");
    }

    @Test
    void theArchiveScrollsFiltersAndRecreatesIntoTheRightMode() {
        String token = server.token("keeper@example.com");
        server.customer(token, 40);
        List<String> stills = new ArrayList<>();
        String productStill = server.post("/api/stills", token, """
                {"brief":"the product on travertine","aspect_ratio":"3:4","product_url":"%s","settings":{"quality":"4K"}}""".formatted(images.url("/product.png")))
                .json()
                .get("generation_id")
                .asText();
        stills.add(productStill);
        for (int i = 1; i <= 13; i++) {
            stills.add(server.post("/api/stills", token, "{\"brief\":\"still life number " + i + "\"}")
                    .json()
                    .get("generation_id")
                    .asText());
        }
        stills.forEach(id -> server.awaitFinished(id, token));
        String video = server.post(
                        "/api/generations/" + stills.get(1) + "/animate",
                        token,
                        "{\"prompt\":\"the cup turns slowly\",\"duration\":5}")
                .json()
                .get("generation_id")
                .asText();
        server.awaitFinished(video, token);
        server.post("/api/generations/" + stills.get(2) + "/events", token, "{\"type\":\"like\"}");

        browser.signIn(server.base, token);
        browser.click("[data-nav='archive']");
        browser.until(d -> browser.all("#archive-grid .card").size() >= 12 ? true : null);
        assertThat(browser.unnamedControls()).isEmpty();
        browser.screenshot("archive");
        browser.until(d -> {
            browser.script("window.scrollTo(0, document.body.scrollHeight)");
            return browser.all("#archive-grid .card").size() == 15 ? true : null;
        });
        browser.waitForText("#archive-end", "That is everything.");

        browser.click("label[for='f-video']");
        browser.until(d -> browser.cardIds().equals(List.of(video)) ? true : null);
        browser.click("label[for='f-all']");
        browser.click("#f-liked");
        browser.until(d -> browser.cardIds().equals(List.of(stills.get(2))) ? true : null);
        browser.click("#f-liked");
        browser.until(d -> browser.all("#archive-grid .card").size() >= 12 ? true : null);

        String card = "#archive-grid .card[data-id='" + productStill + "']";
        browser.until(d -> {
            browser.script("window.scrollTo(0, document.body.scrollHeight)");
            return browser.all(card).isEmpty() ? null : true;
        });
        browser.script("document.querySelector(arguments[0]).scrollIntoView({block: 'center'})", card);
        browser.click(card + " .card-actions button[aria-expanded]");
        browser.waitForTextContaining(card + " .settings", "3:4");
        assertThat(browser.text(card + " .settings")).contains("4K");
        browser.click(card + " .card-actions .button.secondary");

        browser.find("#view-studio:not([hidden]) #still-form:not([hidden])");
        assertThat(browser.find("#brief").getAttribute("value")).isEqualTo("the product on travertine");
        assertThat(new Select(browser.find("#ratio")).getFirstSelectedOption().getText())
                .isEqualTo("3:4");
        assertThat(new Select(browser.find("#quality")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("4K");
        assertThat(browser.find("#still-slots .tile[data-kind='product'][data-state='ready'] img")
                        .getAttribute("src"))
                .startsWith(server.base + "/assets/");

        browser.click("[data-nav='archive']");
        browser.click("label[for='f-video']");
        browser.until(d -> browser.cardIds().equals(List.of(video)) ? true : null);
        browser.click("#archive-grid .card .card-actions .button.secondary");
        browser.find("#view-studio:not([hidden]) #motion-form:not([hidden])");
        assertThat(browser.find("#motion-text").getAttribute("value")).isEqualTo("the cup turns slowly");
        browser.find("#motion-slots .tile[data-state='ready']");
        browser.waitForText("#motion-go", "Animate");
    }
}
