package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import me.minav3.mma.common.PassId;
import me.minav3.mma.generation.GenerationQuery;
import org.junit.jupiter.api.Test;

/** Problems for bad input (nothing written), admin auditing, health, metrics and an API description that is complete. */
class HttpQualityTest extends DefaultServerTestBase {

    @Test
    void theKernelHoldsABurstOfNewConnectionsForTheAcceptor() {
        var connectors = server.server.javalin().jettyServer().server().getConnectors();
        assertThat(connectors).hasSize(1);
        var connector = (org.eclipse.jetty.server.ServerConnector) connectors[0];
        assertThat(connector.getLocalPort()).isEqualTo(server.server.port());
        assertThat(connector.getAcceptQueueSize())
                .as("not the JDK's default of 50, which 256 clients connecting at once overflowed")
                .isGreaterThanOrEqualTo(MinaServer.MIN_REQUEST_THREADS);
    }

    @Test
    void malformedInputGetsAProblemAndWritesNothing() {
        String token = server.token("careful@example.com");
        PassId passId = server.customer(token, 2);
        long credits =
                server.wiring.database().customers().find(passId).orElseThrow().credits();

        record Case(String body, String contentType, int status) {}
        List<Case> cases = List.of(
                new Case("{not json", "application/json", 400),
                new Case("[1,2]", "application/json", 400),
                new Case("{\"brief\":\"x\",\"colour\":\"red\"}", "application/json", 400),
                new Case("{\"brief\":42}", "application/json", 400),
                new Case("{\"brief\":\"x\",\"inspiration_urls\":\"one\"}", "application/json", 400),
                new Case("brief=x", "application/x-www-form-urlencoded", 415),
                new Case("{\"brief\":\"   \"}", "application/json", 422),
                new Case("{\"brief\":\"x\",\"aspect_ratio\":\"7:3\"}", "application/json", 422),
                new Case("{\"brief\":\"x\",\"settings\":{\"seed\":1}}", "application/json", 422),
                new Case("{\"brief\":\"" + "x".repeat(70_000) + "\"}", "application/json", 413));
        for (Case c : cases) {
            var reply = server.send(server.request("/api/stills", token)
                    .header("Content-Type", c.contentType())
                    .POST(HttpRequest.BodyPublishers.ofString(c.body()))
                    .build());
            assertThat(reply.status())
                    .as(c.body().substring(0, Math.min(40, c.body().length())))
                    .isEqualTo(c.status());
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
            JsonNode problem = reply.json();
            assertThat(problem.get("type").asText()).startsWith("https://minav3.me/problems/");
            assertThat(problem.get("status").asInt()).isEqualTo(c.status());
            assertThat(problem.has("title")).isTrue();
            assertThat(problem.has("detail")).isTrue();
        }
        assertThat(server.wiring.database().generations().search(GenerationQuery.of(passId, 10)))
                .isEmpty();
        assertThat(server.wiring
                        .database()
                        .customers()
                        .find(passId)
                        .orElseThrow()
                        .credits())
                .isEqualTo(credits);
        assertThat(server.get("/api/no-such-route", token).status()).isEqualTo(404);
    }

