package me.minav3.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.assets.IngestMedia;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.submit.CreateStill;
import me.minav3.mma.submit.RequestId;
import me.minav3.mma.submit.StillRequest;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mina generate}: one still, run to the end, its userMessages on stderr. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Make one still (costs matcha; refunded if it fails) and wait until it is done.",
            "Images may be files or http(s) URLs; they are checked and stored permanently first."
        })
final class GenerateCommand extends MinaCommand {

    @Mixin
    @SuppressWarnings("NullAway.Init")
    RunOptions run;

    @Option(
            names = "--pass-id",
            required = true,
            paramLabel = "PASS_ID",
            description =
                    "Whose still it is, and whose matcha pays: pass:user:<id>, pass:shopify:<id> or pass:anon:<uuid>.")
    @SuppressWarnings("NullAway.Init")
    String passId;

    @Option(names = "--brief", paramLabel = "TEXT", description = "What you want (needed unless an image is given).")
    @Nullable
    String brief;

    @Option(
            names = "--style",
            paramLabel = "ID",
            description = "A style's id (a preset such as noir, or one of the user's own my-… styles); several by "
                    + "repeating the option, up to mma.styles max_per_still (default: None).")
    List<String> styles = new ArrayList<>();

    @Option(
            names = "--aspect-ratio",
            paramLabel = "R",
            description = "The shape: 1:1 (default), 4:5, 5:4, 3:4, 4:3, 2:3, 3:2, 9:16, 16:9 or 21:9.")
    @Nullable
    String aspectRatio;

    @Option(
            names = "--product",
            paramLabel = "F|URL",
            description = "A photo of the product to show: a file, - for stdin, or an http(s) URL.")
    @Nullable
    String product;

    @Option(
            names = "--logo",
            paramLabel = "F|URL",
            description = "The brand's logo to place: a file, - for stdin, or an http(s) URL.")
    @Nullable
    String logo;

    @Option(
            names = "--inspiration",
            paramLabel = "F|URL",
            description = "A mood image (a file, - for stdin, or a URL); up to 4, by repeating the option.")
    List<String> inspirations = new ArrayList<>();

    @Option(names = "--quality", paramLabel = "Q", description = "The resolution: 1K, 2K (default) or 4K.")
    @Nullable
    String quality;

    @Option(
            names = "--engine",
            paramLabel = "NAME",
            description = "The still engine (config mma.engines): main (Seedream) or niche (Gemini image);"
                    + " the default engine when absent.")
    @Nullable
    String engine;

    private final Supplier<CreateStill> createStill;
    private final Supplier<IngestMedia> media;
    private final Supplier<GenerationWait> wait;

    GenerateCommand(Supplier<CreateStill> createStill, Supplier<IngestMedia> media, Supplier<GenerationWait> wait) {
        this.createStill = createStill;
        this.media = media;
        this.wait = wait;
    }

    @Override
    public Integer call() {
        PassId who = Inputs.passId(passId);
        CreateStill create = createStill.get();
        StillRequest request = request(who);
        return ExitCode.whenQueued(
                create.submit(request), out(), run.json, queued -> wait.get().follow(queued, "", run, out()));
    }

    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    private StillRequest request(PassId who) {
        if (inspirations.size() > AssetKind.MAX_INSPIRATIONS) {
            throw new InvalidInput("at most " + AssetKind.MAX_INSPIRATIONS + " inspiration images");
        }
        AspectRatio ratio;
        try {
            ratio = aspectRatio == null ? null : AspectRatio.parse(aspectRatio);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        if (quality != null) {
            settings.put("quality", quality);
        }
        // Checked as typed first (files and links as given), so bad input stores nothing.
        StillRequest draft = new StillRequest(
                who,
                brief,
                null,
                ratio,
                product,
                logo,
                inspirations,
                settings,
                RequestId.ofNullable(run.requestId),
                null,
                styles,
                engine);
        var media = this.media.get();
        return draft.withImages(
                MediaArgs.store(media, who, AssetKind.PRODUCT, "--product", product, stdin()),
                MediaArgs.store(media, who, AssetKind.LOGO, "--logo", logo, stdin()),
                inspirations.stream()
                        .map(i -> MediaArgs.store(media, who, AssetKind.INSPIRATION, "--inspiration", i, stdin()))
                        .toList());
    }
}
