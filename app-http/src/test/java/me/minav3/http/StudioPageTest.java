package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.minav3.adapters.r2.AssetStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import org.slf4j.LoggerFactory;

/**
 * The studio page in real Chromium against the real server (random port, fresh PostgreSQL, local providers with
 * a little latency so the states can be seen): the user journey of spec §3–§9 and the button states of §14.
 */
class StudioPageTest {

    private static ImageServer images;
    private static TestServer server;
    private static Browser browser;
    private static final ListAppender<ILoggingEvent> mailbox = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        images = new ImageServer();
        server = new TestServer(Map.of("MINA_ALLOW_LOOPBACK_FETCH", "true", "MINA_LOCAL_LATENCY_MS", "400"));
        mailbox.start();
        ((Logger) LoggerFactory.getLogger("me.minav3.login")).addAppender(mailbox);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger("me.minav3.login")).detachAppender(mailbox);
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        images.close();
    }

    @BeforeEach
    void desktop() {
        browser.size(Browser.DESKTOP);
    }

    @AfterEach
    void noScriptErrorsAndNothingRefused() {
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void signsInWithTheCodeFromTheServerLogShowsTheProfileAndLogsOut() {
        browser.open(server.base + "/");
        browser.script("localStorage.clear()");
        browser.open(server.base + "/");
        browser.find("#view-login:not([hidden])");
        assertThat(browser.find("#google").isDisplayed()).as("Google only when Supabase is configured").isFalse();
        assertThat(unnamedControls()).isEmpty();
        browser.screenshot("login");
        browser.size(Browser.PHONE);
        browser.screenshot("phone-login");
        browser.size(Browser.DESKTOP);

        browser.type("#email", "ada@example.com");
        browser.click("#send-code");
        browser.find("#code-form:not([hidden])");
        browser.type("#code", loginCode("ada@example.com"));
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
        assertThat(unnamedControls()).isEmpty();
        browser.screenshot("profile");

        browser.click("#p-back");
        browser.find("#view-studio:not([hidden])");
        browser.click("[data-nav='profile']");
        browser.click("#logout");
        browser.find("#view-login:not([hidden])");
        assertThat(browser.script("return localStorage.getItem('mina.token')")).isNull();
    }

    @Test
    void withSupabaseConfiguredContinueWithGoogleSignsInThroughTheRedirect() throws Exception {
        String secret = "supabase-project-secret-0123456789-abcdef";
        // Supabase Auth's /authorize, as far as the page sees it: back to redirect_to with the token in the fragment.
        HttpServer supabase = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        supabase.createContext("/auth/v1/authorize", exchange -> {
            var query = java.net.URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            Matcher back = Pattern.compile("provider=google&redirect_to=(.+)").matcher(query);
            String location = back.matches() ? back.group(1) + "#access_token=" + supabaseToken(secret)
                    + "&token_type=bearer&expires_in=3600" : "/";
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        supabase.start();
        String url = "http://127.0.0.1:" + supabase.getAddress().getPort();
        try (TestServer withSupabase = new TestServer(Map.of("SUPABASE_URL", url, "SUPABASE_ANON_KEY", "anon-key",
                "SUPABASE_JWT_SECRET", secret))) {
            browser.open(withSupabase.base + "/");
            browser.script("localStorage.clear()");
            browser.open(withSupabase.base + "/");
            browser.find("#google:not([hidden])");
            assertThat(browser.find("#or").isDisplayed()).as("the email code stays offered").isTrue();
            browser.screenshot("login-with-google");
            browser.click("#google");
            browser.find("#view-studio:not([hidden])");
            browser.waitForText("#matcha-count", "5 matcha");
            assertThat(browser.driver.getCurrentUrl()).as("the token leaves the address bar").doesNotContain("access_token");
            browser.click("[data-nav='profile']");
            browser.waitForText("#p-email", "grace@example.com");
            browser.click("#logout");
            browser.find("#view-login:not([hidden])");
        } finally {
            supabase.stop(0);
        }
    }

    private static String supabaseToken(String secret) {
        var claims = new JWTClaimsSet.Builder().subject("8d0f6a2e-0c4b-4d7e-9a51-3f2b1c9e7a10").audience("authenticated")
                .claim("email", "grace@example.com").claim("role", "authenticated")
                .expirationTime(java.util.Date.from(java.time.Instant.now().plusSeconds(3600))).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

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
        assertThat(browser.find("#still-slots .tile[data-kind='logo']").getAttribute("data-state")).isEqualTo("empty");
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
        browser.click("#style-chips input[value='Editorial'] + label");
        new Select(browser.find("#ratio")).selectByValue("4:5");
        browser.click("#still-go");
        browser.waitForText("#still-go", "Creating…");
        browser.until(d -> browser.all("#still-lines li").size() >= 2 ? true : null);
        assertThat(browser.find("#still-lines").isDisplayed()).as("the lines are in the text area").isTrue();
        browser.screenshot("creating");

        // The lines survive a refresh: the page re-attaches to the running generation and replays them.
        List<String> before = texts("#still-lines li");
        browser.driver.navigate().refresh();
        browser.until(d -> browser.all("#still-lines li").size() >= before.size() ? true : null);
        assertThat(texts("#still-lines li")).startsWith(before.toArray(String[]::new));
        assertThat(browser.find("#brief").getAttribute("value")).as("the request comes back too")
                .isEqualTo("a matcha tin on linen, soft morning light");
        assertThat(browser.find("#style-chips input[value='Editorial']").isSelected()).isTrue();

        String first = awaitDoneSlide(1);
        JsonNode made = server.get("/api/generations/" + first, token).json();
        assertThat(made.get("style").asText()).isEqualTo("Editorial");
        assertThat(made.get("aspect_ratio").asText()).isEqualTo("4:5");
        assertThat(made.get("assets").get("product_url").asText()).startsWith(server.base + "/assets/");
        assertThat(made.get("assets").get("inspiration_urls")).hasSize(1);
        assertThat(browser.find("#download").getAttribute("href")).isEqualTo(made.get("output_url").asText());

        browser.click("#like");
        browser.waitForText("#like", "Liked");
        assertThat(browser.find("#like").getAttribute("aria-pressed")).isEqualTo("true");
        browser.until(d -> server.get("/api/archive?liked=true", token).json().get("items").size() == 1 ? true : null);

        browser.click("#tweak");
        browser.type("#tweak-text", "warmer light please");
        browser.click("#tweak-send");
        String second = awaitDoneSlide(2);
        assertThat(server.get("/api/generations/" + second, token).json().get("parent_id").asText()).isEqualTo(first);
        assertThat(browser.all("#bullets .bullet")).hasSize(2);
        assertThat(browser.find("#carousel").getAttribute("data-index")).as("the new one is appended on the right").isEqualTo("1");
        assertThat(unnamedControls()).isEmpty();
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
        assertThat(browser.find("#type-for-me").isEnabled()).as("Type for me needs an image").isFalse();
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
        String still = awaitDoneSlide(1);

        browser.click("#animate");
        browser.find("#motion-form:not([hidden])");
        assertThat(browser.find("#tab-video").getAttribute("aria-selected")).isEqualTo("true");
        assertThat(browser.find("#motion-text").getAttribute("value")).isEmpty();
        assertThat(browser.find("#motion-slots .tile[data-state='ready'] img").getAttribute("src"))
                .isEqualTo(server.get("/api/generations/" + still, token).json().get("output_url").asText());
        assertThat(new Select(browser.find("#motion-ratio")).getFirstSelectedOption().getText()).isEqualTo("1:1");
        assertThat(browser.all("#movement-chips input:checked")).isEmpty();
        browser.waitForText("#motion-go", "Animate");

        assertThat(unnamedControls()).isEmpty();
        browser.click("#type-for-me");
        browser.until(d -> browser.find("#motion-text").getAttribute("value").isBlank() ? null : true);
        browser.screenshot("animation");
        browser.click("#motion-go");
        browser.waitForText("#motion-go", "Animating… (3 min)");
        browser.until(d -> browser.all("#motion-lines li").isEmpty() ? null : true);
        browser.screenshot("animating");
        String video = awaitDoneSlide(2);
        assertThat(browser.find(".slide[data-id='" + video + "'] video").getAttribute("src")).endsWith(".mp4");
        assertThat(server.get("/api/generations/" + video, token).json().get("parent_id").asText()).isEqualTo(still);
        assertThat(browser.find("#animate").isDisplayed()).as("a video is not animated again").isFalse();
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
        assertThat(server.post("/api/admin/config/mma.video", admin, REGEN.formatted(true)).status()).isEqualTo(200);
        try {
            browser.until(d -> server.get("/api/me", token).json().get("video").get("regen_enabled").asBoolean() ? true : null);
            browser.click("[data-nav='profile']");
            browser.click("#p-back");
            browser.click("#bullets .bullet:nth-child(2)");
            browser.click("#tweak");
            browser.waitForText("#tweak-send", "Send tweak");
            browser.type("#tweak-text", "slower please, and closer");
            browser.click("#tweak-send");
            String again = awaitDoneSlide(3);
            assertThat(server.get("/api/generations/" + again, token).json().get("parent_id").asText()).isEqualTo(video);
            assertThat(browser.find(".slide[data-id='" + again + "'] video").getAttribute("src")).endsWith(".mp4");
        } finally {
            server.post("/api/admin/config/mma.video", admin, REGEN.formatted(false));
        }
    }

    private static final String REGEN = """
            {"value":{"regen_enabled":%s,"default_duration":5,"durations":[5,10],"pass_through_user_text":false,
             "estimate_seconds":180}}""";

    @Test
    void outOfMatchaTheButtonsSayINeedMatchaAndExplainWhereItComesFrom() {
        String token = server.token("broke@example.com");
        long credits = server.get("/api/me", token).json().get("credits").asLong();
        for (int i = 0; i < credits; i++) {
            assertThat(server.post("/api/stills", token, "{\"brief\":\"a cup\"}").status()).isEqualTo(202);
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
    void aCreationThatFailsIsRefundedAndTheButtonOffersRetry() throws Exception {
        String token = server.token("unlucky@example.com");
        server.customer(token, 2);
        browser.signIn(server.base, token);
        browser.waitForText("#matcha-count", "7 matcha");
        browser.type("#still-link", images.url("/product.png"));
        browser.click("#still-link-add");
        String stored = browser.find("#still-slots .tile[data-kind='product'][data-state='ready'] img").getAttribute("src");
        // The stored product image goes missing: MMA cannot read it, the generation fails and is refunded.
        Path file = AssetStores.localFile(server.wiring.localAssetsDir(),
                stored.substring((server.base + "/assets/").length())).orElseThrow().path();
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);

        browser.type("#brief", "a tin that will not be made");
        browser.click("#still-go");
        browser.waitForText("#still-go", "Retry");
        browser.waitForTextContaining("#still-status", "refunded");
        browser.waitForText("#matcha-count", "7 matcha");
        assertThat(browser.all("#track .slide")).as("the failed one leaves the right panel").isEmpty();

        Files.write(file, bytes);
        browser.click("#still-go");
        browser.waitForText("#still-go", "Creating…");
        awaitDoneSlide(1);
        browser.waitForText("#still-go", "Create");
        browser.waitForText("#matcha-count", "6 matcha");
    }

    @Test
    void theArchiveScrollsFiltersAndRecreatesIntoTheRightMode() {
        String token = server.token("keeper@example.com");
        server.customer(token, 40);
        List<String> stills = new ArrayList<>();
        String productStill = server.post("/api/stills", token, """
                {"brief":"the product on travertine","aspect_ratio":"3:4","product_url":"%s","settings":{"quality":"4K"}}"""
                .formatted(images.url("/product.png"))).json().get("generation_id").asText();
        stills.add(productStill);
        for (int i = 1; i <= 13; i++) {
            stills.add(server.post("/api/stills", token, "{\"brief\":\"still life number " + i + "\"}").json()
                    .get("generation_id").asText());
        }
        stills.forEach(id -> server.awaitFinished(id, token));
        String video = server.post("/api/generations/" + stills.get(1) + "/animate", token,
                "{\"prompt\":\"the cup turns slowly\",\"duration\":5}").json().get("generation_id").asText();
        server.awaitFinished(video, token);
        server.post("/api/generations/" + stills.get(2) + "/events", token, "{\"type\":\"like\"}");

        browser.signIn(server.base, token);
        browser.click("[data-nav='archive']");
        browser.until(d -> browser.all("#archive-grid .card").size() >= 12 ? true : null);
        assertThat(unnamedControls()).isEmpty();
        browser.screenshot("archive");
        browser.until(d -> {
            browser.script("window.scrollTo(0, document.body.scrollHeight)");
            return browser.all("#archive-grid .card").size() == 15 ? true : null;
        });
        browser.waitForText("#archive-end", "That is everything.");

        browser.click("label[for='f-video']");
        browser.until(d -> cardIds().equals(List.of(video)) ? true : null);
        browser.click("label[for='f-all']");
        browser.click("#f-liked");
        browser.until(d -> cardIds().equals(List.of(stills.get(2))) ? true : null);
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
        assertThat(new Select(browser.find("#ratio")).getFirstSelectedOption().getText()).isEqualTo("3:4");
        assertThat(new Select(browser.find("#quality")).getFirstSelectedOption().getAttribute("value")).isEqualTo("4K");
        assertThat(browser.find("#still-slots .tile[data-kind='product'][data-state='ready'] img").getAttribute("src"))
                .startsWith(server.base + "/assets/");

        browser.click("[data-nav='archive']");
        browser.click("label[for='f-video']");
        browser.until(d -> cardIds().equals(List.of(video)) ? true : null);
        browser.click("#archive-grid .card .card-actions .button.secondary");
        browser.find("#view-studio:not([hidden]) #motion-form:not([hidden])");
        assertThat(browser.find("#motion-text").getAttribute("value")).isEqualTo("the cup turns slowly");
        browser.find("#motion-slots .tile[data-state='ready']");
        browser.waitForText("#motion-go", "Animate");
    }

    /** Waits until the carousel holds {@code count} slides and the last one is finished; returns its id. */
    private static String awaitDoneSlide(int count) {
        return browser.until(d -> {
            var slides = browser.all("#track .slide");
            if (slides.size() != count || !"done".equals(slides.get(count - 1).getAttribute("data-status"))) {
                return null;
            }
            return slides.get(count - 1).getAttribute("data-id");
        }, () -> count + " slides, the last one done");
    }

    /** Every control a person can reach that has no accessible name (a label, aria-label or its own text). */
    @SuppressWarnings("unchecked")
    private static List<String> unnamedControls() {
        return (List<String>) browser.script("""
                const named = (el) => {
                  const labelled = el.getAttribute('aria-labelledby');
                  return (el.getAttribute('aria-label')
                    || (el.labels ? [...el.labels].map((l) => l.textContent).join(' ') : '')
                    || (labelled ? document.getElementById(labelled)?.textContent : '')
                    || el.textContent || el.getAttribute('title') || '').trim() !== '';
                };
                return [...document.querySelectorAll('input, select, textarea, button, a[href], [tabindex="0"]')]
                  .filter((el) => !el.closest('[hidden], [inert], dialog:not([open])'))
                  .filter((el) => !named(el))
                  .map((el) => el.outerHTML.slice(0, 160));""");
    }

    private static List<String> cardIds() {
        return browser.all("#archive-grid .card").stream().map(card -> card.getAttribute("data-id")).toList();
    }

    private static List<String> texts(String css) {
        return browser.all(css).stream().map(e -> e.getAttribute("textContent")).toList();
    }

    private static String loginCode(String email) {
        Pattern pattern = Pattern.compile("email=" + Pattern.quote(email) + " code=([0-9]{6})");
        return browser.until(d -> {
            for (ILoggingEvent event : List.copyOf(mailbox.list).reversed()) {
                Matcher matcher = pattern.matcher(event.getFormattedMessage());
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
            return null;
        });
    }
}
