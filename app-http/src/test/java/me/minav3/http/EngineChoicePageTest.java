package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 22 in Chromium: the Engine choice lists main and niche with their prices; two stills made on niche charge 2
 * and runs on the niche engine's provider; when the balance no longer covers niche, the Create button becomes the
 * one-click "Switch to Main" offer, which makes the next still on main.
 */
class EngineChoicePageTest extends StudioPageTestBase {

    @Test
    void choosesTheNicheEngineThenTakesTheSwitchToMainOfferInOneClick() throws Exception {
        String token = server.token("engines-page@example.com");
        server.customer(token, 0); // the sign-up grant: 5 matcha
        browser.signIn(server.base, token);

        browser.until(d -> browser.all("#engine option").size() == 2 ? true : null);
        Select engine = new Select(browser.find("#engine"));
        assertThat(engine.getFirstSelectedOption().getAttribute("value")).isEqualTo("main");
        assertThat(browser.all("#engine option").stream().map(o -> o.getText()).toList())
                .containsExactly("Main · 1 matcha", "Niche · 2 matcha");

        engine.selectByValue("niche");
        browser.until(d -> browser.text("#still-cost").startsWith("2 matcha per still") ? true : null);
        browser.type("#brief", "a pear on linen, soft window light");
        browser.click("#still-go");
        browser.awaitDoneSlide(1);
        browser.type("#brief", "a pear on linen, evening light");
        browser.click("#still-go");
        String niche = browser.awaitDoneSlide(2);
        JsonNode nicheStill = server.get("/api/generations/" + niche, token).json();
        assertThat(nicheStill.get("provider").asText()).isEqualTo("local_niche");
        assertThat(nicheStill.get("settings").get("engine").asText()).isEqualTo("niche");

        // 1 matcha left: niche is out of reach, main is not — one click makes the still on main.
        browser.until(d -> browser.text("#still-go").equals("Switch to Main · 1 matcha") ? true : null);
        browser.screenshot("engine-switch-to-main");
        var blocking = Axe.violations(browser.driver).stream()
                .filter(Axe.Violation::blocking)
                .filter(v -> v.nodes().stream()
                        .anyMatch(
                                n -> n.target().contains("engine") || n.target().contains("still-go")))
                .map(Axe.Violation::describe)
                .toList();
        assertThat(blocking).as("axe on the engine choice and its offer").isEmpty();

        browser.click("#still-go");
        String main = browser.awaitDoneSlide(3);
        JsonNode mainStill = server.get("/api/generations/" + main, token).json();
        assertThat(mainStill.get("provider").asText()).isEqualTo("local");
        assertThat(mainStill.get("settings").get("engine").asText()).isEqualTo("main");
        assertThat(new Select(browser.find("#engine")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("main");
        assertThat(server.get("/api/me", token).json().get("credits").asLong()).isZero();
        browser.until(d -> browser.text("#still-go").equals("I need matcha") ? true : null);
    }
}
