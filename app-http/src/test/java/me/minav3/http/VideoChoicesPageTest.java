package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 22 item 3 (decision 041): the animation form offers the lengths and the sound of the configured video model,
 * the estimate under the Animate button follows the length and sound, and what is sent is what was chosen.
 */
class VideoChoicesPageTest extends StudioPageTestBase {

    @Test
    void choosingALengthAndSoundChangesTheEstimateAndTheVideoIsMadeAndChargedAsChosen() throws Exception {
        var published = server.post(
                "/api/admin/config/mma.provider.kling.defaults",
                server.adminToken("boss@example.com"),
                "{\"value\":{\"model_name\":\"kling-v2-6\",\"mode\":\"std\"}}");
        assertThat(published.status()).as(published.body()).isIn(200, 201);
        String token = server.token("sound-maker@example.com");
        server.customer(token, 100);
        browser.signIn(server.base, token);

        browser.click("#tab-video");
        browser.find("#motion-form:not([hidden])");
        browser.find("#motion-slots input[type='file']")
                .sendKeys(images.productFile().toString());
        browser.find("#motion-slots .tile[data-state='ready']");
        browser.waitForText("#motion-go", "Animate");
        long have = server.get("/api/me", token).json().get("credits").asLong(); // 100 and the sign-up grant
        assertThat(new Select(browser.find("#duration")).getOptions())
                .extracting(o -> o.getAttribute("value"))
                .containsExactly("5", "10");
        assertThat(browser.find("#sound-field").isDisplayed())
                .as("kling-v2-6 makes sound")
                .isTrue();
        browser.waitForText("#motion-cost", "10 matcha for 5 seconds · you have " + have);

        new Select(browser.find("#duration")).selectByValue("10");
        browser.waitForText("#motion-cost", "20 matcha for 10 seconds · you have " + have);
        browser.click("#sound");
        // Sound runs kling-v2-6 in pro: 2 a second × 10 × 1.75.
        browser.waitForText("#motion-cost", "35 matcha for 10 seconds with sound · you have " + have);
        Axe.check(browser.driver, "animation with a length and sound");
        browser.screenshot("video-length-and-sound");

        browser.click("#motion-go");
        browser.until(d -> server.get("/api/me", token).json().get("credits").asLong() == have - 35 ? true : null);
        JsonNode items = server.get("/api/archive?mode=video", token).json().get("items");
        assertThat(items).hasSize(1);
        JsonNode video = server.get(
                        "/api/generations/" + items.get(0).get("generation_id").asText(), token)
                .json();
        assertThat(video.get("settings").get("duration").asInt()).isEqualTo(10);
        assertThat(video.get("settings").get("sound").asBoolean()).isTrue();
    }
}
