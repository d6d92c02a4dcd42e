package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LISTEN/NOTIFY between processes on one database: what one publishes, every listener receives, in order. */
class PgNotificationsTest {

    @Test
    void payloadsSentTogetherArriveTogetherInOrder() throws Exception {
        try (MegaDatabase listener = TestDatabase.fresh()) {
            List<String> received = Collections.synchronizedList(new ArrayList<>());
            listener.notifications().listen(received::add);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!received.contains("ping") && System.nanoTime() < deadline) { // LISTEN opens in the background
                listener.notifications().publish("ping");
                Thread.sleep(50);
            }
            received.removeIf("ping"::equals);

            // A live line is JSON: quotes, commas, braces and backslashes travel through the array literal as they are.
            String json = "{\"line\":\"Leaning into your taste: \\\"amber\\\", {noir}, NULL — done.\"}";
            listener.notifications().publishAll(List.of("one", json, "three"));
            listener.notifications().publish("four");

            while (received.stream().filter(p -> !p.equals("ping")).count() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(received).filteredOn(p -> !p.equals("ping")).containsExactly("one", json, "three", "four");
        }
    }
}
