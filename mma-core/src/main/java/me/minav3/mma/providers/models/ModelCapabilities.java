package me.minav3.mma.providers.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.minav3.mma.common.Json;
import org.jspecify.annotations.Nullable;

/**
 * The model capability table, {@code mma.provider.models}: {@code {provider: {model: entry}}}. A model key ending
 * in {@code *} covers every model name starting with what precedes it ({@code "o3*"}, {@code "gpt-5*"}); an exact
 * key wins, then the longest prefix. A model the table does not list is sent as configured, unchecked.
 */
public final class ModelCapabilities {

    private final Map<String, Map<String, ModelCapability>> byProvider;

    private ModelCapabilities(Map<String, Map<String, ModelCapability>> byProvider) {
        this.byProvider = byProvider;
    }

    /** The table of a config value; a value of the wrong shape is refused with what is wrong. */
    public static ModelCapabilities parse(Map<String, ?> value) {
        Map<String, Map<String, ModelCapability>> table = new LinkedHashMap<>();
        (value == null ? Map.<String, Object>of() : value).forEach((provider, models) -> {
            if (!(models instanceof Map<?, ?> modelMap)) {
                throw new IllegalArgumentException("\"" + provider + "\" must be an object of models");
            }
            Map<String, ModelCapability> entries = new LinkedHashMap<>();
            modelMap.forEach((model, entry) -> {
                if (!(entry instanceof Map<?, ?> fields)) {
                    throw new IllegalArgumentException("\"" + provider + "." + model + "\" must be an object");
                }
                entries.put(model.toString(), entry(provider, model.toString(), Json.copy(cast(fields))));
            });
            table.put(provider, entries);
        });
        return new ModelCapabilities(table);
    }

    /** The entry of a provider's model: exact, else the longest {@code prefix*} key that matches. */
    public Optional<ModelCapability> find(String provider, @Nullable String model) {
        Map<String, ModelCapability> models = byProvider.getOrDefault(provider, Map.of());
        if (model == null || model.isBlank()) {
            return Optional.empty();
        }
        ModelCapability exact = models.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        ModelCapability best = null;
        int bestLength = -1;
        for (var entry : models.entrySet()) {
            String key = entry.getKey();
            if (key.endsWith("*")
                    && model.startsWith(key.substring(0, key.length() - 1))
                    && key.length() > bestLength) {
                best = entry.getValue();
                bestLength = key.length();
            }
        }
        return Optional.ofNullable(best).map(family -> family.named(model));
    }

    /** The model a provider defaults row names: {@code model}, or Kling's {@code model_name}. */
    public static String modelOf(@Nullable Map<String, ?> defaults) {
        String model = Json.stringOrNull(defaults, "model");
        return model != null && !model.isBlank()
                ? model.strip()
                : Json.string(defaults, "model_name", "").strip();
    }

    private static ModelCapability entry(String provider, String model, Map<String, Object> fields) {
        String where = provider + "." + model;
        return new ModelCapability(
                provider,
                model,
                strings(fields, "image_types", where).stream()
                        .map(t -> t.toLowerCase(java.util.Locale.ROOT))
                        .toList(),
                wholeOrNull(fields, "max_images", where),
                strings(fields, "modes", where),
                strings(fields, "end_frame_modes", where),
                wholes(fields, "durations", where),
                strings(fields, "qualities", where),
                bounds(fields, where),
                bool(fields, "sound", where),
                strings(fields, "params", where),
                strings(fields, "sound_modes", where));
    }

    private static ModelCapability.@Nullable PixelBounds bounds(Map<String, Object> fields, String where) {
        Integer minPixels = wholeOrNull(fields, "min_pixels", where);
        Integer maxPixels = wholeOrNull(fields, "max_pixels", where);
        Integer minSide = wholeOrNull(fields, "min_side", where);
        Integer maxSide = wholeOrNull(fields, "max_side", where);
        if (minPixels == null && maxPixels == null && minSide == null && maxSide == null) {
            return null;
        }
        return new ModelCapability.PixelBounds(
                minPixels == null ? null : minPixels.longValue(),
                maxPixels == null ? null : maxPixels.longValue(),
                minSide,
                maxSide);
    }

    private static List<String> strings(Map<String, Object> fields, String key, String where) {
        Object value = fields.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)
                || !list.stream().allMatch(s -> s instanceof String text && !text.isBlank())) {
            throw new IllegalArgumentException("\"" + where + "." + key + "\" must be a list of strings");
        }
        return list.stream().map(s -> ((String) s).strip()).toList();
    }

    private static List<Integer> wholes(Map<String, Object> fields, String key, String where) {
        Object value = fields.get(key);
        if (value == null) {
            return List.of();
        }
        List<Integer> numbers = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof Number n) || n.doubleValue() != n.intValue() || n.intValue() <= 0) {
                    throw new IllegalArgumentException("\"" + where + "." + key + "\" must be a list of whole numbers");
                }
                numbers.add(n.intValue());
            }
            return numbers;
        }
        throw new IllegalArgumentException("\"" + where + "." + key + "\" must be a list of whole numbers");
    }

    private static @Nullable Integer wholeOrNull(Map<String, Object> fields, String key, String where) {
        Object value = fields.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n)
                || n.doubleValue() != n.longValue()
                || n.longValue() < 0
                || n.longValue() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("\"" + where + "." + key + "\" must be a whole number from 0");
        }
        return n.intValue();
    }

    private static boolean bool(Map<String, Object> fields, String key, String where) {
        Object value = fields.get(key);
        if (value != null && !(value instanceof Boolean)) {
            throw new IllegalArgumentException("\"" + where + "." + key + "\" must be true or false");
        }
        return Boolean.TRUE.equals(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }
}
