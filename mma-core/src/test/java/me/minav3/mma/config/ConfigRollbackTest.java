package me.minav3.mma.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.SequentialIds;
import org.junit.jupiter.api.Test;

class ConfigRollbackTest {

    private final InMemoryMega mega = new InMemoryMega();
    private final MutableClock clock = new MutableClock();
    private final ConfigService service = new ConfigService(mega, clock);
    private final PublishConfig publish = new PublishConfig(mega, service, mega, clock, new SequentialIds());
    private final ConfigVersions versions = new ConfigVersions(mega);
    private final Actor boss = new Actor("pass:user:boss", "/api/admin/config/{key}/rollback", "POST");

    @Test
    void aRollbackPublishesTheOlderValueAsTheNextVersionAndIsAudited() {
        service.seedDefaults();
        Map<String, Object> first =
                versions.find(ConfigKeys.COSTS, null).orElseThrow().value();
        publish.publish(ConfigKeys.COSTS, Json.obj("still", 3, "tweak", 2, "video_per_second", 4), boss);

        ConfigVersion rolledBack = publish.rollback(ConfigKeys.COSTS, 1, boss);

        assertThat(rolledBack.version()).isEqualTo(3);
        assertThat(rolledBack.value()).isEqualTo(first);
        assertThat(service.value(ConfigKeys.COSTS)).isEqualTo(first);
        assertThat(versions.history(ConfigKeys.COSTS)).hasSize(3);
        assertThat(mega.recent(1)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("config.rollback");
            assertThat(entry.actor()).isEqualTo("pass:user:boss");
            assertThat(String.valueOf(entry.detail().get("from_version"))).isEqualTo("1");
        });
        assertThatThrownBy(() -> publish.rollback(ConfigKeys.COSTS, 9, boss)).isInstanceOf(NotFound.class);
        assertThat(versions.history(ConfigKeys.COSTS)).hasSize(3);
    }

    @Test
    void aValueTodaysRulesRefuseIsNotRolledBackTo() {
        mega.publish("mma.video", Json.obj("durations", List.of(7)), "old", clock.now());
        mega.publish("mma.video", Json.obj("durations", List.of(5), "default_duration", 5), "old", clock.now());

        assertThatThrownBy(() -> publish.rollback("mma.video", 1, boss))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("durations");
        assertThat(versions.history("mma.video")).hasSize(2);
    }

    @Test
    void theDiffNamesEveryAddedRemovedAndChangedPath() {
        var diff = ConfigDiff.between(
                Json.obj("still", 1, "nested", Json.obj("a", 1, "b", List.of(1, 2)), "gone", true),
                Json.obj("still", 1.0, "nested", Json.obj("a", 2, "b", List.of(1, 2), "c", "x"), "new", "y"));

        assertThat(diff)
                .containsExactly(
                        new ConfigDiff.Change("/gone", ConfigDiff.Op.REMOVED, true, null),
                        new ConfigDiff.Change("/nested/a", ConfigDiff.Op.CHANGED, 1, 2),
                        new ConfigDiff.Change("/nested/c", ConfigDiff.Op.ADDED, null, "x"),
                        new ConfigDiff.Change("/new", ConfigDiff.Op.ADDED, null, "y"));
        assertThat(ConfigDiff.between(Json.obj("a", 1), Json.obj("a", 1))).isEmpty();
    }
}
