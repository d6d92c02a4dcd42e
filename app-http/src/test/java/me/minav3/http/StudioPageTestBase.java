package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The life of a studio page test class: one {@link StudioPageFixture} for the class, a desktop-sized window before
 * each test, and after each test no script error and nothing refused by the browser.
 */
abstract class StudioPageTestBase {

    static StudioPageFixture page;
    static ImageServer images;
    static TestServer server;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        page = new StudioPageFixture();
        images = page.images;
        server = page.server;
        browser = page.browser;
    }

    @AfterAll
    static void stop() throws Exception {
        if (page != null) {
            page.close();
        }
    }

    @BeforeEach
    void desktop() {
        browser.size(Browser.DESKTOP);
    }

    @AfterEach
    void noScriptErrorsAndNothingRefused() {
        assertThat(browser.problems()).isEmpty();
    }
}
