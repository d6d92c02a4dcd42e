package me.minav3.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import me.minav3.adapters.postgres.TestDatabase;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.GrantCredits;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.submit.StillRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example, as written there, on a real database. */
class EmbeddingExampleTest {

    @Test
    void theReadmeExampleMakesAStill(@TempDir Path dataDir) {
        Map<String, String> env = Map.of("DATABASE_URL", TestDatabase.freshDatabaseUrlSetting());
        String url;
        try (CompositionRoot mina = CompositionRoot.start(MinaSettings.from(env, dataDir))) {
            PassId demo = PassId.user("demo");
            mina.grantCredits()
                    .grant(
                            new GrantCredits.Request(
                                    demo,
                                    Matcha.of(3),
                                    CreditReason.GRANT,
                                    "embedder",
                                    "welcome",
                                    null,
                                    CustomerProfile.NONE),
                            Actor.SYSTEM);
            CreateOutcome outcome = mina.createStill()
                    .submit(new StillRequest(
                            demo,
                            "matcha latte on marble",
                            null,
                            AspectRatio.PORTRAIT_4_5,
                            null,
                            null,
                            List.of(),
                            Map.of(),
                            null,
                            null));
            assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
            CreateOutcome.Created created = (CreateOutcome.Created) outcome;
            mina.workers().runOwn(created.generation().id());
            Generation done = mina.findGeneration().get(created.generation().id());
            assertThat(done.status()).isEqualTo(MmaStatus.DONE);
            url = done.outputUrl();
        }
        assertThat(url).endsWith(".png");
    }
}
