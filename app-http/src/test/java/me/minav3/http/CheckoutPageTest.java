package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import me.minav3.mma.common.Actor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;

/**
 * Decision 034 in Chromium: the profile's pack and quantity chooser gives a cart link that opens in a new tab, and
 * the open page's matcha pill rises after a signed orders-paid webhook, without a reload, at desktop and phone size.
 */
class CheckoutPageTest {

    private static final String SECRET = "shpss_page_secret";
    private static TestServer server;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(
                Map.of("SHOPIFY_WEBHOOK_SECRET", SECRET, "SHOPIFY_STORE_DOMAIN", "mina-test.myshopify.com"));
        server.wiring
                .publishConfig()
                .publish(
                        "mma.shopify",
                        Map.of(
                                "api_version",
                                "2026-10",
                                "customer_tag",
                                "Mina-users",
                                "variants",
                                Map.of("MINA-50", "4412345678901", "MINA-200", "4412345678902"),
                                "default_pack",
                                "MINA-50"),
                        Actor.SYSTEM);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theOpenPagesBalanceRisesAfterASignedWebhookAtDesktopAndPhoneSize() throws Exception {
        for (Dimension size : new Dimension[] {Browser.DESKTOP, Browser.PHONE}) {
            String at = size == Browser.PHONE ? " (phone)" : "";
            browser.size(size);
            String token = server.token((size == Browser.PHONE ? "phone" : "desk") + "-buyer@example.com");
            String passId = server.customer(token, 0).value();
            browser.signIn(server.base, token);
            browser.waitForText("#matcha-count", "5 matcha");

            browser.open(server.base + "/#profile");
            browser.until(d -> browser.find("#checkout-form").isDisplayed());
            new Select(browser.find("#checkout-pack")).selectByValue("MINA-200");
            browser.type("#checkout-quantity", "3");
            browser.until(d -> {
                String href = browser.find("#p-checkout").getAttribute("href");
                return href != null && href.contains("/cart/4412345678902:3") ? Boolean.TRUE : null;
            });
            assertThat(browser.find("#p-checkout").getAttribute("target")).isEqualTo("_blank");
            assertThat(browser.find("#p-checkout").getAttribute("rel")).contains("noopener");
            Axe.check(browser.driver, "checkout" + at);
            browser.screenshot("checkout-chooser" + (size == Browser.PHONE ? "-phone" : ""));

            browser.type("#checkout-quantity", "100");
            browser.waitForTextContaining("#checkout-status", "between 1 and 99");
            assertThat(browser.find("#p-checkout").getAttribute("href")).isNull();

            // Mark the page: a reload would lose the mark.
            browser.script("window.__stayed = true;");
            assertThat(BalanceStreamHttpTest.deliver(server, passId, 2, SECRET).status())
                    .isEqualTo(200);
            browser.waitForText("#matcha-count", "105 matcha");
            assertThat(browser.script("return window.__stayed === true")).isEqualTo(Boolean.TRUE);
            assertThat(browser.problems()).isEmpty();
        }
    }
}
