package me.minav3.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.minav3.app.Views;
import me.minav3.app.Wiring;
import me.minav3.mma.domain.AspectRatio;
import me.minav3.mma.domain.AssetKind;
import me.minav3.mma.domain.CreateOutcome;
import me.minav3.mma.domain.Generation;
import me.minav3.mma.domain.MmaStatus;
import me.minav3.mma.domain.PassId;
import me.minav3.mma.error.GenerationFailed;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.NotEnoughMatcha;
import me.minav3.mma.pipeline.StillRequest;
import me.minav3.mma.pipeline.RequestId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mina generate}: one still, run to the end, its userMessages on stderr. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Make one still (costs matcha; refunded if it fails) and wait until it is done.",
                "Images may be files or http(s) URLs; they are checked and stored permanently first."})
final class GenerateCommand extends MinaCommand {

    @Mixin
    RunOptions run;

    @Option(names = "--pass-id", required = true, paramLabel = "PASS_ID")
    String passId;

    @Option(names = "--brief", paramLabel = "TEXT", description = "What you want (needed unless an image is given)")
    String brief;

    @Option(names = "--style", paramLabel = "S", description = "A style name (default: None)")
    String style;

    @Option(names = "--aspect-ratio", paramLabel = "R", description = "1:1 (default), 4:5, 5:4, 3:4, 4:3, 2:3, 3:2, 9:16, 16:9, 21:9")
    String aspectRatio;

    @Option(names = "--product", paramLabel = "F|URL")
    String product;

    @Option(names = "--logo", paramLabel = "F|URL")
    String logo;

    @Option(names = "--inspiration", paramLabel = "F|URL", description = "Up to 4 (repeat the option)")
    List<String> inspirations = new ArrayList<>();

    @Option(names = "--quality", paramLabel = "Q", description = "1K, 2K (default) or 4K")
    String quality;

    @Override
    public Integer call() {
        PassId who = Inputs.passId(passId);
        Wiring wiring = wiring();
        StillRequest request = request(wiring, who);
        Generation generation = submitted(wiring.createStill().submit(request));
        out().note("generation " + generation.id().mgId() + " queued");
        Generation finished = GenerationWait.until(wiring, generation.id(), run.timeout(),
                line -> out().note("  " + line));
        return report(wiring, finished, run.json, out());
    }

    private StillRequest request(Wiring wiring, PassId who) {
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
        StillRequest draft = new StillRequest(who, brief, style, ratio, product, logo, inspirations, settings,
                RequestId.ofNullable(run.requestId), null);
        var media = wiring.media();
        return draft.withImages(MediaArgs.store(media, who, AssetKind.PRODUCT, product),
                MediaArgs.store(media, who, AssetKind.LOGO, logo),
                inspirations.stream().map(i -> MediaArgs.store(media, who, AssetKind.INSPIRATION, i)).toList());
    }

    /** The generation to wait for, or the business outcome as a failure for exit codes. */
    static Generation submitted(CreateOutcome outcome) {
        return switch (outcome) {
            case CreateOutcome.Created created -> created.generation();
            case CreateOutcome.AlreadyExists existing -> existing.generation();
            case CreateOutcome.InsufficientMatcha refused -> throw new NotEnoughMatcha(refused.balance(), refused.needed(),
                    "I need matcha: this costs " + refused.needed() + " and the balance is " + refused.balance());
            case CreateOutcome.Expired refused -> throw new NotEnoughMatcha(0, 1,
                    "I need matcha: the balance expired at " + refused.expiredAt());
        };
    }

    /** Prints the result (JSON or a summary) and returns the exit code. */
    static int report(Wiring wiring, Generation finished, boolean json, Output out) {
        long credits = wiring.database().customers().find(finished.passId()).map(c -> c.credits()).orElse(0L);
        if (json) {
            var document = Views.generation(finished);
            document.put("credits_left", credits);
            out.json(document);
        } else if (finished.status() == MmaStatus.DONE) {
            out.line(finished.id().mgId() + " done: " + finished.outputUrl());
            out.line("prompt: " + finished.prompt());
            out.line("provider: " + finished.provider() + " (" + finished.model() + "), " + credits + " matcha left");
        }
        if (finished.status() == MmaStatus.ERROR) {
            throw new GenerationFailed(finished.id().mgId(), finished.id().mgId() + " failed: " + finished.error());
        }
        return ExitCode.OK;
    }
}
