package me.minav3.mma.submit;

import java.util.Locale;
import java.util.Objects;
import me.minav3.mma.assets.AssetKey;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.assets.MediaSniffer;
import me.minav3.mma.assets.UploadLimits;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.credits.Credits;
import me.minav3.mma.error.Conflict;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationDocument;
import me.minav3.mma.generation.GenerationDocument.Scans;
import me.minav3.mma.generation.GenerationDocument.StillAssets;
import me.minav3.mma.generation.GenerationDocument.StillSettings;
import me.minav3.mma.generation.GenerationInputs;
import me.minav3.mma.generation.GenerationKind;
import me.minav3.mma.generation.GenerationQueue;
import me.minav3.mma.generation.Generations;
import me.minav3.mma.pricing.EditPrices;
import me.minav3.mma.providers.EditCanvas;
import me.minav3.mma.providers.EditTool;
import me.minav3.mma.providers.EditedImage;
import me.minav3.mma.studio.Sessions;
import me.minav3.mma.studio.UserText;
import org.jspecify.annotations.Nullable;

/**
 * Issue 23, decision 045: an edit tool run on a finished still of the user's own makes a NEW generation (kind
 * {@code edit}, parent = the edited still) through the same queue, paid by a share of the edit-tool pool (decision
 * 042) at the tool's {@code mma.edit} price. Everything the tool needs is checked here, so a refused request writes
 * and draws nothing.
 */
public final class EditImage {

    /** The biggest side an edit may produce (expand's canvas, upscale's result): Bria's 5000-pixel canvas. */
    public static final int MAX_SIDE = EditCanvas.MAX_SIDE;

    /**
     * An edit: whose, of which still, with which tool and options (each tool reads only its own; see
     * {@link EditTool}).
     *
     * @param tool        the tool's wire name ({@code eraser}, {@code remove-background}, …)
     * @param maskUrl     eraser, inpaint: the user's own uploaded mask (white = edit)
     * @param prompt      inpaint (required), expand (optional guide)
     * @param aspectRatio expand: the target ratio, e.g. {@code 16:9}
     * @param scale       upscale: 2 or 4
     */
    public record Request(
            PassId passId,
            GenerationId parentId,
            String tool,
            @Nullable RequestId requestId,
            @Nullable StudioSession session,
            @Nullable String maskUrl,
            @Nullable String prompt,
            @Nullable String aspectRatio,
            @Nullable Integer scale) {
        public Request {
            Objects.requireNonNull(passId, "pass id");
            Objects.requireNonNull(parentId, "generation id");
            tool = tool == null ? "" : tool;
            maskUrl = blankToNull(maskUrl);
            prompt = blankToNull(prompt);
            aspectRatio = blankToNull(aspectRatio);
        }
    }

    private final Generations generations;
    private final Credits credits;
    private final AssetStore store;
    private final ConfigService config;
    private final Submissions submissions;
    private final MediaSniffer sniffer = new MediaSniffer();

    public EditImage(
            GenerationQueue queue,
            Sessions sessions,
            Generations generations,
            Credits credits,
            AssetStore store,
            ConfigService config,
            Clock clock,
            IdGenerator ids,
            Runnable wakeWorkers) {
        this.generations = generations;
        this.credits = credits;
        this.store = store;
        this.config = config;
        this.submissions = new Submissions(queue, sessions, ids, clock, wakeWorkers);
    }

    /** The prices in force ({@code mma.edit}), in pool units of 1/2520 matcha. */
    public EditPrices prices() {
        return EditPrices.parse(config.value(ConfigKeys.EDIT));
    }

    /** What the customer's edit-tool pool holds, in units of 1/2520 matcha (already paid for). */
    public long pool(PassId passId) {
        return credits.toolPool(passId);
    }

    /** {@code units} of 1/2520 matcha as a reduced fraction: {@code "3/10"}, {@code "1"}, {@code "0"}. */
    public static String fraction(long units) {
        long whole = EditPrices.UNITS_PER_MATCHA;
        long gcd = java.math.BigInteger.valueOf(units)
                .gcd(java.math.BigInteger.valueOf(whole))
                .longValueExact();
        if (units == 0) {
            return "0";
        }
        return whole / gcd == 1 ? Long.toString(units / gcd) : (units / gcd) + "/" + (whole / gcd);
    }

