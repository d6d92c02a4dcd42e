package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.PassId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.Dimension;

/**
 * Issue 24 items 1, 2 and 4 in Chromium at desktop and phone sizes (decision 031): Like, Dislike and taking either
 * back, a hard block from a dislike, a Download that lands as a file, the Preferences screen in Profile, and the
 * archive's date filter, input images, liked/disliked badges, Hide and the Recreate of a tweak; axe-core on the new
 * screens.
 */
class TastePageTest extends StudioPageTestBase {

    private static Dimension size(String name) {
        return name.equals("phone") ? Browser.PHONE : Browser.DESKTOP;
    }

    private static List<EventType> events(String id) {
        return server.wiring.database().events().about(GenerationId.parse(id)).stream()
                .map(MmaEvent::type)
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"desktop", "phone"})
    void aResultIsLikedDislikedTakenBackBlockedAndDownloadedAsAFile(String screen) throws Exception {
        browser.size(size(screen));
        String token = server.token("taste-" + screen + "@example.com");
        PassId passId = server.customer(token, 10);
        Path downloads = Files.createTempDirectory("mina-downloads");
        browser.downloadInto(downloads);
        browser.signIn(server.base, token);

        browser.type("#brief", "a neon sign over a matcha bar");
        browser.click("#still-go");
        String id = browser.awaitDoneSlide(1);

        browser.click("#like");
        browser.waitForText("#results-status", "Liked. MMA will lean towards this taste.");
        assertThat(browser.find("#like").getAttribute("aria-pressed")).isEqualTo("true");
        browser.click("#like");
        browser.waitForText("#results-status", "Like taken back.");
        assertThat(browser.find("#like").getAttribute("aria-pressed")).isEqualTo("false");
        assertThat(events(id)).containsSubsequence(EventType.LIKE, EventType.CLEAR);

        browser.click("#dislike");
        browser.waitForText("#results-status", "Disliked. MMA will lean away from it.");
        assertThat(browser.find("#dislike").getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.find("#block-form").isDisplayed()).isTrue();
        browser.type("#block-text", "neon");
        browser.screenshotHere("taste-dislike-" + screen);
        browser.click("#block-send");
        browser.waitForTextContaining("#results-status", "will never be in your prompts again");
        assertThat(browser.focusedId()).isEqualTo("dislike");
        assertThat(server.wiring
                        .database()
                        .customers()
                        .find(passId)
                        .orElseThrow()
                        .preferences()
                        .hardBlocks())
                .containsExactly("neon");
        assertThat(server.get("/api/generations/" + id, token)
                        .json()
                        .get("disliked")
                        .asBoolean())
                .isTrue();

        browser.click("#download");
        browser.waitForTextContaining("#results-status", "Downloaded minav3-");
        Path file = browser.until(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.filter(f -> f.getFileName().toString().matches("minav3-.*\\.png"))
                        .findFirst()
                        .orElse(null);
            } catch (java.io.IOException e) {
                return null;
            }
        });
        String output = server.get("/api/generations/" + id, token)
                .json()
                .get("output_url")
                .asText();
        byte[] stored = server.http()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(output))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                .body();
        assertThat(Files.readAllBytes(file)).isEqualTo(stored);
        assertThat(events(id).stream().filter(t -> t == EventType.DOWNLOAD)).hasSize(1);
        assertThat((String) browser.script("return location.pathname + location.hash"))
                .isEqualTo("/#studio");
    }

    @ParameterizedTest
    @ValueSource(strings = {"desktop", "phone"})
    void thePreferencesScreenShowsAndEditsHardBlocksAndTagWeights(String screen) {
        browser.size(size(screen));
        String token = server.token("prefs-" + screen + "@example.com");
        PassId passId = server.customer(token, 10);
        String liked = server.finishedStill(token, "tea on linen, golden hour");
        server.post("/api/generations/" + liked + "/events", token, "{\"type\":\"like\"}");
        server.put("/api/preferences", token, "{\"hard_blocks\":[\"neon\"],\"tag_weights\":{\"minimal\":1.5}}");
        browser.signIn(server.base, token);

        browser.click("[data-nav='profile']");
        browser.waitForTextContaining("#prefs-blocks", "neon");
        browser.waitForTextContaining("#prefs-learned", "golden hour +1");
        assertThat(browser.find("#prefs-w-0").getAttribute("value")).isEqualTo("1.5");
        Axe.check(browser.driver, "preferences (" + screen + ")");

        browser.click("#prefs-blocks button[aria-label='Remove hard block neon']");
        browser.type("#prefs-block-new", "plastic");
        browser.click("#prefs-block-add");
        browser.type("#prefs-tag-new", "pastel");
        browser.type("#prefs-weight-new", "2");
        browser.click("#prefs-weight-add");
        browser.type("#prefs-w-0", "-1");
        browser.click("#prefs-save");
        browser.waitForText("#prefs-status", "Saved. Your next creation uses them.");
        browser.script("document.querySelector('#preferences').scrollIntoView()");
        browser.screenshotHere("taste-preferences-" + screen);

        var saved =
                server.wiring.database().customers().find(passId).orElseThrow().preferences();
        assertThat(saved.hardBlocks()).containsExactly("plastic");
        assertThat(saved.tagWeights()).containsEntry("minimal", -1.0).containsEntry("pastel", 2.0);
        Axe.check(browser.driver, "preferences saved (" + screen + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"desktop", "phone"})
    void theArchiveFiltersByDateShowsInputsAndFlagsHidesAndRecreatesATweakFromItsFeedback(String screen) {
        browser.size(size(screen));
        String token = server.token("archive-" + screen + "@example.com");
        server.customer(token, 20);
        String withProduct = server.post("/api/stills", token, """
                        {"brief":"the product on travertine","product_url":"%s"}""".formatted(images.url("/product.png")))
                .json()
                .get("generation_id")
                .asText();
        server.awaitFinished(withProduct, token);
        String disliked = server.finishedStill(token, "a teapot in fog");
        server.post("/api/generations/" + withProduct + "/events", token, "{\"type\":\"like\"}");
        server.post("/api/generations/" + disliked + "/events", token, "{\"type\":\"dislike\"}");
        String tweak = server.post(
                        "/api/generations/" + withProduct + "/tweak", token, "{\"feedback\":\"warmer light please\"}")
                .json()
                .get("generation_id")
                .asText();
        server.awaitFinished(tweak, token);
        browser.signIn(server.base, token);

        browser.click("[data-nav='archive']");
        browser.until(d -> browser.cardIds().size() == 3 ? true : null);
        String productCard = "#archive-grid .card[data-id='" + withProduct + "']";
        String dislikedCard = "#archive-grid .card[data-id='" + disliked + "']";
        browser.waitForTextContaining(productCard + " .kicker", "LIKED");
        browser.waitForTextContaining(dislikedCard + " .kicker", "DISLIKED");
        browser.click(productCard + " button[aria-controls^='settings-']");
        assertThat(browser.find(productCard + " .settings .inputs img").getAttribute("alt"))
                .isEqualTo("Product image");
        Axe.check(browser.driver, "archive (" + screen + ")");

        // Tomorrow onwards: nothing; today: all three.
        browser.script("""
                const day = new Date(); day.setDate(day.getDate() + 1);
                const iso = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
                const from = document.querySelector('#f-from'); from.value = iso;
                from.dispatchEvent(new Event('change', { bubbles: true }));""");
        browser.waitForText("#archive-end", "Nothing here yet.");
        browser.screenshot("taste-archive-dates-" + screen);
        Axe.check(browser.driver, "archive date filter (" + screen + ")");
        browser.click("#f-clear-dates");
        browser.until(d -> browser.cardIds().size() == 3 ? true : null);

        browser.click(dislikedCard + " button[aria-label^='Hide']");
        browser.waitForText(dislikedCard + " button[aria-label^='Hide']", "Hide for good?");
        browser.click(dislikedCard + " button[aria-label^='Hide']");
        browser.waitForText("#archive-end", "Hidden. It is gone from your archive.");
        assertThat(browser.cardIds()).containsExactly(tweak, withProduct);
        assertThat(server.get("/api/generations/" + disliked, token).status()).isEqualTo(404);

        String tweakCard = "#archive-grid .card[data-id='" + tweak + "']";
        browser.click(tweakCard + " button[aria-controls^='settings-']");
        browser.waitForTextContaining(tweakCard + " .settings", "warmer light please");
        browser.screenshot("taste-archive-" + screen);
        browser.click(tweakCard + " .card-actions .button.secondary");
        browser.until(d -> "warmer light please".equals(browser.find("#brief").getAttribute("value")) ? true : null);
    }
}
