package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.InvalidInput;
import org.junit.jupiter.api.Test;

/** {@link JsonCodec#write} writes what the mapper it replaced wrote, character for character. */
class JsonCodecTest {

    /** The mapper {@code JsonCodec} wrote with before its own tree walk (and still reads with). */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final JsonCodec codec = new JsonCodec();

    private static String mapper(Object value) throws Exception {
        return MAPPER.writeValueAsString(value);
    }

    @Test
    void everyKindOfValueIsWrittenAsTheMapperWritesIt() throws Exception {
        Map<Object, Object> numberKeys = new LinkedHashMap<>();
        numberKeys.put(1, "one");
        numberKeys.put(2L, List.of());
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("text", "plain");
        tree.put("escapes", "quote \" backslash \\ slash / tab \t newline \n nul \u0000 bell \u0007 del \u007f");
        tree.put("unicode", "matcha 抹茶 — é ✓ \uD83C\uDF75 lone \uD800 end");
        tree.put("html", "<script>&amp;'</script>");
        tree.put("empty text", "");
        tree.put("int", Integer.MIN_VALUE);
        tree.put("long", Long.MAX_VALUE);
        tree.put("double", 0.1 + 0.2);
        tree.put("whole double", 3.0);
        tree.put("tiny double", 1e-300);
        tree.put("negative zero", -0.0);
        tree.put("nan", Double.NaN);
        tree.put("infinity", Double.NEGATIVE_INFINITY);
        tree.put("float", 1.1f);
        tree.put("short", (short) 7);
        tree.put("byte", (byte) -3);
        tree.put("big decimal", new BigDecimal("1E+3"));
        tree.put("big integer", new BigInteger("123456789012345678901234567890"));
        tree.put("true", true);
        tree.put("false", false);
        tree.put("null", null);
        tree.put("instant", Instant.parse("2026-12-07T15:00:00.123456789Z"));
        tree.put("empty map", Map.of());
        tree.put("empty list", List.of());
        tree.put("list", Arrays.asList(1, "two", null, 3.5, List.of(List.of()), Json.obj("k", null)));
        tree.put("set", new LinkedHashSet<>(List.of("b", "a")));
        tree.put("array", new String[] {"x", "y"});
        tree.put("number keys", numberKeys);
        tree.put("sorted", new TreeMap<>(Map.of("b", 2, "a", 1)));
        tree.put("hash", new HashMap<>(Map.of("h", 1)));
        tree.put("copied", Json.copy(Json.obj("inner", Json.obj("list", List.of(1, 2)))));
        tree.put("", "empty key");
        tree.put("key with \"quotes\" and \n", 1);

        assertThat(codec.write(tree)).isEqualTo(mapper(tree));
        for (Object value : tree.values()) {
            if (value != null) {
                assertThat(codec.write(value)).isEqualTo(mapper(value));
            }
        }
        assertThat(codec.write(null)).isNull();
    }

    @Test
    void randomTreesAreWrittenAsTheMapperWritesThem() throws Exception {
        Random random = new Random(47);
        for (int i = 0; i < 2_000; i++) {
            Object tree = randomValue(random, 0);
            if (tree == null) {
                continue; // a NULL column, not the text "null" (the first test)
            }
            assertThat(codec.write(tree)).as("tree %d", i).isEqualTo(mapper(tree));
        }
    }

    /** Buffers come from one pool shared by every thread: many threads writing and reading at once each get theirs. */
    @Test
    void manyVirtualThreadsAtOnceEachWriteAndReadTheirOwnTrees() throws Exception {
        List<Map<String, Object>> trees = new ArrayList<>();
        Random random = new Random(53);
        for (int i = 0; i < 400; i++) {
            trees.add(Json.obj("i", i, "tree", randomValue(random, 0), "text", randomText(random)));
        }
        List<String> expected = new ArrayList<>();
        for (Map<String, Object> tree : trees) {
            expected.add(mapper(tree));
        }
        List<java.util.concurrent.Future<String>> written = new ArrayList<>();
        List<java.util.concurrent.Future<Map<String, Object>>> read = new ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < trees.size(); i++) {
                Map<String, Object> tree = trees.get(i);
                String text = expected.get(i);
                written.add(threads.submit(() -> codec.write(tree)));
                read.add(threads.submit(() -> codec.readMap(text)));
            }
            for (int i = 0; i < trees.size(); i++) {
                assertThat(written.get(i).get()).as("tree %d written", i).isEqualTo(expected.get(i));
                assertThat(read.get(i).get())
                        .as("tree %d read", i)
                        .isEqualTo(MAPPER.readValue(expected.get(i), Map.class));
            }
        }
    }

    @Test
    void whatTheMapperRefusesIsRefusedAsBadInput() {
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThatThrownBy(() -> codec.write(Json.obj("nested", nullKey))).isInstanceOf(InvalidInput.class);

        Object deep = "bottom";
        for (int i = 0; i < 2_000; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        assertThatThrownBy(() -> codec.write(Json.obj("deep", tooDeep))).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> MAPPER.writeValueAsString(Json.obj("deep", tooDeep)))
                .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 8 : 10);
        return switch (kind) {
            case 0 -> null;
            case 1 -> randomText(random);
            case 2 -> random.nextInt();
            case 3 -> random.nextLong();
            case 4 -> random.nextBoolean() ? random.nextDouble() * 1e6 : random.nextGaussian();
            case 5 -> random.nextBoolean();
            case 6 -> Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
            case 7 -> BigDecimal.valueOf(random.nextLong(), random.nextInt(10));
            case 8 -> randomObject(random, depth + 1);
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    list.add(randomValue(random, depth + 1));
                }
                yield random.nextBoolean()
                        ? list
                        : Json.copy(Json.obj("l", list)).get("l");
            }
        };
    }

    private static Map<String, Object> randomObject(Random random, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            map.put(randomText(random), randomValue(random, depth));
        }
        return random.nextInt(3) == 0 ? Json.copy(map) : map;
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            int pick = random.nextInt(10);
            text.append(
                    pick < 6
                            ? (char) ('a' + random.nextInt(26))
                            : pick < 8 ? (char) random.nextInt(0x80) : (char) random.nextInt(0xFFFF));
        }
        return text.toString();
    }
}
