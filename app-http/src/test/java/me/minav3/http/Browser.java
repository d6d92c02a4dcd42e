package me.minav3.http;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver, both named by path so Selenium Manager never runs (and
 * nothing is downloaded). A missing browser fails the test with what to install; it never skips silently.
 */
final class Browser implements AutoCloseable {

    /** Before any page script: uncaught errors and refused content (CSP) are kept in sessionStorage, across reloads. */
    private static final String WATCH_PROBLEMS = """
            (() => {
              const keep = (text) => {
                try {
                  const all = JSON.parse(sessionStorage.getItem('test.problems') || '[]');
                  all.push(text);
                  sessionStorage.setItem('test.problems', JSON.stringify(all));
                } catch (e) { /* no storage on this page */ }
              };
              addEventListener('error', (e) => keep('error: ' + e.message + ' at ' + e.filename + ':' + e.lineno));
              addEventListener('unhandledrejection', (e) => keep('unhandled rejection: ' + (e.reason && e.reason.stack || e.reason)));
              document.addEventListener('securitypolicyviolation', (e) => keep('refused by CSP: ' + e.violatedDirective + ' ' + e.blockedURI));
            })();
            """;

    static final Dimension DESKTOP = new Dimension(1440, 960);
    static final Dimension PHONE = new Dimension(390, 844);
    private static final Duration WAIT = Duration.ofSeconds(30);

    final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;

    private Browser(ChromeDriver driver, Path profile, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
    }

    static Browser start() throws IOException {
        Path chromium = Path.of(System.getProperty("mina.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("mina.chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            fail("The studio page tests need Chromium and its driver at " + chromium + " and " + chromedriver
                    + ". Install them with: apt-get install -y chromium chromium-driver (.ci/run does this in CI),"
                    + " or point -Dmina.chromium and -Dmina.chromedriver at another pair.");
        }
        Path profile = Files.createTempDirectory("mina-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height,
                "--lang=en-US",
                "--hide-scrollbars");
        // More Chromium flags for an A/B run, comma-separated: -Dmina.chromium.args=--force-prefers-reduced-motion
        for (String extra : System.getProperty("mina.chromium.args", "").split(",")) {
            if (!extra.isBlank()) {
                options.addArguments(extra.strip());
            }
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH_PROBLEMS));
        Path shots = Path.of(System.getProperty("mina.screenshots.dir", "target/screenshots"));
        Files.createDirectories(shots);
        return new Browser(driver, profile, shots);
    }

    /** Lets the page save files, into {@code directory} (Chromium's download directory, through the DevTools protocol). */
    void downloadInto(Path directory) {
        driver.executeCdpCommand(
                "Browser.setDownloadBehavior",
                Map.of(
                        "behavior",
                        "allow",
                        "downloadPath",
                        directory.toAbsolutePath().toString()));
    }

    void open(String url) {
        driver.get(url);
    }

    /** Signs in as the token's owner the way the page does: the token in localStorage, then a fresh load. */
    void signIn(String base, String token) {
        driver.get(base + "/#studio");
        script("localStorage.clear(); localStorage.setItem('mina.token', arguments[0]);", token);
        driver.navigate().refresh();
        until(d -> !text("#matcha-count").equals("–"));
    }

    /** Uncaught script errors and content refused by the page's policy since the last call (then forgotten). */
    @SuppressWarnings("unchecked")
    List<String> problems() {
        Object found = script("const p = JSON.parse(sessionStorage.getItem('test.problems') || '[]');"
                + " sessionStorage.removeItem('test.problems'); return p;");
        return found == null ? List.of() : (List<String>) found;
    }

    void size(Dimension dimension) {
        driver.manage().window().setSize(dimension);
    }

