package me.minav3.mma.common;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * JSON-shaped values in the core are plain maps, lists, strings, numbers, booleans and nulls; the adapters
 * serialize them. These helpers build and copy such trees while keeping key order and allowing nulls (which
 * {@link Map#of} and {@link Map#copyOf} refuse).
 */
public final class Json {

    private Json() {}

    /** An ordered object from alternating keys and values: {@code obj("a", 1, "b", null)}. */
    public static Map<String, Object> obj(@Nullable Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * A deep, unmodifiable copy. A tree this method made is returned as it is, and so is any subtree of the argument
     * that it made: nothing reachable from it can change, so copying it again would only spend time (records copy
     * their JSON in their constructors, and a pipeline stage rebuilds them from trees copied before).
     */
    public static Map<String, Object> copy(@Nullable Map<String, ?> map) {
        if (map == null) {
            return Map.of();
        }
        if (map instanceof FrozenMap frozen) {
            return frozen;
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, copyValue(value)));
        return new FrozenMap(copy);
    }

    /** A deep, modifiable copy, for building on top of a stored tree. */
    public static Map<String, Object> mutableCopy(@Nullable Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((key, value) -> copy.put(key, mutableValue(value)));
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Object copyValue(@Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            return copy((Map<String, ?>) map);
        }
        if (value instanceof FrozenList) {
            return value;
        }
        if (value instanceof List<?> list) {
            ArrayList<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(copyValue(item)));
            return new FrozenList(copy);
        }
        return value;
    }

    /** An object made by {@link #copy}: its entries are never changed, and every map or list in it is frozen too. */
    private static final class FrozenMap extends AbstractMap<String, Object> {

        private final Map<String, Object> entries;

        FrozenMap(LinkedHashMap<String, Object> entries) {
            this.entries = Collections.unmodifiableMap(entries);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return entries.entrySet();
        }

        @Override
        public int size() {
            return entries.size();
        }

        @Override
        public boolean containsKey(Object key) {
            return entries.containsKey(key);
        }

        @Override
        public @Nullable Object get(Object key) {
            return entries.get(key);
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super Object> action) {
            entries.forEach(action);
        }
    }

    /** A list made by {@link #copy}: its items are never changed, and every map or list in it is frozen too. */
    private static final class FrozenList extends AbstractList<Object> implements RandomAccess {

        private final List<Object> items;

        FrozenList(ArrayList<Object> items) {
            this.items = items;
        }

        @Override
        public @Nullable Object get(int index) {
            return items.get(index);
        }

        @Override
        public int size() {
            return items.size();
        }
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Object mutableValue(@Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            return mutableCopy((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(mutableValue(item)));
            return copy;
        }
        return value;
    }

    /** A nested object of {@code map} (empty when absent or not an object). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(@Nullable Map<String, ?> map, String key) {
        Object value = map == null ? null : map.get(key);
        return value instanceof Map<?, ?> nested ? (Map<String, Object>) nested : Map.of();
    }

    /** A nested list of {@code map} (empty when absent or not a list). */
    @SuppressWarnings("unchecked")
    public static List<Object> list(@Nullable Map<String, ?> map, String key) {
        Object value = map == null ? null : map.get(key);
        return value instanceof List<?> nested ? (List<Object>) nested : List.of();
    }

    public static String string(@Nullable Map<String, ?> map, String key, String fallback) {
        String value = stringOrNull(map, key);
        return value == null ? fallback : value;
    }

    /** The text of {@code key}, or null when {@code map} is null or has no (or a null) value there. */
    public static @Nullable String stringOrNull(@Nullable Map<String, ?> map, String key) {
        Object value = map == null ? null : map.get(key);
        return value == null ? null : value.toString();
    }

    public static long number(@Nullable Map<String, ?> map, String key, long fallback) {
        Object value = map == null ? null : map.get(key);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text && text.matches("-?[0-9]{1,18}")) {
            return Long.parseLong(text);
        }
        return fallback;
    }

    public static double decimal(@Nullable Map<String, ?> map, String key, double fallback) {
        Object value = map == null ? null : map.get(key);
        return value instanceof Number number ? number.doubleValue() : fallback;
    }

    public static boolean bool(@Nullable Map<String, ?> map, String key, boolean fallback) {
        Object value = map == null ? null : map.get(key);
        return value instanceof Boolean flag ? flag : fallback;
    }
}
