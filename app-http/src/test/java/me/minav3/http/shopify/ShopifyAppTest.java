package me.minav3.http.shopify;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Each test gets a fresh {@link ShopifyApp} (its own database); the class shares one local Shopify fake. */
abstract class ShopifyAppTest {

    static WireMockServer shopify;

    @TempDir
    Path dataDir;

    ShopifyApp app;

    @BeforeAll
    static void startShop() {
        shopify = new WireMockServer(wireMockConfig().dynamicPort());
        shopify.start();
    }

    @AfterAll
    static void stopShop() {
        shopify.stop();
    }

    @BeforeEach
    void startApp() {
        app = new ShopifyApp(shopify, dataDir);
    }

    @AfterEach
    void stopApp() {
        app.close();
    }
}