    /**
     * Everything {@link #submit} checks except the mask's ownership, writing nothing: a caller that stores the mask
     * itself (the CLI ingests a file) checks first, so a refused request stores no mask either. Give any non-blank
     * {@code maskUrl} to say a mask will come.
     */
    public void check(Request request) {
        checked(request);
    }

    public CreateOutcome submit(Request request) {
        Checked c = checked(request);
        EditTool tool = c.tool();
        Generation parent = c.parent();
        String maskUrl = tool.needsMask() ? ownMask(request.passId(), Objects.requireNonNull(request.maskUrl())) : null;
        String sourceUrl = c.sourceUrl();
        String aspect = c.aspect();
        int scale = c.scale();
        String prompt = c.prompt();
        long share = prices().unitsOf(tool.wire())
                .orElseThrow(() -> new IllegalStateException("mma.edit prices no " + tool.wire()));
        String parentAspect = parent.document().settings() instanceof StillSettings s ? s.aspectRatio() : null;
        var document = GenerationDocument.submitted(
                GenerationKind.EDIT,
                new GenerationInputs.Edit(
                        tool.wire(),
                        parent.id().mgId(),
                        sourceUrl,
                        maskUrl,
                        prompt,
                        aspect,
                        scale,
                        RequestId.valueOf(request.requestId())),
                new StillAssets(null, null, null),
                new StillSettings(aspect != null ? aspect : parentAspect, null, null, java.util.Map.of()),
                Scans.STILL);
        return submissions.submit(new Submission(
                request.passId(),
                request.requestId(),
                request.session(),
                parent.id(),
                document,
                Matcha.ZERO,
                new Submission.Event(EventType.EDIT, parent.id(), tool.wire()),
                share));
    }

    private record Checked(
            EditTool tool,
            Generation parent,
            String sourceUrl,
            @Nullable String aspect,
            int scale,
            @Nullable String prompt) {}

    private Checked checked(Request request) {
        EditTool tool = EditTool.fromWire(request.tool())
                .orElseThrow(() ->
                        new InvalidInput("unknown tool '" + request.tool() + "' (known: " + EditTool.known() + ")"));
        Generation parent = generations.findOwned(request.parentId(), request.passId());
        String sourceUrl = editableSource(parent);
        checkOptions(tool, request);
        String aspect = null;
        int scale = 0;
        if (tool == EditTool.EXPAND) {
            aspect = canvasFor(sourceSize(parent), Objects.requireNonNull(request.aspectRatio()));
        } else if (tool == EditTool.UPSCALE) {
            scale = Objects.requireNonNull(request.scale());
            checkUpscale(sourceSize(parent), scale);
        }
        String prompt = tool == EditTool.INPAINT || tool == EditTool.EXPAND
                ? UserText.check("the prompt", request.prompt())
                : null;
        return new Checked(tool, parent, sourceUrl, aspect, scale, prompt);
    }

    /** The parent's image URL: a finished still (or an earlier edit) with a raster output. */
    private static String editableSource(Generation parent) {
        if (parent.mode() != MmaMode.STILL) {
            throw new Conflict("only images can be edited; this generation is a video");
        }
        if (parent.status() != MmaStatus.DONE || parent.outputUrl() == null) {
            throw new Conflict(
                    "this image is not finished yet (" + parent.status().wire() + "); edit it when it is done");
        }
        if (isVector(parent)) {
            throw new Conflict("a vectorized image (SVG) cannot be edited again; edit the image it was traced from");
        }
        return Objects.requireNonNull(parent.outputUrl());
    }

    /** Whether a finished still's output is a vectorize result (an SVG document), which no tool or video takes. */
    static boolean isVector(Generation still) {
        String url = Objects.requireNonNullElse(still.outputUrl(), "");
        var outputs = still.document().outputs();
        return (outputs != null && EditedImage.SVG.equals(outputs.contentType()))
                || url.toLowerCase(Locale.ROOT).endsWith(".svg");
    }

