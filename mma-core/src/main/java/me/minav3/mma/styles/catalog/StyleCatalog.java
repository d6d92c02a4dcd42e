package me.minav3.mma.styles.catalog;

import static me.minav3.mma.common.Json.obj;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import me.minav3.mma.common.Json;

/**
 * Config key {@code mma.styles} as a value (issue 24.3, decision 032): the published style presets and the limits of
 * choosing and saving styles. A limit absent from a stored value keeps its version-1 value, so an older stored
 * version still reads.
 *
 * @param maxPerStill      how many styles one still may use at once
 * @param maxSaved         how many styles of their own a user may keep
 * @param maxImagesPerStyle how many reference images one user style holds
 */
public record StyleCatalog(int maxPerStill, int maxSaved, int maxImagesPerStyle, List<StylePreset> presets) {

    /** A reference of an image shipped with the app and copied into the asset store at start. */
    public static final String ASSET_PREFIX = "asset:";

    /** How the id of every user's own style starts; no preset id does. */
    public static final String USER_PREFIX = "my-";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern ASSET_KEY = Pattern.compile("styles/[a-z0-9][a-z0-9_-]*\\.(png|jpg|webp)");

    /** One published preset: {@code references} are permanent public URLs or {@code asset:styles/<file>}. */
    public record StylePreset(String id, String name, String cue, String hero, List<String> references) {
        public StylePreset {
            references = List.copyOf(references);
        }
    }

    public StyleCatalog {
        presets = List.copyOf(presets);
    }

    /** Version 1: three presets whose images ship with the app, so they work offline on the embedded defaults. */
    public static final Map<String, Object> VERSION_1 = obj(
            "max_per_still",
            3,
            "max_saved",
            20,
            "max_images_per_style",
            3,
            "presets",
            List.of(
                    preset(
                            "noir",
                            "Noir",
                            "high-contrast black and white, deep shadows, hard side light, fine film grain",
                            "noir"),
                    preset(
                            "pastel",
                            "Soft pastel",
                            "soft pastel palette, airy diffused daylight, gentle gradients, calm minimal set",
                            "pastel"),
                    preset(
                            "sunset",
                            "Golden hour",
                            "warm golden-hour light, long soft shadows, amber and coral tones, glowing rim light",
                            "sunset")));

    private static Map<String, Object> preset(String id, String name, String cue, String file) {
        String image = ASSET_PREFIX + "styles/" + file + ".png";
        return obj("id", id, "name", name, "cue", cue, "hero", image, "references", List.of(image));
    }

    /** Reads and checks a stored value; throws {@link IllegalArgumentException} saying what is wrong. */
    public static StyleCatalog parse(Map<String, Object> value) {
        int maxPerStill = limit(value, "max_per_still", 3, 1, 10);
        int maxSaved = limit(value, "max_saved", 20, 0, 200);
        int maxImages = limit(value, "max_images_per_style", 3, 1, 10);
        List<StylePreset> presets = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Object rawList = value.getOrDefault("presets", List.of());
        if (!(rawList instanceof List<?> list)) {
            throw new IllegalArgumentException("\"presets\" must be a list");
        }
        for (Object raw : list) {
            if (!(raw instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("each preset must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) map;
            String id = Json.string(p, "id", "");
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException(
                        "a preset id is 1-40 lower-case letters, digits or '-', was '" + id + "'");
            }
            if (id.startsWith(USER_PREFIX)) {
                throw new IllegalArgumentException("preset id '" + id + "' starts with '" + USER_PREFIX
                        + "', which is kept for the users' own styles");
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException("preset id '" + id + "' appears twice");
            }
            String name = Json.string(p, "name", "").strip();
            if (name.isEmpty() || name.length() > 40) {
                throw new IllegalArgumentException("preset '" + id + "' needs a \"name\" of 1-40 characters");
            }
            String cue = Json.string(p, "cue", "").strip();
            if (cue.isEmpty() || cue.length() > 300) {
                throw new IllegalArgumentException("preset '" + id + "' needs a \"cue\" of 1-300 characters");
            }
            List<String> references = new ArrayList<>();
            for (Object reference : Json.list(p, "references")) {
                references.add(image(id, reference));
            }
            if (references.isEmpty() || references.size() > maxImages) {
                throw new IllegalArgumentException(
                        "preset '" + id + "' needs 1 to " + maxImages + " \"references\" (max_images_per_style)");
            }
            String hero = p.containsKey("hero") ? image(id, p.get("hero")) : references.get(0);
            presets.add(new StylePreset(id, name, cue, hero, references));
        }
        return new StyleCatalog(maxPerStill, maxSaved, maxImages, presets);
    }

    public Optional<StylePreset> preset(String id) {
        return presets.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    private static int limit(Map<String, Object> value, String key, int fallback, int min, int max) {
        Object raw = value.get(key);
        if (raw == null) {
            return fallback;
        }
        if (!(raw instanceof Number n) || n.doubleValue() != n.intValue() || n.intValue() < min || n.intValue() > max) {
            throw new IllegalArgumentException("\"" + key + "\" must be a whole number from " + min + " to " + max);
        }
        return n.intValue();
    }

    /**
     * An image of a preset: {@code asset:styles/<file>.png} (shipped with the app), or an http(s) URL with a host,
     * no credentials and no query at all — so it can be neither signed nor temporary (spec §2.4; the style feature
     * checks it again with {@code assets.PublicUrlPolicy} when it uses it).
     */
    private static String image(String id, Object raw) {
        String text = raw instanceof String s ? s.strip() : "";
        if (text.startsWith(ASSET_PREFIX)) {
            if (!ASSET_KEY.matcher(text.substring(ASSET_PREFIX.length())).matches()) {
                throw new IllegalArgumentException(
                        "preset '" + id + "': '" + text + "' is not asset:styles/<file>.png|jpg|webp");
            }
            return text;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null) {
                return text;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new IllegalArgumentException("preset '" + id + "': '" + text
                + "' is not a permanent public image URL (http(s), a host, no credentials, no query)");
    }
}
