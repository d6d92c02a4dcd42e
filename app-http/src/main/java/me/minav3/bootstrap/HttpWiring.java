package me.minav3.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import me.minav3.adapters.r2.AssetStores;
import me.minav3.http.AccountRoutes;
import me.minav3.http.AdminRoutes;
import me.minav3.http.AuthRoutes;
import me.minav3.http.HttpSettings;
import me.minav3.http.LocalAssets;
import me.minav3.http.MinaServer;
import me.minav3.http.MotionRoutes;
import me.minav3.http.ReplayRoutes;
import me.minav3.http.RequestLimits;
import me.minav3.http.ShopifyRoutes;
import me.minav3.http.StreamRoutes;
import me.minav3.http.StreamTickets;
import me.minav3.http.StudioRoutes;
import me.minav3.http.StyleRoutes;
import me.minav3.http.SystemRoutes;
import me.minav3.http.TokenRoutes;
import me.minav3.http.Tokens;
import me.minav3.mma.accounts.CustomerTimeline;
import me.minav3.mma.customers.SearchCustomers;
import me.minav3.mma.generation.ErrorReport;

/**
 * The HTTP server of the composition root: each route group gets the use cases it needs, in the order the routes
 * are registered; health and the local asset files come from the adapters as a supplier and a lookup.
 */
final class HttpWiring {

    private HttpWiring() {}

    /** @param streamKeepAlive how long a live stream stays silent before a keep-alive ({@link StreamRoutes#KEEP_ALIVE}) */
    static MinaServer start(CompositionRoot root, int port, Duration streamKeepAlive) {
        HttpSettings http = HttpSettings.from(root.settings()::get);
        Tokens tokens = Tokens.forServer(http, root.authSecret(), root.clock());
        RequestLimits limits = new RequestLimits(root.enforceLimits());
        var streams = new StreamRoutes(
                root.findGeneration(),
                root.live(),
                root.revokeTokens(),
                limits,
                root.balances(),
                root.creditBalance()::of,
                streamKeepAlive);
        var routes = new MinaServer.RouteGroups(
                new SystemRoutes(
                        root.database()::healthy,
                        root.storage()::current,
                        root::warnings,
                        () -> root.telemetry().registry().scrape(),
                        localAssets(root)),
                new AuthRoutes(root::emailLogin, tokens, http, root.clock()),
                new StudioRoutes(
                        new StudioRoutes.UseCases(
                                root.enterStudio(),
                                root.media(),
                                root.createStill(),
                                root.tweakStill(),
                                root.recordEvent(),
                                root.savePreferences(),
                                root.findGeneration(),
                                root.searchGenerations(),
                                root.hideGeneration(),
                                root.downloadGeneration(),
                                root.readReactions(),
                                root.readTaste(),
                                root.editImage()),
                        root.config(),
                        root.clock(),
                        passId ->
                                root.shopify().checkout().forDefaultPack(passId).orElse(null),
                        limits),
                new ShopifyRoutes(
                        root.shopify().webhook(),
                        root.shopify().checkout(),
                        root.shopify().refundList()),
                new MotionRoutes(root.animateStill(), root.suggestMotion(), root.sendVideoFeedback(), limits),
                streams,
                new AdminRoutes(new AdminRoutes.UseCases(
                        root.searchGenerations(),
                        root.generationTrail(),
                        root.creditBalance(),
                        root.grantCredits(),
                        root.adjustCredits(),
                        new SearchCustomers(root.database().customers()),
                        new CustomerTimeline(
                                root.database().customers(), root.database().accounts()),
                        new ErrorReport(
                                root.database().generations(), root.database().credits(), root.clock()),
                        root.reconcileCredits(),
                        root.configVersions(),
                        root.publishConfig(),
                        root.adminAudit())),
                new TokenRoutes(
                        root.revokeTokens(),
                        new StreamTickets(root.authSecret(), root.clock()),
                        root.findGeneration(),
                        streams::signedOut),
                new AccountRoutes(
                        new AccountRoutes.UseCases(root.exportAccount(), root.deleteAccount(), root.disableAccount())),
                new ReplayRoutes(root.replayGeneration()),
                new StyleRoutes(root.styles()));
        return MinaServer.start(
                new MinaServer.Frame(
                        http,
                        tokens,
                        root.resolvePassId(),
                        root.clock(),
                        root.telemetry().registry(),
                        root.media().limits().maxBytes(),
                        root.database().requestUsage().maxWaiting()
                                + root.database().poolUsage().max(),
                        root.database().foreground()),
                routes,
                port);
    }

    /** The local store's files when assets are stored locally (the embedded default); R2 serves its own. */
    private static Optional<LocalAssets> localAssets(CompositionRoot root) {
        if (!"local".equals(root.assets().name())) {
            return Optional.empty();
        }
        Path dir = root.localAssetsDir();
        return Optional.of(new LocalAssets(
                key -> AssetStores.localFile(dir, key)
                        .map(f -> new LocalAssets.File(f.path(), f.contentType(), f.size())),
                AssetStores.CACHE_CONTROL,
                AssetStores.SVG_CONTENT_SECURITY_POLICY,
                AssetStores.svgSanitizer()::sanitize));
    }
}
