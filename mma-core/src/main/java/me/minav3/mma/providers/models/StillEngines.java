package me.minav3.mma.providers.models;

import static me.minav3.mma.common.Json.obj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import me.minav3.mma.common.Json;
import org.jspecify.annotations.Nullable;

/**
 * The still engines a user chooses among ({@code mma.engines}, issue 22): each names the provider registry role
 * that makes its stills, the local stand-in used when that role's provider has no keys, the GPT context its prompt
 * is written with, and its price in matcha (absent: {@code mma.costs}). Depends only on {@code common}, so the
 * config shape check and the core both read it.
 *
 * @param defaultEngine the engine of a request that names none (and of generations stored before engines existed)
 */
public record StillEngines(String defaultEngine, List<StillEngine> engines) {

    /** The config key's version 1: {@code main} = Seedream (role {@code still}), {@code niche} = Gemini image. */
    public static final Map<String, Object> VERSION_1 = obj(
            "default",
            "main",
            "engines",
            obj(
                    "main",
                    obj("label", "Main", "role", "still", "fallback", "local", "reader_context", "mma.ctx.gpt_reader"),
                    "niche",
                    obj(
                            "label",
                            "Niche",
                            "role",
                            "still_niche",
                            "fallback",
                            "local_niche",
                            "reader_context",
                            "mma.ctx.gpt_reader_niche",
                            "still_cost",
                            2,
                            "tweak_cost",
                            2)));

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final List<String> READER_CONTEXTS = List.of("mma.ctx.gpt_reader", "mma.ctx.gpt_reader_niche");

    /**
     * One engine.
     *
     * @param role      its key in {@code mma.provider.registry} (an installation whose registry lacks it uses
     *                  {@code fallback})
     * @param fallback  the provider that stands in when the role's provider is not available (no keys)
     * @param stillCost matcha per still; null: {@code mma.costs} {@code still}
     * @param tweakCost matcha per tweak; null: {@code mma.costs} {@code tweak}
     */
    public record StillEngine(
            String name,
            String label,
            String role,
            String fallback,
            String readerContext,
            @Nullable Long stillCost,
            @Nullable Long tweakCost) {}

    public StillEngines {
        engines = List.copyOf(engines);
    }

    /** The engine named so. */
    public Optional<StillEngine> find(String name) {
        return engines.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The default engine. */
    public StillEngine defaultOne() {
        return find(defaultEngine).orElseThrow();
    }

    /** The names, in config order. */
    public List<String> names() {
        return engines.stream().map(StillEngine::name).toList();
    }

    /** Reads the config value; throws {@link IllegalArgumentException} naming what is wrong. */
    public static StillEngines parse(@Nullable Map<String, ?> value) {
        Map<String, Object> table = Json.object(value, "engines");
        if (table.isEmpty()) {
            throw new IllegalArgumentException("needs \"engines\": an object of engines by name");
        }
        List<StillEngine> engines = new ArrayList<>();
        for (var entry : new LinkedHashMap<>(table).entrySet()) {
            String name = entry.getKey();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "engine name '" + name + "' must be lower case letters, digits or _ (at most 32)");
            }
            if (!(entry.getValue() instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("engine '" + name + "' must be an object");
            }
            Map<String, Object> e = Json.object(table, name);
            String role = required(e, name, "role");
            String context = Json.string(e, "reader_context", "mma.ctx.gpt_reader");
            if (!READER_CONTEXTS.contains(context)) {
                throw new IllegalArgumentException(
                        "engine '" + name + "' reader_context must be one of " + String.join(", ", READER_CONTEXTS));
            }
            engines.add(new StillEngine(
                    name,
                    Json.string(e, "label", name),
                    role,
                    Json.string(e, "fallback", "local"),
                    context,
                    cost(e, name, "still_cost"),
                    cost(e, name, "tweak_cost")));
        }
        String fallback = Json.string(value, "default", engines.get(0).name());
        var parsed = new StillEngines(fallback, engines);
        if (parsed.find(fallback).isEmpty()) {
            throw new IllegalArgumentException("\"default\" must name one of the engines: " + parsed.names());
        }
        return parsed;
    }

    private static String required(Map<String, Object> e, String name, String field) {
        String text = Json.string(e, field, "");
        if (text.isBlank()) {
            throw new IllegalArgumentException("engine '" + name + "' needs \"" + field + "\"");
        }
        return text;
    }

    private static @Nullable Long cost(Map<String, Object> e, String name, String field) {
        Object amount = e.get(field);
        if (amount == null) {
            return null;
        }
        if (!(amount instanceof Number n)
                || n.doubleValue() != n.longValue()
                || n.longValue() < 0
                || n.longValue() > 10_000) {
            throw new IllegalArgumentException(
                    "engine '" + name + "' \"" + field + "\" must be a whole number of matcha from 0 to 10000");
        }
        return n.longValue();
    }
}
