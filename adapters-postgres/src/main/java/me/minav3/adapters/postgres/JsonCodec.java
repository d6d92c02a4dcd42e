package me.minav3.adapters.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Map;
import me.minav3.mma.error.InvalidInput;
import org.jspecify.annotations.Nullable;

/** jsonb columns: the core's plain maps to JSON text and back. */
final class JsonCodec {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Nullable
    String write(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new InvalidInput("a value in the request cannot be stored as JSON", e);
        }
    }

    /** A JSON object column, empty when NULL (what the core's records make of a null map anyway). */
    Map<String, Object> readMapOrEmpty(@Nullable String json) {
        Map<String, Object> map = readMap(json);
        return map == null ? Map.of() : map;
    }

    @Nullable
    Map<String, Object> readMap(@Nullable String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not an object: " + e.getOriginalMessage(), e);
        }
    }
}
