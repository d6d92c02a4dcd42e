package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.minav3.client.ApiClient;
import me.minav3.client.ApiException;
import me.minav3.client.api.AuthApi;
import me.minav3.client.api.StudioApi;
import me.minav3.client.model.Accepted;
import me.minav3.client.model.AccessToken;
import me.minav3.client.model.ArchivePage;
import me.minav3.client.model.CodeSent;
import me.minav3.client.model.EmailCodeCheck;
import me.minav3.client.model.EmailCodeRequest;
import me.minav3.client.model.Me;
import me.minav3.client.model.MyGeneration;
import me.minav3.client.model.NeedMatcha;
import me.minav3.client.model.StillRequest;
import me.minav3.client.model.StoredAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A client generated from the API description by a standard generator (openapi-generator, Java, library native:
 * see app-http's pom) drives a running server: sign in with an email code, upload an image, create a still and read
 * it until done, page the archive, and meet a 402. Its models refuse unknown properties, so an answer the description
 * does not describe fails here.
 */
class GeneratedClientTest extends DefaultServerTestBase {

    private static final ListAppender<ILoggingEvent> mailbox = new ListAppender<>();

    @BeforeAll
    static void listen() {
        mailbox.start();
        ((Logger) LoggerFactory.getLogger("me.minav3.login")).addAppender(mailbox);
    }

    @AfterAll
    static void stopListening() {
        ((Logger) LoggerFactory.getLogger("me.minav3.login")).detachAppender(mailbox);
    }

    /** The generated client, strict: an undescribed property in an answer is an error. */
    private static ApiClient client(String token) {
        ObjectMapper strict =
                ApiClient.createDefaultObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        ApiClient client = new ApiClient(HttpClient.newBuilder(), strict, server.base);
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    private static String loginCode(String email) throws InterruptedException {
        Pattern pattern = Pattern.compile("email=" + Pattern.quote(email) + " code=([0-9]{6})");
        for (int i = 0; i < 100; i++) {
            for (ILoggingEvent event : List.copyOf(mailbox.list).reversed()) {
                Matcher matcher = pattern.matcher(event.getFormattedMessage());
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no login code for " + email);
    }

    @Test
    void theStillFlowAnUploadAnArchivePageAndA402ThroughTheGeneratedClient() throws Exception {
        AuthApi auth = new AuthApi(client(null));
        assertThat(auth.authConfig().getLocalLogin()).isTrue();
        CodeSent sent = auth.startEmailLogin(new EmailCodeRequest().email("generated@example.com"));
        assertThat(sent.getStatus()).isEqualTo(CodeSent.StatusEnum.SENT);
        AccessToken token = auth.verifyEmailLogin(
                new EmailCodeCheck().email("generated@example.com").code(loginCode("generated@example.com")));
        assertThat(token.getTokenType()).isEqualTo(AccessToken.TokenTypeEnum.BEARER);

        StudioApi studio = new StudioApi(client(token.getAccessToken()));
        Me me = studio.getMe();
        assertThat(me.getEmail()).isEqualTo("generated@example.com");
        long credits = me.getCredits();
        assertThat(credits).isPositive();

        File png = Files.createTempFile("product", ".png").toFile();
        var picture = new java.awt.image.BufferedImage(40, 60, java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(picture, "png", png);
        StoredAsset product = studio.uploadImage(png, "product");
        assertThat(product.getContentType()).isEqualTo("image/png");
        assertThat(product.getBytes()).isEqualTo(png.length());

        Accepted accepted = studio.createStill(new StillRequest()
                .brief("a matcha tin on linen")
                .aspectRatio(StillRequest.AspectRatioEnum.fromValue("4:5"))
                .productUrl(product.getUrl())
                .requestId("generated-1"));
        assertThat(accepted.getStatus()).isEqualTo(Accepted.StatusEnum.QUEUED);
        assertThat(accepted.getCreditsLeft()).isEqualTo(credits - 1);
        MyGeneration still = studio.getGeneration(accepted.getGenerationId());
        for (int i = 0; i < 600 && !still.getStatus().getValue().matches("done|error"); i++) {
            Thread.sleep(100);
            still = studio.getGeneration(accepted.getGenerationId());
        }
        assertThat(still.getStatus()).isEqualTo(MyGeneration.StatusEnum.DONE);
        assertThat(still.getOutputUrl()).isNotBlank();
        assertThat(still.getBrief()).isEqualTo("a matcha tin on linen");
        assertThat(still.getAspectRatio()).isEqualTo("4:5");
        assertThat(still.getUserMessages()).isNotEmpty();

        ArchivePage page = studio.archive(1, null, "still", null, null, null);
        assertThat(page.getItems()).hasSize(1);
        assertThat(page.getItems().get(0).getGenerationId()).isEqualTo(accepted.getGenerationId());
        assertThat(page.getItems().get(0).getPreviewUrl()).isEqualTo(still.getOutputUrl());

        // Spend what is left, then one more: 402 "I need matcha", with the balance and what it needed.
        for (long left = credits - 1; left > 0; left--) {
            assertThat(studio.createStill(new StillRequest().brief("one more " + left))
                            .getCreditsLeft())
                    .isEqualTo(left - 1);
        }
        assertThatThrownBy(() -> studio.createStill(new StillRequest().brief("one too many")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(402);
                    try {
                        NeedMatcha problem =
                                client(null).getObjectMapper().readValue(e.getResponseBody(), NeedMatcha.class);
                        assertThat(problem.getStatus()).isEqualTo(402);
                        assertThat(problem.getBalance()).isZero();
                        assertThat(problem.getNeeded()).isEqualTo(1);
                    } catch (java.io.IOException io) {
                        throw new AssertionError(io);
                    }
                });
        assertThat(studio.archive(200, null, null, null, null, null).getItems()).hasSize((int) credits);
    }
}
