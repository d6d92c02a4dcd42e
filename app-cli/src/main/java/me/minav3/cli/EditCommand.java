package me.minav3.cli;

import java.util.function.Supplier;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.assets.IngestMedia;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.FindGeneration;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.providers.EditTool;
import me.minav3.mma.submit.EditImage;
import me.minav3.mma.submit.RequestId;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mina edit}: an edit tool run on a finished still (issue 23, decision 045). */
@Command(
        name = "edit",
        mixinStandardHelpOptions = true,
        description = "Run an edit tool on a finished still: a new still whose parent is that one, paid from the"
                + " owner's edit-tool pool (a fraction of a matcha; config mma.edit).")
final class EditCommand extends MinaCommand {

    @Mixin
    @SuppressWarnings("NullAway.Init")
    RunOptions run;

    @Parameters(index = "0", paramLabel = "GENERATION_ID", description = "The finished still to edit.")
    @SuppressWarnings("NullAway.Init")
    String generationId;

    @Option(
            names = "--tool",
            required = true,
            paramLabel = "TOOL",
            description = "The tool: eraser, inpaint, expand, remove-background, upscale or vectorize.")
    @SuppressWarnings("NullAway.Init")
    String tool;

    @Option(
            names = "--mask",
            paramLabel = "FILE",
            description = "For eraser and inpaint: a PNG mask (white = the area to change; - for stdin), stored as the"
                    + " owner's upload.")
    @Nullable
    String mask;

    @Option(
            names = "--prompt",
            paramLabel = "TEXT",
            description = "For inpaint: what to fill the area with (required); for expand: an optional guide.")
    @Nullable
    String prompt;

    @Option(names = "--aspect", paramLabel = "W:H", description = "For expand: the new aspect ratio, e.g. 16:9.")
    @Nullable
    String aspect;

    @Option(names = "--scale", paramLabel = "2|4", description = "For upscale: 2 or 4.")
    @Nullable
    Integer scale;

    private final Supplier<FindGeneration> generations;
    private final Supplier<EditImage> editImage;
    private final Supplier<IngestMedia> media;
    private final Supplier<GenerationWait> wait;

    EditCommand(
            Supplier<FindGeneration> generations,
            Supplier<EditImage> editImage,
            Supplier<IngestMedia> media,
            Supplier<GenerationWait> wait) {
        this.generations = generations;
        this.editImage = editImage;
        this.media = media;
        this.wait = wait;
    }

    @Override
    public Integer call() {
        GenerationId parentId = TweakCommand.parse(generationId);
        Generation parent = generations.get().get(parentId);
        EditImage edits = editImage.get();
        // Checked before the mask is stored: a refused edit stores nothing.
        edits.check(request(parent, mask == null ? null : "pending"));
        String maskUrl = mask == null
                ? null
                : MediaArgs.store(media.get(), parent.passId(), AssetKind.INSPIRATION, "--mask", mask, stdin());
        CreateOutcome outcome = edits.submit(request(parent, maskUrl));
        if (outcome instanceof CreateOutcome.InsufficientMatcha shortOf) {
            // The run costs a fraction; what is short is the one matcha that would move into the pool (decision 042).
            return out().failure(
                            ExitCode.NOT_ENOUGH_MATCHA,
                            "I need matcha: the tool pool holds less than "
                                    + EditTool.fromWire(tool)
                                            .map(EditTool::wire)
                                            .orElse(tool) + " costs, and moving 1 matcha into it"
                                    + " needs a balance of 1 (it is " + shortOf.balance() + ")",
                            run.json);
        }
        return ExitCode.whenQueued(
                outcome,
                out(),
                run.json,
                edit -> wait.get().follow(edit, " (" + tool + " of " + parentId.mgId() + ")", run, out()));
    }

    private EditImage.Request request(Generation parent, @Nullable String maskUrl) {
        return new EditImage.Request(
                parent.passId(),
                parent.id(),
                tool,
                RequestId.ofNullable(run.requestId),
                null,
                maskUrl,
                prompt,
                aspect,
                scale);
    }
}
