package me.minav3.http;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core inside the browser tests: {@code Axe.check(browser.driver, "archive")} runs the WCAG 2.2 A/AA rules
 * (and axe's best practices) on what the page shows now and fails with one readable line per rule and element
 * when any violation is serious or critical. The script is the {@code axe.min.js} bundled in
 * {@code com.deque.html.axe-core:selenium} (pinned in app-http's pom), injected by the test: nothing is fetched.
 *
 * <p>axe only judges what is rendered: open the view (and any dialog or state you care about) first, and call it
 * again at each size ({@link Browser#PHONE}) where the layout differs.
 */
final class Axe {

    /** The axe-core version inside the pinned jar; the check fails if the jar brings another. */
    static final String VERSION = "4.11.1";

    /** WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices (what Lighthouse's audit draws on). */
    static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice");

    private static final Set<String> BLOCKING = Set.of("serious", "critical");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = load();

    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            const target = (t) => t.map((part) => Array.isArray(part) ? part.join(' >>> ') : part).join(', ');
            axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
              .then((r) => done(JSON.stringify(r.violations.map((v) => ({
                rule: v.id, impact: v.impact || 'unknown', help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({target: target(n.target), summary: n.failureSummary || ''}))
              })))))
              .catch((e) => done('axe failed: ' + (e && e.stack || e)));""";

    /** One rule broken on this page, with every element that breaks it. */
    record Violation(String rule, String impact, String help, String helpUrl, List<Node> nodes) {

        boolean blocking() {
            return BLOCKING.contains(impact);
        }

        String describe() {
            return "- " + rule + " (" + impact + "): " + help + " [" + helpUrl + "]\n"
                    + nodes.stream()
                            .map(n -> "    at " + n.target() + "\n      "
                                    + n.summary().strip().replace("\n", "\n      "))
                            .collect(Collectors.joining("\n"));
        }
    }

    /** An element that breaks the rule: its CSS selector and axe's "Fix any/all of the following" text. */
    record Node(String target, String summary) {}

    private Axe() {}

    /** Fails the test, listing rule id, impact and target, when the page now shows a serious or critical violation. */
    static void check(WebDriver driver, String view) {
        List<Violation> blocking =
                violations(driver).stream().filter(Violation::blocking).toList();
        if (!blocking.isEmpty()) {
            fail("axe-core " + VERSION + " found " + blocking.size() + " serious or critical violation(s) on the '"
                    + view + "' view (" + shortened(driver.getCurrentUrl()) + "):\n"
                    + blocking.stream().map(Violation::describe).collect(Collectors.joining("\n")));
        }
    }

    /** Every violation on the page as it is now, of any impact. */
    static List<Violation> violations(WebDriver driver) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
            js.executeScript(SOURCE);
        }
        Object version = js.executeScript("return window.axe && window.axe.version");
        if (!VERSION.equals(version)) {
            fail("axe-core " + VERSION + " expected on the page, found " + version);
        }
        Object answer = js.executeAsyncScript(RUN, TAGS);
        String text = String.valueOf(answer);
        if (text.startsWith("axe failed")) {
            fail(text);
        }
        try {
            return List.of(JSON.readValue(text, Violation[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("axe-core answered something else than its violations: " + text, e);
        }
    }

    private static String shortened(String url) {
        String text = String.valueOf(url);
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }

    private static String load() {
        try (InputStream in = Axe.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException(
                        "axe.min.js is not on the test class path: app-http's pom must keep com.deque.html.axe-core:selenium");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
