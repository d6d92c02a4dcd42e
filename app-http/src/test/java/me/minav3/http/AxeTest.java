package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The axe helper itself: it passes a clean page and fails a broken one with rule, impact and element named. */
class AxeTest {

    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    private static void show(String body) {
        String html = "<!doctype html><html lang='en'><head><title>Axe check</title></head><body><main>" + body
                + "</main></body></html>";
        browser.open("data:text/html;charset=utf-8,"
                + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    @Test
    void aCleanPagePasses() {
        show("<h1>Studio</h1><label for='brief'>Brief</label><input id='brief'><button>Create</button>");

        Axe.check(browser.driver, "clean");
        assertThat(Axe.violations(browser.driver)).noneMatch(Axe.Violation::blocking);
    }

    @Test
    void aPageWithFaintTextAndAnUnnamedButtonFailsNamingRuleImpactAndElement() {
        show("<h1>Studio</h1><p id='hint' style='color:#aaa;background:#fff'>Only on this machine</p>"
                + "<button id='go'><svg width='10' height='10'></svg></button>");

        assertThatThrownBy(() -> Axe.check(browser.driver, "broken"))
                .hasMessageContaining("on the 'broken' view")
                .hasMessageContaining("- color-contrast (serious)")
                .hasMessageContaining("at #hint")
                .hasMessageContaining("- button-name (critical)")
                .hasMessageContaining("at #go");
    }

    @Test
    void aModerateFindingAloneIsReportedButDoesNotFail() {
        // A heading level skipped is a moderate best-practice finding: reported, not blocking.
        show("<h1>One</h1><h3>Three</h3>");

        assertThat(Axe.violations(browser.driver))
                .extracting(Axe.Violation::rule, Axe.Violation::impact)
                .contains(org.assertj.core.groups.Tuple.tuple("heading-order", "moderate"));
        Axe.check(browser.driver, "moderate only");
    }
}
