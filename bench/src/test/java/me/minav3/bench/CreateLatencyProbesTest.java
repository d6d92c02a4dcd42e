package me.minav3.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which user each of P7's probes creates for ({@link CreateLatency.Probes#user}): probes sent at the same moment
 * belong to different users, no user gets more than {@link CreateLatency#PER_USER} (the per-user limit stays out of
 * the figure), and the users made for a run are enough.
 */
class CreateLatencyProbesTest {

    @Test
    void probesSentTogetherGoToDifferentUsersAndEachUserGetsItsShare() {
        for (int probers : new int[] {1, 2, 4, 7}) {
            for (int probes : new int[] {1, 60, 300, 301}) {
                Map<Integer, Integer> perUser = new HashMap<>();
                for (int i = 0; i < probes; i++) {
                    perUser.merge(CreateLatency.Probes.user(i, probers), 1, Integer::sum);
                    Set<Integer> together = new HashSet<>();
                    for (int j = i; j < Math.min(i + probers, probes); j++) {
                        together.add(CreateLatency.Probes.user(j, probers));
                    }
                    assertThat(together).hasSize(Math.min(probers, probes - i));
                }
                assertThat(perUser.values()).allMatch(n -> n <= CreateLatency.PER_USER);
                int users = (CreateLatency.Probes.creates(probes, probers) + CreateLatency.PER_USER - 1)
                        / CreateLatency.PER_USER;
                assertThat(perUser.keySet()).allMatch(u -> u >= 0 && u < users);
            }
        }
    }
}
