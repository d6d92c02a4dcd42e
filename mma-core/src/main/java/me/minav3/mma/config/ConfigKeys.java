package me.minav3.mma.config;

/** The stable config key names (spec §13.2, ARCHITECTURE.md §4). */
public final class ConfigKeys {

    public static final String CTX_SCANNER = "mma.ctx.gpt_scanner";
    public static final String CTX_READER = "mma.ctx.gpt_reader";
    public static final String CTX_FEEDBACK_STILL = "mma.ctx.gpt_feedback_still";
    public static final String CTX_MOTION_SUGGESTION = "mma.ctx.motion_suggestion";
    public static final String CTX_READER_MOTION = "mma.ctx.gpt_reader_motion";
    public static final String CTX_FEEDBACK_MOTION = "mma.ctx.gpt_feedback_motion";
    /** The prompt writer of the niche still engine (issue 22): Gemini image models read prose, not tag lists. */
    public static final String CTX_READER_NICHE = "mma.ctx.gpt_reader_niche";

    public static final String PROVIDER_REGISTRY = "mma.provider.registry";
    /** The model capability table: what each provider model accepts ({@code providers.models.ModelCapabilities}). */
    public static final String PROVIDER_MODELS = "mma.provider.models";
    /** USD list prices per provider and model, from which each provider step records its cost. */
    public static final String PROVIDER_PRICES = "mma.provider.prices";

    public static final String COSTS = "mma.costs";
    public static final String CREDITS = "mma.credits";
    public static final String TASTE = "mma.taste";
    public static final String PIPELINE = "mma.pipeline";
    public static final String VIDEO = "mma.video";
    /** Per-model matcha per video second and mode multipliers ({@code submit.VideoOffer}, decision 041). */
    public static final String VIDEO_PRICES = "mma.video.prices";

    public static final String UPLOADS = "mma.uploads";
    public static final String PACKS = "mma.packs";
    public static final String SHOPIFY = "mma.shopify";
    public static final String SESSIONS = "mma.sessions";
    /** Per-customer limits and quotas ({@code limits.policy.LimitPolicy}). */
    public static final String LIMITS = "mma.limits";
    /** Style presets with reference images and the limits of choosing styles ({@code styles.catalog.StyleCatalog}). */
    public static final String STYLES = "mma.styles";
    /** The still engines a request may choose ({@code providers.models.StillEngines}, issue 22). */
    public static final String ENGINES = "mma.engines";

    /** Edit tools: their prices as fractions of a matcha ({@code pricing.EditPrices}, decision 042). */
    public static final String EDIT = "mma.edit";

    private ConfigKeys() {}

    /** {@code mma.provider.<name>.defaults}. */
    public static String providerDefaults(String provider) {
        return "mma.provider." + provider + ".defaults";
    }
}
