package me.minav3.mma.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationDocument.MotionAssets;
import me.minav3.mma.providers.GptReply;
import me.minav3.mma.providers.GptTask;
import org.jspecify.annotations.Nullable;

/**
 * Spec §8.2 "Type for me": reads the image to animate and writes a simple, easy-English motion prompt. Free. The
 * answer is recorded as an {@code mma_event} of type {@code suggestion} whose meta is shaped like a GPT step
 * payload (input with the {@code ctx_*} row used, output, timing): docs/decisions/005-motion.md.
 */
public final class SuggestMotion {

    /** Whose, and which image: a generation of theirs (a still, or a video's start image) or an image URL of ours. */
    public record Request(
            PassId passId,
            @Nullable GenerationId generationId,
            @Nullable String imageUrl) {
        public Request {
            Objects.requireNonNull(passId, "pass id");
            imageUrl = imageUrl == null || imageUrl.isBlank() ? null : imageUrl.strip();
            if (generationId != null && imageUrl != null) {
                throw new InvalidInput("give a generation or an image URL, not both");
            }
        }
    }

    /** A suggestion, or the reason there can be none. */
    public sealed interface Outcome {

        /** The motion prompt to put in the text area, MMA's friendly line, the image read, and the event written. */
        record Suggested(String prompt, String userMessage, String imageUrl, String eventId) implements Outcome {}

        /** There is no image to read yet ("I need an image"): nothing was asked or recorded. */
        record NeedImage(String message) implements Outcome {}
    }

    /** What the suggestion reads: the image, a caption of it when MMA has one, and the generation it belongs to. */
    private record Source(
            String imageUrl,
            @Nullable String caption,
            @Nullable GenerationId about) {}

    private final PipelineServices services;
    private final AssetStore store;
    private final IdGenerator ids;

    public SuggestMotion(PipelineServices services, AssetStore store, IdGenerator ids) {
        this.services = services;
        this.store = store;
        this.ids = ids;
    }

    public Outcome suggest(Request request) {
        Source source = request.generationId() != null
                ? fromGeneration(request.passId(), request.generationId())
                : request.imageUrl() != null ? fromUrl(request.imageUrl()) : null;
        if (source == null) {
            return new Outcome.NeedImage(
                    request.generationId() == null
                            ? "I need an image: add or pick the image to animate first."
                            : "I need an image: " + request.generationId().mgId() + " has no finished image yet.");
        }
        var input = Json.obj("caption", source.caption() == null ? "" : source.caption());
        // Shaped like a step payload, so the audit reads a suggestion as it reads any GPT step.
        var meta = Json.obj("input", null, "output", null, "timing", null, "error", null);
        Instant started = services.clock().now();
        GptReply reply = GptStep.ask(
                services,
                GptTask.MOTION_SUGGESTION,
                input,
                List.of(source.imageUrl()),
                asked -> meta.put("input", asked),
                answered -> meta.put("output", answered));
        Instant ended = services.clock().now();
        meta.put(
                "timing",
                Json.obj(
                        "started_at",
                        started.toString(),
                        "ended_at",
                        ended.toString(),
                        "duration_ms",
                        Duration.between(started, ended).toMillis()));
        MmaEvent event = new MmaEvent(
                ids.newId(),
                request.passId(),
                EventType.SUGGESTION,
                source.about(),
                reply.field("sugg_prompt"),
                meta,
                ended);
        services.events().record(event);
        return new Outcome.Suggested(
                reply.field("sugg_prompt"), reply.field("userMessage"), source.imageUrl(), event.mgId());
    }

    /** A finished still's image, or a video's start image; null when there is none yet. */
    private @Nullable Source fromGeneration(PassId passId, GenerationId id) {
        Generation g = services.generations().findOwned(id, passId);
        var scans = g.document().scans();
        if (g.mode() == MmaMode.VIDEO) {
            String start = g.document().assets() instanceof MotionAssets assets ? assets.startImageUrl() : null;
            return start == null ? null : new Source(start, scans == null ? null : scans.inputStillCaption(), g.id());
        }
        if (g.status() != MmaStatus.DONE || g.outputUrl() == null) {
            return null;
        }
        return new Source(g.outputUrl(), scans == null ? null : scans.outputStillCaption(), g.id());
    }

    /** Only images already in our store: the studio uploads (or imports) a pasted image first. */
    private Source fromUrl(String url) {
        var key = store.keyOf(url)
                .orElseThrow(
                        () -> new InvalidInput("that image is not one of ours; upload it (or import the link) first"));
        if (key.value().startsWith("mma/video/")) {
            throw new InvalidInput("that is a video; suggest motion from an image");
        }
        return new Source(url, null, null);
    }
}
