package me.minav3.mma.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A structured difference between two config values (issue 20): one change per JSON pointer where they differ.
 * Objects are compared key by key, recursively; anything else (lists included) is compared whole.
 */
public final class ConfigDiff {

    /** What happened at a path. */
    public enum Op {
        ADDED,
        REMOVED,
        CHANGED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One difference: {@code path} is a JSON pointer ({@code /a/b}); {@code from}/{@code to} are null when absent. */
    public record Change(
            String path,
            Op op,
            @Nullable Object from,
            @Nullable Object to) {}

    private ConfigDiff() {}

    public static List<Change> between(Map<String, Object> from, Map<String, Object> to) {
        List<Change> changes = new ArrayList<>();
        compare("", from, to, changes);
        return List.copyOf(changes);
    }

    @SuppressWarnings("unchecked")
    private static void compare(String path, Map<String, Object> from, Map<String, Object> to, List<Change> out) {
        TreeSet<String> keys = new TreeSet<>(from.keySet());
        keys.addAll(to.keySet());
        for (String key : keys) {
            String at = path + "/" + key.replace("~", "~0").replace("/", "~1");
            boolean inFrom = from.containsKey(key);
            boolean inTo = to.containsKey(key);
            Object a = from.get(key);
            Object b = to.get(key);
            if (!inTo) {
                out.add(new Change(at, Op.REMOVED, a, null));
            } else if (!inFrom) {
                out.add(new Change(at, Op.ADDED, null, b));
            } else if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
                compare(at, (Map<String, Object>) ma, (Map<String, Object>) mb, out);
            } else if (!sameValue(a, b)) {
                out.add(new Change(at, Op.CHANGED, a, b));
            }
        }
    }

    /** Numbers compare by value (a stored 2 and 2.0 are the same setting). */
    private static boolean sameValue(@Nullable Object a, @Nullable Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0;
        }
        return Objects.equals(a, b);
    }
}