    WebElement find(String css) {
        return until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    /** Clicks like a person: scrolled to the middle of the screen, so the sticky header never covers it. */
    void click(String css) {
        reachable(css).click();
    }

    /**
     * The element once a person could use it: shown, enabled and scrolled to the middle of the screen. On a loaded
     * machine a field can exist a moment before the page shows it (a resize, a screen being switched).
     */
    private WebElement reachable(String css) {
        WebElement element = find(css);
        until(d -> element.isDisplayed() && element.isEnabled(), () -> css + " to be shown and enabled");
        script("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", element);
        return element;
    }

    /** Keys to whatever has focus (never sendKeys on a focused file input: that would upload a "file"). */
    void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    String focusedId() {
        return (String) script("return document.activeElement && document.activeElement.id");
    }

    void type(String css, String text) {
        WebElement element = reachable(css);
        element.clear();
        element.sendKeys(text);
    }

    /** Waits until the element's text is exactly {@code expected}. */
    void waitForText(String css, String expected) {
        until(
                d -> expected.equals(text(css)) ? Boolean.TRUE : null,
                () -> css + " to read '" + expected + "' (was '" + text(css) + "')");
    }

    void waitForTextContaining(String css, String part) {
        until(
                d -> text(css).contains(part) ? Boolean.TRUE : null,
                () -> css + " to contain '" + part + "' (was '" + text(css) + "')");
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    <T> T until(Function<WebDriver, T> condition) {
        return until(condition, () -> "the page");
    }

    <T> T until(Function<WebDriver, T> condition, java.util.function.Supplier<String> what) {
        WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(50));
        wait.withMessage(what).ignoring(StaleElementReferenceException.class);
        return wait.until(condition);
    }

    /**
     * Resolves once fonts are loaded, every finite animation or transition running now has ended, every image in the
     * window is decoded and two more frames are painted (at most 2 s in all): what a fixed 450 ms wait used to stand for.
     * Endless animations (the pulsing "…", the shimmer of a slide being made) are photographed as they are.
     */
    private static final String SETTLED = """
            const finite = document.getAnimations().filter((a) => a.effect
                && a.effect.getComputedTiming().endTime !== Infinity && a.playState === 'running');
            const settled = document.fonts.ready
              .then(() => Promise.all(finite.map((a) => a.finished.catch(() => null))))
              .then(() => Promise.all([...document.images].filter((i) => {
                const r = i.getBoundingClientRect();
                return r.width > 0 && r.bottom > 0 && r.top < innerHeight;
              }).map((i) => i.decode().catch(() => null))))
              .then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
            return Promise.race([settled, new Promise((r) => setTimeout(r, 2000))]);""";

    /** Saves the viewport as docs-ready PNG (target/screenshots, or -Dmina.screenshots.dir=…/docs/screenshots). */
    void screenshot(String name) {
        script("window.scrollTo(0, 0)");
        screenshotHere(name);
    }

    /** The same, without scrolling to the top first. */
    void screenshotHere(String name) {
        // No focus ring from the test's own key presses; fades and image decoding settled.
        script("document.activeElement && document.activeElement.blur()");
        script(SETTLED);
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        try {
            Files.write(screenshots.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // What the studio page shows, read the same way by every test.

    /** Waits until the carousel holds {@code count} slides and the last one is finished; returns its id. */
    String awaitDoneSlide(int count) {
        return until(
                d -> {
                    var slides = all("#track .slide");
                    if (slides.size() != count
                            || !"done".equals(slides.get(count - 1).getAttribute("data-status"))) {
                        return null;
                    }
                    return slides.get(count - 1).getAttribute("data-id");
                },
                () -> count + " slides, the last one done");
    }

    /** Every control a person can reach that has no accessible name (a label, aria-label or its own text). */
    @SuppressWarnings("unchecked")
    List<String> unnamedControls() {
        return (List<String>) script("""
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

    List<String> cardIds() {
        return all("#archive-grid .card").stream()
                .map(card -> card.getAttribute("data-id"))
                .toList();
    }

    List<String> texts(String css) {
        return all(css).stream().map(e -> e.getAttribute("textContent")).toList();
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }
}
