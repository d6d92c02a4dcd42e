package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Issue 24.3 in Chromium: the style picker shows the presets with their thumbnails, takes several styles up to the
 * limit, saves my uploaded inspiration as my own style and deletes it; the chosen styles reach the generation.
 */
class StylePickerPageTest extends StudioPageTestBase {

    @Test
    void choosesTwoStylesSavesOneOfMyOwnAndDeletesIt() throws Exception {
        String token = server.token("styles-page@example.com");
        server.customer(token, 10);
        browser.signIn(server.base, token);

        browser.until(d -> browser.all("#style-grid .style-option").size() == 3 ? true : null);
        assertThat(browser.text("#style-summary")).startsWith("None");
        // The thumbnails are lazy and decode asynchronously: wait until each one has settled (loaded or broken),
        // then every one must have loaded. A broken one settles too, so it fails here rather than timing out.
        browser.script("document.getElementById('style-grid').scrollIntoView()");
        Object thumbnails = browser.until(d -> browser.script("""
                        const images = [...document.querySelectorAll('#style-grid img')];
                        if (!images.every(i => i.complete)) return null;
                        return images.every(i => i.naturalWidth > 0) ? 'loaded' : 'broken';
                        """), () -> "the preset thumbnails to settle");
        assertThat(thumbnails).as("every preset thumbnail loads").isEqualTo("loaded");

        // Several at once, up to the limit (3): the fourth option is disabled once three are chosen.
        browser.click("#style-chips input[value='noir'] + label");
        browser.click("#style-chips input[value='sunset'] + label");
        assertThat(browser.text("#style-summary")).isEqualTo("Noir + Golden hour · 2 of 3");

        // My own style from an uploaded inspiration image.
        browser.find("#still-slots .tile[data-kind='inspiration'] input[type='file']")
                .sendKeys(images.productFile().toString());
        browser.find("#still-slots .tile[data-kind='inspiration'][data-state='ready']");
        browser.type("#style-name", "Linen mornings");
        browser.click("#style-save");
        browser.until(d -> browser.all("#style-grid .style-option.own").size() == 1 ? true : null);
        assertThat(browser.text("#style-summary")).isEqualTo("Noir + Golden hour + Linen mornings · 3 of 3");
        assertThat(browser.find("#style-chips input[value='pastel']").isEnabled())
                .as("over the limit cannot be chosen")
                .isFalse();
        browser.screenshot("styles-chosen");
        noSeriousAxeViolationInThePicker("styles, desktop");
        browser.size(Browser.PHONE);
        noSeriousAxeViolationInThePicker("styles, phone");
        browser.script("document.getElementById('style-chips').scrollIntoView()");
        browser.screenshotHere("styles-phone");
        browser.size(Browser.DESKTOP);

        // Creating with the limit reached, then the generation names all three and carries their images.
        browser.type("#brief", "a matcha tin on linen");
        browser.click("#still-go");
        String made = browser.awaitDoneSlide(1);
        JsonNode still = server.get("/api/generations/" + made, token).json();
        assertThat(still.get("style").asText()).isEqualTo("Noir + Golden hour + Linen mornings");
        assertThat(still.get("assets").get("styles")).hasSize(3);

        // Deleting my style: gone from the picker and from the server; the presets stay.
        String ownId = browser.find("#style-grid .style-option.own").getAttribute("data-style-id");
        browser.click("#style-grid .style-option.own .style-delete");
        browser.until(d -> browser.all("#style-grid .style-option.own").isEmpty() ? true : null);
        assertThat(server.get("/api/styles", token).json().get("mine")).isEmpty();
        assertThat(ownId).startsWith("my-");
        assertThat(browser.all("#style-grid .style-option")).hasSize(3);
        browser.screenshot("styles-after-delete");
    }

    /**
     * axe-core (i24-shell's helper) on the picker: no serious or critical violation on any of its elements. The
     * page-wide findings (e.g. the {@code .optional} legend contrast every fieldset shares) belong to issue 24
     * item 7's track and are not counted here.
     */
    private static void noSeriousAxeViolationInThePicker(String view) {
        var inPicker = Axe.violations(browser.driver).stream()
                .filter(Axe.Violation::blocking)
                .filter(v -> v.nodes().stream()
                        .anyMatch(
                                n -> n.target().contains("style") && !n.target().endsWith(".optional")))
                .map(Axe.Violation::describe)
                .toList();
        assertThat(inPicker).as(view).isEmpty();
    }
}
