package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import me.minav3.adapters.r2.AssetStores;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * The studio: uploads, create with live lines (through a refresh), tweak, like, the carousel, animate with
 * "Type for me", video feedback and regeneration, and a failure that is refunded and retried (spec §4–§8, §14).
 * Real Chromium against the real server ({@link StudioPageFixture}); any script error or refused content fails.
 */
class StudioPageTest extends StudioPageTestBase {

    @Test
    void uploadsByFileAndLinkCreatesWhileLinesStreamThenTweaksAndLikes() throws Exception {
        String token = server.token("maker@example.com");
        server.customer(token, 10);
        browser.signIn(server.base, token);

        browser.find("#still-slots .tile[data-kind='product'] input[type='file']")
                .sendKeys(images.productFile().toString());
        browser.find("#still-slots .tile[data-kind='product'][data-state='ready']");

        // A file that is not an image: the server's reason is shown and the tile stays empty.
        Path notes = Files.createTempFile("notes", ".txt");
        Files.writeString(notes, "not a picture");
        browser.find("#still-slots .tile[data-kind='logo'] input[type='file']").sendKeys(notes.toString());
        browser.until(d -> "error".equals(browser.find("#still-status").getAttribute("data-tone")) ? true : null);
        assertThat(browser.text("#still-status")).isNotBlank();
        assertThat(browser.find("#still-slots .tile[data-kind='logo']").getAttribute("data-state"))
                .isEqualTo("empty");
        browser.waitForText("#still-go", "Create");
        Files.delete(notes);

        // A slow site: the button says so while the server fetches the link.
        browser.type("#still-link", images.url("/mood.png?delay=1500"));
        new Select(browser.find("#still-link-kind")).selectByValue("inspiration");
        browser.click("#still-link-add");
        browser.waitForText("#still-go", "Uploading…");
        browser.find("#still-slots .tile[data-kind='inspiration'][data-state='ready']");
        browser.waitForText("#still-go", "Create");

        // Never stuck: past the stall limit the upload stops and the button offers to send it again.
        browser.script("localStorage.setItem('mina.upload_stall_ms', '300')");
        browser.type("#still-link", images.url("/mood.png?delay=3000"));
        new Select(browser.find("#still-link-kind")).selectByValue("logo");
        browser.click("#still-link-add");
        browser.waitForText("#still-go", "Upload image again");
        browser.script("localStorage.removeItem('mina.upload_stall_ms')");
        browser.click("#still-slots .tile[data-kind='logo'] .remove");
        browser.waitForText("#still-go", "Create");

        browser.type("#brief", "a matcha tin on linen, soft morning light");
        browser.click("#style-chips input[value='noir'] + label");
        new Select(browser.find("#ratio")).selectByValue("4:5");
        // The page forgets a generation once it has seen it finish. Until the refresh below, this page is not told
        // (its streams drop `done`), so the refresh finds the generation to re-attach to however long this machine
        // takes to get there: a loaded one can take longer than the local providers take to finish the still.
        browser.script("window.streamUrls = []; const Native = window.EventSource;"
                + "window.EventSource = class extends Native {"
                + " constructor(url, init) { super(url, init); window.streamUrls.push(String(url)); }"
                + " addEventListener(type, listener, options) {"
                + " if (type !== 'done') super.addEventListener(type, listener, options); } };");
        browser.click("#still-go");
        browser.waitForText("#still-go", "Creating…");
        browser.until(d -> browser.all("#still-lines li").size() >= 2 ? true : null);
        assertThat(browser.find("#still-lines").isDisplayed())
                .as("the lines are in the text area")
                .isTrue();
        assertThat((List<?>) browser.script("return window.streamUrls"))
                .as("streams open with a ticket, never with the token in the URL")
                .anySatisfy(url -> assertThat(url.toString()).contains("/stream?ticket="))
                .noneSatisfy(url -> assertThat(url.toString()).contains("access_token"));
        browser.screenshot("creating");

        // The lines survive a refresh: the page re-attaches to the running generation and replays them.
        List<String> before = browser.texts("#still-lines li");
        browser.driver.navigate().refresh();
        browser.until(d -> browser.all("#still-lines li").size() >= before.size() ? true : null);
        assertThat(browser.texts("#still-lines li")).startsWith(before.toArray(String[]::new));
        assertThat(browser.find("#brief").getAttribute("value"))
                .as("the request comes back too")
                .isEqualTo("a matcha tin on linen, soft morning light");
        assertThat(browser.find("#style-chips input[value='noir']").isSelected())
                .isTrue();

        String first = browser.awaitDoneSlide(1);
        JsonNode made = server.get("/api/generations/" + first, token).json();
        assertThat(made.get("style").asText()).isEqualTo("Noir");
        assertThat(made.get("aspect_ratio").asText()).isEqualTo("4:5");
        assertThat(made.get("assets").get("product_url").asText()).startsWith(server.base + "/assets/");
        assertThat(made.get("assets").get("inspiration_urls")).hasSize(1);
        // The download goes through GET /api/generations/{id}/download (decision 031), not a link to the asset.
        assertThat(browser.find("#download").getTagName()).isEqualTo("button");
        assertThat(browser.find("#download").getAttribute("href")).isNull();
        assertThat(browser.find("#download").isDisplayed()).isTrue();

        browser.click("#like");
        browser.waitForText("#like", "Liked");
        assertThat(browser.find("#like").getAttribute("aria-pressed")).isEqualTo("true");
        browser.until(d ->
                server.get("/api/archive?liked=true", token).json().get("items").size() == 1 ? true : null);

        browser.click("#tweak");
        browser.type("#tweak-text", "warmer light please");
        browser.click("#tweak-send");
        String second = browser.awaitDoneSlide(2);
        assertThat(server.get("/api/generations/" + second, token)
                        .json()
                        .get("parent_id")
                        .asText())
                .isEqualTo(first);
        assertThat(browser.all("#bullets .bullet")).hasSize(2);
        assertThat(browser.find("#carousel").getAttribute("data-index"))
                .as("the new one is appended on the right")
                .isEqualTo("1");
        assertThat(browser.unnamedControls()).isEmpty();
        browser.screenshot("results");

        browser.find("#carousel").sendKeys(Keys.ARROW_LEFT);
        browser.until(d -> "0".equals(browser.find("#carousel").getAttribute("data-index")) ? true : null);
        browser.click(".slide[data-id='" + first + "'] .zoom");
        browser.find("#viewer[open] img");
        browser.find("#viewer .close").sendKeys(Keys.ESCAPE);
        browser.until(d -> browser.all("#viewer[open]").isEmpty() ? true : null);
        browser.find("#carousel").sendKeys(Keys.ARROW_RIGHT);
        browser.until(d -> "1".equals(browser.find("#carousel").getAttribute("data-index")) ? true : null);

        browser.size(Browser.PHONE);
        browser.screenshot("phone-studio");
        browser.script("document.querySelector('#results').scrollIntoView()");
        browser.screenshotHere("phone-results");
    }

