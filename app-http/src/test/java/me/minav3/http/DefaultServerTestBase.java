package me.minav3.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The life of an HTTP test class on the embedded defaults: one {@link TestServer} for the whole class. */
abstract class DefaultServerTestBase {

    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }
}