    @Test
    void everyAdminCallIsAuditedAndAdminsCanGrantReconcileAndPublish() {
        String admin = server.adminToken("boss@example.com");
        String user = server.token("customer@example.com");
        PassId customer = server.customer(user, 0);

        var grant = server.post(
                "/api/admin/credits/grant",
                admin,
                "{\"pass_id\":\"" + customer.value()
                        + "\",\"amount\":7,\"reason\":\"support\",\"request_id\":\"ticket-1\"}");
        assertThat(grant.status()).isEqualTo(200);
        assertThat(grant.json().get("balance").asLong()).isEqualTo(12);
        assertThat(server.post(
                                "/api/admin/credits/grant",
                                admin,
                                "{\"pass_id\":\"" + customer.value() + "\",\"amount\":7,\"request_id\":\"ticket-1\"}")
                        .json()
                        .get("applied")
                        .asBoolean())
                .isFalse();
        assertThat(server.get("/api/admin/customers/" + customer.value() + "/credits", admin)
                        .json()
                        .get("transactions"))
                .hasSize(2);
        assertThat(server.get("/api/admin/reconcile", admin).json().get("clean").asBoolean())
                .isTrue();
        var published = server.post(
                "/api/admin/config/mma.costs", admin, "{\"value\":{\"still\":1,\"tweak\":1,\"video_per_second\":3}}");
        assertThat(published.json().get("version").asInt()).isEqualTo(2);
        assertThat(server.post("/api/admin/config/mma.costs", admin, "{\"value\":{\"still\":-1}}")
                        .status())
                .isEqualTo(422);
        assertThat(server.get("/api/admin/config/mma.costs", admin).json().get("versions"))
                .hasSize(2);
        assertThat(server.get("/api/admin/generations?pass_id=" + customer.value(), admin)
                        .status())
                .isEqualTo(200);
        server.get("/api/admin/reconcile", user); // refused: also audited

        var audit = server.wiring.database().audit().recent(100);
        assertThat(audit)
                .filteredOn(a -> a.action().equals("http.admin"))
                .extracting(a -> a.method() + " " + a.route() + " " + a.status())
                .contains(
                        "POST /api/admin/credits/grant 200",
                        "GET /api/admin/reconcile 200",
                        "POST /api/admin/config/{key} 422",
                        "GET /api/admin/reconcile 403");
        assertThat(audit).anySatisfy(a -> {
            assertThat(a.action()).isEqualTo("credits.grant");
            assertThat(a.actor()).startsWith("pass:user:");
        });
        assertThat(audit).anySatisfy(a -> assertThat(a.action()).isEqualTo("config.publish"));
    }

    @Test
    void healthAndMetricsAnswer() {
        assertThat(server.get("/health", null).json().get("status").asText()).isEqualTo("ok");
        assertThat(server.get("/health", null).json().get("storage").asText()).isEqualTo("up");
        String token = server.token("metrics@example.com");
        server.customer(token, 1);
        server.awaitFinished(
                server.post("/api/stills", token, "{\"brief\":\"a cup\"}")
                        .json()
                        .get("generation_id")
                        .asText(),
                token);
        String metrics =
                server.get("/metrics", server.adminToken("boss@example.com")).body();
        assertThat(metrics)
                .contains(
                        "http_server_requests_seconds",
                        "mina_generations_queue",
                        "mina_provider_latency_seconds",
                        "mina_generations_finished_total");
    }

    @Test
    void theStudioPageIsServedAtTheRootUnderAStrictContentSecurityPolicy() {
        var page = server.get("/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/js/main.js\">");
        assertThat(page.header("Content-Security-Policy"))
                .contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        var script = server.get("/js/main.js", null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type"))
                .as("module scripts need a JavaScript type")
                .contains("javascript");
        assertThat(server.get("/api/nope", null).status())
                .as("the API keeps its own 404")
                .isEqualTo(404);
    }

    @Test
    void theApiDescriptionCoversEveryRouteTheServerServes() {
        JsonNode openApi = server.get("/openapi.json", null).json();
        Set<String> described = new TreeSet<>();
        openApi.get("paths")
                .fields()
                .forEachRemaining(path -> path.getValue()
                        .fieldNames()
                        .forEachRemaining(method -> described.add(method.toUpperCase() + " " + path.getKey())));
        Set<String> served = new TreeSet<>();
        server.server.javalin().unsafe.internalRouter.allHttpHandlers().forEach(e -> {
            String method = e.endpoint.method.name();
            if (Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                served.add(method + " " + Api.openApiPath(e.endpoint.path));
            }
        });
        assertThat(served).isNotEmpty();
        assertThat(described).containsAll(served);
        assertThat(new ArrayList<>(served))
                .contains("GET /api/generations/{id}/stream", "POST /api/stills", "GET /health");
    }
}
