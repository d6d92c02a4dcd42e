package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.stream.Stream;
import me.minav3.mma.generation.GenerationDocumentCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every {@code mg_mma_vars} stored by the release before the typed document decodes and encodes back to itself. */
class StoredGenerationsCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> storedVars() {
        return StoredGenerations.SCENARIOS.stream()
                .flatMap(scenario ->
                        StoredGenerations.STATES.stream().map(state -> StoredGenerations.load(scenario, state)))
                .flatMap(capture -> capture.generationRows().stream()
                        .map(row -> Arguments.of(
                                capture.scenario() + "." + capture.state() + " " + row.get("mg_id"),
                                row.get("mg_mma_vars"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storedVars")
    void decodingThenEncodingGivesBackExactlyTheStoredVars(String row, Map<String, Object> vars) throws Exception {
        Map<String, Object> again = GenerationDocumentCodec.encode(GenerationDocumentCodec.decode(vars));

        assertThat(json(again)).isEqualTo(json(vars));
    }

    @Test
    void keysThisReleaseDoesNotKnowAreKeptWhereTheyWere() throws Exception {
        Map<String, Object> vars = new java.util.LinkedHashMap<>(
                StoredGenerations.load("create-full", "done").targetVars());
        vars.put("engine", Map.of("name", "next", "version", 2));
        @SuppressWarnings("unchecked")
        var settings = new java.util.LinkedHashMap<>((Map<String, Object>) vars.get("settings"));
        settings.put("seed", 42);
        settings.put("negative", null);
        vars.put("settings", settings);

        Map<String, Object> again = GenerationDocumentCodec.encode(GenerationDocumentCodec.decode(vars));

        assertThat(json(again)).isEqualTo(json(vars));
    }

    /** The JSON as PostgreSQL's jsonb compares it (an integer is an integer whatever its Java type; jsonb keeps no key order). */
    private static JsonNode json(Map<String, Object> vars) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(vars));
    }
}
