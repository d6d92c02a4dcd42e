package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The editor on a result (issue 23.6): a mask painted on the canvas (brush, undo, clear) and the eraser run on it,
 * then remove background and vectorize on the same still; the price and the tool pool, the spec §14 button states,
 * before/after, the SVG shown as an image and never inlined. One server, one browser, one journey.
 */
class EditorPageTest extends StudioPageTestBase {

    /** Records every label the editor's main button shows, so a short-lived "Erasing…" is seen too. */
    private static final String WATCH_LABELS = "window.editorLabels = [];"
            + "const go = document.querySelector('#editor-go');"
            + "new MutationObserver(() => window.editorLabels.push(go.textContent))"
            + ".observe(go, {childList: true, characterData: true, subtree: true});";

    @Test
    void paintsAMaskErasesThenRemovesTheBackgroundAndVectorizesWithPriceAndPool() throws Exception {
        String token = server.token("editor@example.com");
        server.customer(token, 3);
        browser.signIn(server.base, token);

        browser.find("#still-slots .tile[data-kind='product'] input[type='file']")
                .sendKeys(images.productFile().toString());
        browser.find("#still-slots .tile[data-kind='product'][data-state='ready']");
        browser.type("#brief", "a matcha tin on linen");
        browser.click("#still-go");
        String still = browser.awaitDoneSlide(1);
        long balance = server.get("/api/me", token).json().get("credits").asLong();
        String stillUrl =
                browser.find("#track .slide[data-id='" + still + "'] img").getAttribute("src");

        browser.click("#edit");
        assertThat(browser.find("#editor").isDisplayed()).isTrue();
        assertThat(browser.find("#edit").getAttribute("aria-expanded")).isEqualTo("true");
        browser.until(
                d -> ((Number) browser.script("return document.querySelector('#editor-mask').width")).intValue() > 1
                        ? true
                        : null);
        browser.waitForText("#editor-go", "Paint the area first");

        // Two strokes, undo one, clear, then one stroke again: the canvas keeps exactly what is painted.
        stroke(0.3, 0.3, 0.1);
        stroke(0.6, 0.6, 0.05);
        assertThat(strokes()).isEqualTo("2");
        browser.click("#editor-undo");
        assertThat(strokes()).isEqualTo("1");
        browser.click("#editor-clear");
        assertThat(strokes()).isEqualTo("0");
        browser.waitForText("#editor-go", "Paint the area first");
        stroke(0.4, 0.4, 0.15);
        browser.waitForText("#editor-go", "Erase");
        assertThat(browser.unnamedControls()).isEmpty();
        Axe.check(browser.driver, "editor");
        browser.screenshotHere("editor-mask");
        assertThat(browser.text("#editor-price"))
                .as("the price of the eraser and the (empty) pool, from the server's config")
                .contains("Eraser costs ½ matcha")
                .contains("0 matcha in your tool pool");

        browser.script(WATCH_LABELS);
        browser.click("#editor-go");
        String erased = afterOf("eraser");
        @SuppressWarnings("unchecked")
        List<Object> labels = (List<Object>) browser.script("return window.editorLabels");
        assertThat(labels).contains("Uploading…", "Erasing…");
        JsonNode edit = server.get("/api/generations/" + erased, token).json();
        assertThat(edit.get("parent_id").asText()).isEqualTo(still);
        assertThat(edit.toString())
                .as("the painted mask went up as the user's own upload")
                .contains(server.base + "/assets/");
        assertThat(browser.find("#editor-before img").getAttribute("src")).isEqualTo(stillUrl);
        assertThat(loaded("#editor-after img")).isTrue();
        // The eraser moved 1 matcha into the pool and drew ½ of it.
        browser.until(d -> browser.text("#editor-price").contains("½ matcha in your tool pool") ? true : null);
        assertThat(server.get("/api/me", token).json().get("credits").asLong()).isEqualTo(balance - 1);
        browser.screenshot("editor-erased");
        browser.find("#editor-compare").getLocation();
        browser.screenshotHere("editor-before-after");

        browser.click("label[for='tool-remove-background']");
        browser.waitForText("#editor-go", "Remove background");
        assertThat(browser.find("#editor-mask-tools").isDisplayed()).isFalse();
        browser.click("#editor-go");
        afterOf("remove-background");
        browser.until(d -> browser.text("#editor-price").contains("3/10 matcha in your tool pool") ? true : null);

        browser.click("label[for='tool-vectorize']");
        browser.waitForText("#editor-go", "Vectorize");
        browser.click("#editor-go");
        String vector = afterOf("vectorize");
        String svgUrl = browser.find("#editor-after img").getAttribute("src");
        assertThat(server.get("/api/generations/" + vector, token)
                        .json()
                        .get("output_url")
                        .asText())
                .isEqualTo(svgUrl);
        assertThat(loaded("#editor-after img"))
                .as("the SVG renders as an image")
                .isTrue();
        assertThat(((Number) browser.script("return document.querySelectorAll('#editor svg, #track svg').length"))
                        .intValue())
                .as("never inlined")
                .isZero();
        // ½ > 3/10 in the pool: one more matcha moved in, ⅘ left.
        browser.until(d -> browser.text("#editor-price").contains("⅘ matcha in your tool pool") ? true : null);
        assertThat(server.get("/api/me", token).json().get("credits").asLong()).isEqualTo(balance - 2);
        assertThat(browser.all("#track .slide")).hasSize(4);
        browser.screenshotHere("editor-vectorized");

        browser.click("label[for='tool-upscale']");
        browser.waitForText("#editor-go", "Upscale");
        browser.click("label[for='tool-eraser']");
        browser.waitForText("#editor-go", "Paint the area first");
        Axe.check(browser.driver, "editor after runs");
    }

    /** Drags the brush across the canvas from (fx, fy) by d, as fractions of its size. */
    private void stroke(double fx, double fy, double d) {
        WebElement canvas = browser.find("#editor-mask");
        int w = canvas.getSize().getWidth();
        int h = canvas.getSize().getHeight();
        new Actions(browser.driver)
                .moveToElement(canvas, (int) (w * (fx - 0.5)), (int) (h * (fy - 0.5)))
                .clickAndHold()
                .moveByOffset((int) (w * d), (int) (h * d / 2))
                .moveByOffset((int) (w * d / 2), (int) (h * d))
                .release()
                .perform();
    }

    private String strokes() {
        return browser.find("#editor-mask").getAttribute("data-strokes");
    }

    /** Waits for the tool's result in the before/after view; returns the new generation's id. */
    private String afterOf(String tool) {
        return browser.until(
                d -> {
                    WebElement compare = browser.find("#editor-compare");
                    return tool.equals(compare.getAttribute("data-tool")) && loaded("#editor-after img")
                            ? compare.getAttribute("data-id")
                            : null;
                },
                () -> tool + " shown before/after");
    }

    private boolean loaded(String css) {
        return Boolean.TRUE.equals(browser.script(
                "const i = document.querySelector(arguments[0]); return !!i && i.complete && i.naturalWidth > 0;",
                css));
    }
}
