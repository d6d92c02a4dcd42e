package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import me.minav3.mma.common.PassId;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The editor on a result (issue 23.6), tried as a new user would on the embedded defaults (the local editor): a
 * mask painted with the mouse (brush, undo, clear), then each of the six tools run from the page (eraser, inpaint
 * with a prompt, expand to 16:9, remove background, upscale ×2, vectorize), each with its spec §14 button states,
 * before/after, and the price and tool pool line moving by the tool's fraction until "I need matcha". The
 * vectorized result is an SVG shown only as an image, never inlined. One server, one browser, one journey.
 */
class EditorPageTest extends StudioPageTestBase {

    /** Records every label the editor's main button shows, so a short-lived "Erasing…" is seen too. */
    private static final String WATCH_LABELS = "window.editorLabels = [];"
            + "const go = document.querySelector('#editor-go');"
            + "new MutationObserver(() => window.editorLabels.push(go.textContent))"
            + ".observe(go, {childList: true, characterData: true, subtree: true});";

    private String token;

    @Test
    void paintsAMaskAndRunsEachToolWithItsButtonStatesPriceAndPoolUntilINeedMatcha() throws Exception {
        long started = System.nanoTime();
        token = server.token("editor@example.com");
        PassId passId = server.customer(token, 0);
        browser.signIn(server.base, token);

        browser.find("#still-slots .tile[data-kind='product'] input[type='file']")
                .sendKeys(images.productFile().toString());
        browser.find("#still-slots .tile[data-kind='product'][data-state='ready']");
        browser.type("#brief", "a matcha tin on linen");
        browser.click("#still-go");
        String still = browser.awaitDoneSlide(1);
        // Exactly 3 matcha after the still: the six tools draw 2⅗ through three moves into the pool, one more eraser
        // leaves ⅕ in the pool and nothing on the balance.
        long balance = server.get("/api/me", token).json().get("credits").asLong();
        assertThat(server.post(
                                "/api/admin/customers/" + passId.value() + "/credits",
                                server.adminToken("admin@example.com"),
                                "{\"delta\": " + (3 - balance) + ", \"reason\": \"editor journey\","
                                        + " \"adjustment_id\": \"editor-journey\"}")
                        .status())
                .isEqualTo(200);
        browser.waitForText("#matcha-count", "3 matcha");
        String stillUrl =
                browser.find("#track .slide[data-id='" + still + "'] img").getAttribute("src");

        // Opened from the result; the tools are a radio group reached and changed with the keyboard.
        browser.click("#edit");
        assertThat(browser.find("#editor").isDisplayed()).isTrue();
        assertThat(browser.find("#edit").getAttribute("aria-expanded")).isEqualTo("true");
        browser.until(d -> intOf("return document.querySelector('#editor-mask').width") > 1 ? true : null);
        assertThat(browser.focusedId()).isEqualTo("tool-eraser");
        browser.press(Keys.ARROW_RIGHT);
        assertThat(browser.focusedId()).isEqualTo("tool-inpaint");
        assertThat(browser.find("#editor-prompt").isDisplayed()).isTrue();
        browser.press(Keys.ARROW_LEFT);
        assertThat(browser.focusedId()).isEqualTo("tool-eraser");
        browser.waitForText("#editor-go", "Paint the area first");
        assertThat(browser.texts("#editor-tools label"))
                .as("each tool with its price from mma.edit")
                .containsExactly(
                        "Eraser ½", "Inpaint ½", "Expand ½", "Remove background ⅕", "Upscale ⅒", "Vectorize ½");

        // Two strokes, undo one, clear, then one stroke again: the canvas keeps exactly what is painted.
        stroke(0.3, 0.3, 0.1);
        stroke(0.6, 0.6, 0.05);
        assertThat(strokes()).isEqualTo("2");
        browser.click("#editor-undo");
        assertThat(strokes()).isEqualTo("1");
        browser.click("#editor-clear");
        assertThat(strokes()).isEqualTo("0");
        browser.waitForText("#editor-go", "Paint the area first");
        stroke(0.42, 0.4, 0.12);
        browser.waitForText("#editor-go", "Erase");
        assertThat(intOf("const c = document.querySelector('#editor-mask');"
                        + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n;"))
                .as("painted pixels on the mask canvas")
                .isPositive();
        assertThat(price())
                .isEqualTo("Eraser costs ½ matcha · 0 matcha in your tool pool"
                        + " (1 matcha moves from your balance into the pool first).");
        assertThat(browser.unnamedControls()).isEmpty();
        Axe.check(browser.driver, "editor");
        shots("editor-mask", "#editor");

        browser.script(WATCH_LABELS);
        int svgsBefore = intOf("return document.querySelectorAll('svg').length");

        // Eraser: the mask goes up as the user's own upload; 1 matcha moves into the pool, ½ is drawn.
        String erased = run("eraser", "Erasing…", "½", 2);
        assertThat(labels()).contains("Uploading…");
        JsonNode edit = server.get("/api/generations/" + erased, token).json();
        assertThat(edit.get("parent_id").asText()).isEqualTo(still);
        assertThat(edit.toString())
                .as("the painted mask went up as the user's own upload")
                .contains(server.base + "/assets/");
        assertThat(browser.find("#editor-before img").getAttribute("src")).isEqualTo(stillUrl);
        assertThat(browser.find("#editor-after img").getAttribute("alt")).isEqualTo("After: Eraser");
        shots("editor-before-after", "#editor-compare");
        assertThat(browser.find("#tweak").isDisplayed())
                .as("an edit result is not tweaked (the route refuses it): it is edited again instead")
                .isFalse();
        assertThat(server.post("/api/generations/" + erased + "/tweak", token, "{\"feedback\":\"warmer\"}")
                        .status())
                .isEqualTo(409);

        // Inpaint: the same mask, and a prompt first.
        browser.click("label[for='tool-inpaint']");
        browser.waitForText("#editor-go", "Write what to fill");
        browser.type("#editor-prompt", "a sprig of mint");
        run("inpaint", "Filling…", "0", 2);

        // Expand to 16:9 (the local still is 1:1).
        browser.click("label[for='tool-expand']");
        assertThat(browser.find("#editor-aspect").isDisplayed()).isTrue();
        assertThat(browser.find("#editor-mask-tools").isDisplayed()).isFalse();
        run("expand", "Expanding…", "½", 1);
        assertThat(doubleOf("const i = document.querySelector('#editor-after img');"
                        + " return i.naturalWidth / i.naturalHeight;"))
                .isCloseTo(16.0 / 9.0, within(0.02));

        run("remove-background", "Removing background…", "3/10", 1);

        browser.click("label[for='tool-upscale']");
        browser.click("label[for='scale-2']");
        run("upscale", "Upscaling…", "⅕", 1);
        assertThat(intOf("return document.querySelector('#editor-after img').naturalWidth"))
                .isEqualTo(2 * intOf("return document.querySelector('#editor-before img').naturalWidth"));

        // Vectorize: ½ > ⅕ in the pool, the last matcha moves in. The SVG is an <img> that renders, never inlined.
        String vector = run("vectorize", "Vectorizing…", "7/10", 0);
        String svgUrl = browser.find("#editor-after img").getAttribute("src");
        assertThat(server.get("/api/generations/" + vector, token)
                        .json()
                        .get("output_url")
                        .asText())
                .isEqualTo(svgUrl);
        TestServer.Reply svg =
                server.send(HttpRequest.newBuilder(URI.create(svgUrl)).build());
        assertThat(svg.header("Content-Type")).startsWith("image/svg+xml");
        assertThat(DocumentBuilderFactory.newDefaultNSInstance()
                        .newDocumentBuilder()
                        .parse(new ByteArrayInputStream(svg.body().getBytes(StandardCharsets.UTF_8)))
                        .getDocumentElement()
                        .getLocalName())
                .isEqualTo("svg");
        assertThat(intOf("return document.querySelectorAll('svg').length"))
                .as("the SVG result is never inlined into the page")
                .isEqualTo(svgsBefore);
        assertThat(intOf(
                        "return document.querySelectorAll(\"#track img[src='\" + arguments[0] + \"']\").length",
                        svgUrl))
                .as("the vectorized creation in the carousel is an image too")
                .isEqualTo(1);
        assertThat(browser.find("#edit").isDisplayed())
                .as("an SVG is not edited again (the route refuses it)")
                .isFalse();
        shots("editor-vectorized", "#editor-compare");

        // One more eraser on the same mask: ⅕ left in the pool, no matcha to move in.
        browser.click("label[for='tool-eraser']");
        run("eraser", "Erasing…", "⅕", 0);
        browser.waitForText("#editor-go", "I need matcha");
        browser.click("#editor-go");
        browser.waitForTextContaining("#editor-status", "You are out of matcha");
        browser.click("label[for='tool-vectorize']");
        browser.waitForText("#editor-go", "I need matcha");
        browser.click("label[for='tool-remove-background']");
        browser.waitForText("#editor-go", "Remove background");
        browser.click("label[for='tool-upscale']");
        browser.waitForText("#editor-go", "Upscale");
        assertThat(browser.all("#track .slide")).hasSize(8);
        Axe.check(browser.driver, "editor after runs");
        System.out.printf("EditorPageTest journey: %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /**
     * Runs the chosen tool from the page: its running label is seen, its result shown before/after, the pool line
     * reads {@code pool} matcha and the balance {@code balance}. Returns the edit's generation id.
     */
    private String run(String tool, String running, String pool, long balance) {
        browser.script("window.editorLabels = window.editorLabels || []; window.editorLabels.length = 0;");
        browser.click("label[for='tool-" + tool + "']");
        String before = browser.find("#editor-compare").getAttribute("data-id");
        browser.click("#editor-go");
        String id = browser.until(
                d -> {
                    WebElement compare = browser.find("#editor-compare");
                    if (!tool.equals(compare.getAttribute("data-tool"))
                            || java.util.Objects.equals(before, compare.getAttribute("data-id"))) {
                        return null;
                    }
                    if (Boolean.TRUE.equals(browser.script("const i = document.querySelector('#editor-after img');"
                            + " return i.complete && i.naturalWidth === 0;"))) {
                        throw new AssertionError(tool + "'s result did not load in Chromium: "
                                + browser.find("#editor-after img").getAttribute("src"));
                    }
                    return loaded("#editor-after img") ? compare.getAttribute("data-id") : null;
                },
                () -> tool + " shown before/after");
        assertThat(labels()).as(tool + "'s button states").contains(running);
        browser.until(
                d -> price().contains(" · " + pool + " matcha in your tool pool") ? true : null,
                () -> "the pool to read " + pool + " after " + tool + " (was '" + price() + "')");
        browser.waitForText("#matcha-count", balance + " matcha");
        assertThat(server.get("/api/me", token).json().get("credits").asLong()).isEqualTo(balance);
        assertThat(server.get("/api/generations/" + id, token)
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("done");
        return id;
    }

    /** Drags the brush across the canvas from (fx, fy) by d, as fractions of its size. */
    private void stroke(double fx, double fy, double d) {
        WebElement canvas = browser.find("#editor-mask");
        browser.script("arguments[0].scrollIntoView({block: 'center'})", canvas);
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

    /** The editor at desktop and phone width, scrolled to {@code css} (the editor, or its before/after). */
    private void shots(String name, String css) {
        for (var size : List.of(Browser.DESKTOP, Browser.PHONE)) {
            browser.size(size);
            browser.script(
                    "document.querySelector(arguments[0]).scrollIntoView({block: 'start'}); window.scrollBy(0, -72);",
                    css);
            browser.screenshotHere(name + (size == Browser.PHONE ? "-phone" : ""));
        }
        browser.size(Browser.DESKTOP);
    }

    private String strokes() {
        return browser.find("#editor-mask").getAttribute("data-strokes");
    }

    private String price() {
        return browser.text("#editor-price");
    }

    @SuppressWarnings("unchecked")
    private List<Object> labels() {
        return (List<Object>) browser.script("return window.editorLabels");
    }

    private int intOf(String js, Object... args) {
        return ((Number) browser.script(js, args)).intValue();
    }

    private double doubleOf(String js) {
        return ((Number) browser.script(js)).doubleValue();
    }

    private boolean loaded(String css) {
        return Boolean.TRUE.equals(browser.script(
                "const i = document.querySelector(arguments[0]); return !!i && i.complete && i.naturalWidth > 0;",
                css));
    }
}
