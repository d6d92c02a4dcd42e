package me.minav3.mma.styles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import me.minav3.mma.assets.AssetKey;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.assets.MediaType;
import me.minav3.mma.assets.PublicUrlPolicy;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.customers.CustomerStore;
import me.minav3.mma.error.ConfigurationError;
import me.minav3.mma.error.Conflict;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.generation.GenerationDocument.ChosenStyle;
import me.minav3.mma.studio.UserText;
import me.minav3.mma.styles.catalog.StyleCatalog;
import me.minav3.mma.styles.catalog.StyleCatalog.StylePreset;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Style references (issue 24.3, decision 032): the presets of config {@code mma.styles}, the user's own styles
 * (kept in {@code mg_meta.styles} of their customer row, only ever read for their owner), and choosing up to
 * {@code max_per_still} of them for a still. An id that is not a preset nor one of the caller's styles is not found,
 * whoever owns it.
 */
public final class Styles {

    static final String META_KEY = "styles";
    private static final Logger log = LoggerFactory.getLogger(Styles.class);
    private static final int MAX_ATTEMPTS = 8;

    private final ConfigService config;
    private final CustomerStore customers;
    private final AssetStore store;
    private final IdGenerator ids;
    private final Clock clock;

    public Styles(ConfigService config, CustomerStore customers, AssetStore store, IdGenerator ids, Clock clock) {
        this.config = config;
        this.customers = customers;
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    /** The current {@code mma.styles}. */
    public StyleCatalog catalog() {
        try {
            return StyleCatalog.parse(config.value(ConfigKeys.STYLES));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError("config " + ConfigKeys.STYLES + ": " + e.getMessage());
        }
    }

    /**
     * Copies the preset images that ship with the app ({@code asset:styles/<file>} references, decision 032) into the
     * asset store when they are not there yet, so the embedded defaults work offline and with R2 alike. Returns how
     * many it copied; a referenced file that does not ship is left to the operator (logged).
     */
    public int installShippedImages() {
        int copied = 0;
        for (StylePreset preset : catalog().presets()) {
            List<String> images = new ArrayList<>(preset.references());
            images.add(preset.hero());
            for (String reference : new LinkedHashSet<>(images)) {
                if (!reference.startsWith(StyleCatalog.ASSET_PREFIX)) {
                    continue;
                }
                AssetKey key = new AssetKey(reference.substring(StyleCatalog.ASSET_PREFIX.length()));
                if (store.read(key).isPresent()) {
                    continue;
                }
                String file = key.value().substring("styles/".length());
                Optional<MediaType> type = MediaType.fromExtension(file.substring(file.lastIndexOf('.') + 1));
                try (InputStream in = Styles.class.getResourceAsStream(file)) {
                    if (in == null || type.isEmpty()) {
                        log.warn("event=style_image_missing preset={} key={}", preset.id(), key.value());
                        continue;
                    }
                    store.put(key, in.readAllBytes(), type.get());
                    copied++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return copied;
    }

    /** The published presets, their images as URLs. */
    public List<PresetStyle> presets() {
        return catalog().presets().stream()
                .map(p -> new PresetStyle(
                        p.id(),
                        p.name(),
                        p.cue(),
                        url(p.hero()),
                        p.references().stream().map(this::url).toList()))
                .toList();
    }

    /** The user's own styles, oldest first. */
    public List<UserStyle> mine(PassId owner) {
        return read(stored(owner));
    }

    /** Saves a style made of 1..{@code max_images_per_style} of the owner's own uploaded images. */
    public UserStyle save(PassId owner, String name, List<String> imageUrls) {
        String cleanName = name == null ? "" : name.strip();
        UserText.check("the style name", cleanName);
        if (cleanName.isEmpty() || cleanName.length() > 40) {
            throw new InvalidInput("a style name is 1 to 40 characters");
        }
        StyleCatalog catalog = catalog();
        List<String> urls = imageUrls == null
                ? List.of()
                : new ArrayList<>(new LinkedHashSet<>(
                        imageUrls.stream().map(String::strip).toList()));
        if (urls.isEmpty() || urls.size() > catalog.maxImagesPerStyle()) {
            throw new InvalidInput("a style is made of 1 to " + catalog.maxImagesPerStyle()
                    + " of your uploaded images (mma.styles max_images_per_style)");
        }
        for (String url : urls) {
            if (!ownUpload(owner, url)) {
                throw new InvalidInput("a style is made of images you uploaded; upload the image first");
            }
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Map<String, Object> before = stored(owner);
            List<UserStyle> styles = new ArrayList<>(read(before));
            if (styles.size() >= catalog.maxSaved()) {
                throw new Conflict("you can keep at most " + catalog.maxSaved()
                        + " styles of your own (mma.styles max_saved); delete one first");
            }
            UserStyle style = new UserStyle(StyleCatalog.USER_PREFIX + ids.newId(), cleanName, urls, clock.now());
            styles.add(style);
            if (customers.compareAndSetMeta(owner, META_KEY, nullIfEmpty(before), write(styles), clock.now())) {
                return style;
            }
        }
        throw new Conflict("your styles changed at the same time; please try again");
    }

    /** Deletes one of the owner's styles; any other id is not found. */
    public void delete(PassId owner, String id) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Map<String, Object> before = stored(owner);
            List<UserStyle> styles = new ArrayList<>(read(before));
            if (!styles.removeIf(s -> s.id().equals(id))) {
                throw new NotFound("no style '" + id + "'");
            }
            if (customers.compareAndSetMeta(owner, META_KEY, nullIfEmpty(before), write(styles), clock.now())) {
                return;
            }
        }
        throw new Conflict("your styles changed at the same time; please try again");
    }

    /**
     * The styles chosen for a still, in the order given (duplicates once): none is {@code List.of()} (the spec's
     * None). More than {@code max_per_still} is refused before anything is written or charged.
     */
    public List<ChosenStyle> choose(PassId owner, List<String> styleIds) {
        if (styleIds == null || styleIds.isEmpty()) {
            return List.of();
        }
        List<String> wanted = new ArrayList<>(new LinkedHashSet<>(styleIds));
        StyleCatalog catalog = catalog();
        if (wanted.size() > catalog.maxPerStill()) {
            throw new InvalidInput("at most " + catalog.maxPerStill()
                    + " styles per still (mma.styles max_per_still), not " + wanted.size());
        }
        List<UserStyle> mine =
                wanted.stream().anyMatch(id -> id.startsWith(StyleCatalog.USER_PREFIX)) ? mine(owner) : List.of();
        List<ChosenStyle> chosen = new ArrayList<>();
        for (String id : wanted) {
            Optional<StylePreset> preset = catalog.preset(id);
            if (preset.isPresent()) {
                StylePreset p = preset.get();
                chosen.add(new ChosenStyle(
                        p.id(),
                        p.name(),
                        p.cue(),
                        p.references().stream().map(this::url).toList()));
                continue;
            }
            UserStyle own = mine.stream()
                    .filter(s -> s.id().equals(id))
                    .findFirst()
                    .orElseThrow(() -> new NotFound("no style '" + id + "' (presets: "
                            + catalog.presets().stream().map(StylePreset::id).collect(Collectors.joining(", "))
                            + "; or one of your own styles)"));
            chosen.add(new ChosenStyle(own.id(), own.name(), "", own.referenceUrls()));
        }
        return chosen;
    }

    /** A preset image as a URL: a shipped asset under the store's public base, or the published permanent URL. */
    private String url(String reference) {
        if (reference.startsWith(StyleCatalog.ASSET_PREFIX)) {
            return store.publicUrl(new AssetKey(reference.substring(StyleCatalog.ASSET_PREFIX.length())));
        }
        if (!PublicUrlPolicy.isPermanentPublic(reference)) {
            throw new ConfigurationError(
                    "config " + ConfigKeys.STYLES + ": '" + reference + "' is not a permanent public URL");
        }
        return reference;
    }

    private boolean ownUpload(PassId owner, String url) {
        Optional<AssetKey> key = store.keyOf(url);
        if (key.isEmpty()) {
            return false;
        }
        for (AssetKind kind : AssetKind.values()) {
            if (key.get().value().startsWith(AssetKey.uploadsPrefix(kind, owner))) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Object> stored(PassId owner) {
        return customers
                .find(owner)
                .map(c -> Json.object(c.meta(), META_KEY))
                .orElseThrow(() -> new NotFound("no customer " + owner.value()));
    }

    private static @Nullable Map<String, Object> nullIfEmpty(Map<String, Object> stored) {
        return stored.isEmpty() ? null : stored;
    }

    private static List<UserStyle> read(Map<String, Object> stored) {
        List<UserStyle> styles = new ArrayList<>();
        for (Object item : Json.list(stored, "items")) {
            if (item instanceof Map<?, ?> raw) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) raw;
                String id = Json.stringOrNull(m, "id");
                String name = Json.stringOrNull(m, "name");
                String at = Json.stringOrNull(m, "created_at");
                if (id != null && name != null && at != null) {
                    styles.add(new UserStyle(
                            id,
                            name,
                            Json.list(m, "reference_urls").stream()
                                    .map(Object::toString)
                                    .toList(),
                            Instant.parse(at)));
                }
            }
        }
        return styles;
    }

    private static Map<String, Object> write(List<UserStyle> styles) {
        return Json.obj(
                "items",
                styles.stream()
                        .map(s -> Json.obj(
                                "id",
                                s.id(),
                                "name",
                                s.name(),
                                "reference_urls",
                                s.referenceUrls(),
                                "created_at",
                                s.createdAt().toString()))
                        .toList());
    }
}