    @Test
    void animatesAStillWithTypeForMeAndSendsVideoFeedback() {
        String token = server.token("mover@example.com");
        server.customer(token, 30);
        browser.signIn(server.base, token);

        browser.find("#tab-still").sendKeys(Keys.ARROW_RIGHT);
        browser.find("#motion-form:not([hidden])");
        browser.waitForText("#motion-go", "I need an image");
        assertThat(browser.find("#type-for-me").isEnabled())
                .as("Type for me needs an image")
                .isFalse();
        browser.find("#tab-video").sendKeys(Keys.ARROW_LEFT);
        browser.find("#still-form:not([hidden])");

        // Create by keyboard: type the brief, Tab through the form to Create, press Enter.
        browser.type("#brief", "a green tin on linen");
        boolean reached = false;
        for (int i = 0; i < 25 && !reached; i++) {
            browser.press(Keys.TAB);
            reached = "still-go".equals(browser.focusedId());
        }
        assertThat(reached).as("Tab reaches Create").isTrue();
        browser.press(Keys.ENTER);
        String still = browser.awaitDoneSlide(1);

        browser.click("#animate");
        browser.find("#motion-form:not([hidden])");
        assertThat(browser.find("#tab-video").getAttribute("aria-selected")).isEqualTo("true");
        assertThat(browser.find("#motion-text").getAttribute("value")).isEmpty();
        assertThat(browser.find("#motion-slots .tile[data-state='ready'] img").getAttribute("src"))
                .isEqualTo(server.get("/api/generations/" + still, token)
                        .json()
                        .get("output_url")
                        .asText());
        assertThat(new Select(browser.find("#motion-ratio"))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("1:1");
        assertThat(browser.all("#movement-chips input:checked")).isEmpty();
        browser.waitForText("#motion-go", "Animate");

        assertThat(browser.unnamedControls()).isEmpty();
        browser.click("#type-for-me");
        browser.until(d -> browser.find("#motion-text").getAttribute("value").isBlank() ? null : true);
        browser.screenshot("animation");
        browser.click("#motion-go");
        browser.waitForText("#motion-go", "Animating… (3 min)");
        browser.until(d -> browser.all("#motion-lines li").isEmpty() ? null : true);
        browser.screenshot("animating");
        String video = browser.awaitDoneSlide(2);
        assertThat(browser.find(".slide[data-id='" + video + "'] video").getAttribute("src"))
                .endsWith(".mp4");
        assertThat(server.get("/api/generations/" + video, token)
                        .json()
                        .get("parent_id")
                        .asText())
                .isEqualTo(still);
        assertThat(browser.find("#animate").isDisplayed())
                .as("a video is not animated again")
                .isFalse();
        browser.screenshot("video-result");

        browser.click("#tweak");
        browser.waitForText("#tweak-send", "Send feedback");
        browser.type("#tweak-text", "slower please");
        browser.click("#tweak-send");
        browser.waitForTextContaining("#results-status", "feedback on this video is recorded");
        assertThat(browser.all(".slide")).as("feedback only: no new video").hasSize(2);

        // Drag a still from the right panel into the animation input.
        browser.click("#motion-slots .tile[data-kind='animation'] .remove");
        browser.waitForText("#motion-go", "I need an image");
        browser.script("""
                const source = document.querySelector('.slide[data-mode="still"] .zoom');
                const target = document.querySelector('#motion-slots .tile');
                const transfer = new DataTransfer();
                source.dispatchEvent(new DragEvent('dragstart', {dataTransfer: transfer, bubbles: true}));
                target.dispatchEvent(new DragEvent('dragover', {dataTransfer: transfer, bubbles: true, cancelable: true}));
                target.dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));""");
        browser.waitForText("#motion-go", "Animate");
        assertThat(browser.find("#type-for-me").isEnabled()).isTrue();

        // With motion regeneration switched on, a video's Tweak makes a new video.
        String admin = server.adminToken("boss@example.com");
        assertThat(server.post("/api/admin/config/mma.video", admin, REGEN.formatted(true))
                        .status())
                .isEqualTo(200);
        try {
            browser.until(d -> server.get("/api/me", token)
                            .json()
                            .get("video")
                            .get("regen_enabled")
                            .asBoolean()
                    ? true
                    : null);
            browser.click("[data-nav='profile']");
            browser.click("#p-back");
            browser.click("#bullets .bullet:nth-child(2)");
            browser.click("#tweak");
            browser.waitForText("#tweak-send", "Send tweak");
            browser.type("#tweak-text", "slower please, and closer");
            browser.click("#tweak-send");
            String again = browser.awaitDoneSlide(3);
            assertThat(server.get("/api/generations/" + again, token)
                            .json()
                            .get("parent_id")
                            .asText())
                    .isEqualTo(video);
            assertThat(browser.find(".slide[data-id='" + again + "'] video").getAttribute("src"))
                    .endsWith(".mp4");
        } finally {
            server.post("/api/admin/config/mma.video", admin, REGEN.formatted(false));
        }
    }

    private static final String REGEN = """
            {"value":{"regen_enabled":%s,"default_duration":5,"durations":[5,10],"pass_through_user_text":false,
             "estimate_seconds":180}}""";

    @Test
    void aCreationThatFailsIsRefundedAndTheButtonOffersRetry() throws Exception {
        String token = server.token("unlucky@example.com");
        server.customer(token, 2);
        browser.signIn(server.base, token);
        browser.waitForText("#matcha-count", "7 matcha");
        browser.type("#still-link", images.url("/product.png"));
        browser.click("#still-link-add");
        String stored = browser.find("#still-slots .tile[data-kind='product'][data-state='ready'] img")
                .getAttribute("src");
        // The stored product image goes missing: MMA cannot read it, the generation fails and is refunded.
        Path file = AssetStores.localFile(
                        server.wiring.localAssetsDir(), stored.substring((server.base + "/assets/").length()))
                .orElseThrow()
                .path();
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);

        browser.type("#brief", "a tin that will not be made");
        browser.click("#still-go");
        browser.waitForText("#still-go", "Retry");
        browser.waitForTextContaining("#still-status", "refunded");
        browser.waitForText("#matcha-count", "7 matcha");
        assertThat(browser.all("#track .slide"))
                .as("the failed one leaves the right panel")
                .isEmpty();

        Files.write(file, bytes);
        browser.click("#still-go");
        browser.waitForText("#still-go", "Creating…");
        browser.awaitDoneSlide(1);
        browser.waitForText("#still-go", "Create");
        browser.waitForText("#matcha-count", "6 matcha");
    }
}
