package me.minav3.adapters.postgres;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import me.minav3.mma.error.InvalidInput;
import org.jspecify.annotations.Nullable;

/** jsonb columns: the core's plain maps to JSON text and back. */
final class JsonCodec {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /**
     * Jackson's parse and write buffers come from a pool shared by every thread, not from the thread (its default):
     * each still runs on a virtual thread of its own, which made its own buffers and kept them until it ended.
     */
    private final ObjectMapper mapper = new ObjectMapper(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
                    .build())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * The value as JSON text, exactly as {@link ObjectMapper#writeValueAsString} writes it. The core's plain trees
     * (maps with text keys, lists, text, whole numbers, doubles, booleans, nulls) go straight to the generator; every
     * other value (an {@code Instant}, a {@code BigDecimal}, a map with other keys) is written by the mapper where it
     * stands. A step payload or a vars document is written on every stage of every still, and the mapper looked up a
     * serializer for each value of each map.
     */
    @Nullable
    String write(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        // As writeValueAsString writes: into segments of the pooled buffers, copied once into the String. A
        // StringWriter grew a StringBuffer by copying and then copied it into the String.
        BufferRecycler buffers = mapper.getFactory()._getBufferRecycler();
        try {
            SegmentedStringWriter text = new SegmentedStringWriter(buffers);
            try (JsonGenerator generator = mapper.createGenerator(text)) {
                writeValue(generator, value);
            }
            return text.getAndClear();
        } catch (IOException e) {
            throw new InvalidInput("a value in the request cannot be stored as JSON", e);
        } finally {
            buffers.releaseToPool();
        }
    }

    private void writeValue(JsonGenerator generator, @Nullable Object value) throws IOException {
        switch (value) {
            case null -> generator.writeNull();
            case String string -> generator.writeString(string);
            case Map<?, ?> map
            when textKeys(map) -> {
                generator.writeStartObject(map);
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    generator.writeFieldName((String) entry.getKey());
                    writeValue(generator, entry.getValue());
                }
                generator.writeEndObject();
            }
            case List<?> list -> {
                generator.writeStartArray(list, list.size());
                for (Object item : list) {
                    writeValue(generator, item);
                }
                generator.writeEndArray();
            }
            case Integer number -> generator.writeNumber(number);
            case Long number -> generator.writeNumber(number);
            case Double number -> generator.writeNumber(number);
            case Boolean flag -> generator.writeBoolean(flag);
            default -> mapper.writeValue(generator, value);
        }
    }

    private static boolean textKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
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