    /** Each tool gets what it needs and nothing it does not take. */
    private static void checkOptions(EditTool tool, Request r) {
        String name = tool.wire();
        if (tool.needsMask() && r.maskUrl() == null) {
            throw new InvalidInput(name + " needs a mask (mask_url): paint the area to change first");
        }
        if (!tool.needsMask() && r.maskUrl() != null) {
            throw new InvalidInput(name + " takes no mask");
        }
        if (tool.needsPrompt() && r.prompt() == null) {
            throw new InvalidInput(name + " needs a prompt: say what to fill the area with");
        }
        if (r.prompt() != null && tool != EditTool.INPAINT && tool != EditTool.EXPAND) {
            throw new InvalidInput(name + " takes no prompt");
        }
        if (r.prompt() != null && r.prompt().length() > StillRequest.MAX_BRIEF) {
            throw new InvalidInput("the prompt is at most " + StillRequest.MAX_BRIEF + " characters");
        }
        if ((tool == EditTool.EXPAND) != (r.aspectRatio() != null)) {
            throw new InvalidInput(
                    tool == EditTool.EXPAND
                            ? "expand needs an aspect ratio (aspect_ratio, e.g. 16:9)"
                            : name + " takes no aspect ratio");
        }
        if (tool == EditTool.UPSCALE) {
            if (r.scale() == null || (r.scale() != 2 && r.scale() != 4)) {
                throw new InvalidInput("upscale needs a scale of 2 or 4");
            }
        } else if (r.scale() != null) {
            throw new InvalidInput(name + " takes no scale");
        }
    }

    /**
     * The mask URL as stored, when it is one of the user's own uploads in this store; anything else (another
     * user's upload, a generation's output, a foreign link) is refused before anything is written.
     */
    private String ownMask(PassId owner, String url) {
        AssetKey key = store.keyOf(url)
                .filter(k -> isUploadOf(k, owner))
                .orElseThrow(() -> new InvalidInput("the mask must be an image you uploaded (mask_url)"));
        byte[] bytes = store.read(key)
                .orElseThrow(() -> new InvalidInput("that mask is no longer available; upload it again"));
        sniffer.sniff(bytes, limits().maxPixels()); // an image at all, within the pixel limit
        return store.publicUrl(key);
    }

    private static boolean isUploadOf(AssetKey key, PassId owner) {
        for (AssetKind kind : AssetKind.values()) {
            if (key.value().startsWith(AssetKey.uploadsPrefix(kind, owner))) {
                return true;
            }
        }
        return false;
    }

    /** The source's pixel size, sniffed from the stored bytes. */
    private MediaSniffer.Sniffed sourceSize(Generation parent) {
        String url = Objects.requireNonNull(parent.outputUrl());
        byte[] bytes = store.keyOf(url)
                .flatMap(store::read)
                .orElseThrow(() -> new Conflict("this image is no longer in the store; it cannot be edited"));
        return sniffer.sniff(bytes, limits().maxPixels());
    }

    /** The ratio as the studio spells it, once the canvas it makes is known to fit. */
    private static String canvasFor(MediaSniffer.Sniffed source, String ratioText) {
        AspectRatio ratio;
        try {
            ratio = AspectRatio.parse(ratioText);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        try {
            EditCanvas.forAspect((int) source.width(), (int) source.height(), ratio.width(), ratio.height());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("cannot expand this " + source.width() + "x" + source.height() + " image to "
                    + ratio.wire() + ": " + e.getMessage());
        }
        return ratio.wire();
    }

    private static void checkUpscale(MediaSniffer.Sniffed source, int scale) {
        long side = Math.max(source.width(), source.height()) * scale;
        if (side > MAX_SIDE) {
            throw new InvalidInput("upscaling this " + source.width() + "x" + source.height() + " image x" + scale
                    + " would make a side of " + side + " pixels; the most is " + MAX_SIDE
                    + (scale == 4 ? " (try x2)" : ""));
        }
    }

    private UploadLimits limits() {
        return UploadLimits.fromConfig(config.value(ConfigKeys.UPLOADS));
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
