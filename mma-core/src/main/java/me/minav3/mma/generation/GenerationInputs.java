package me.minav3.mma.generation;

import java.util.Map;
import me.minav3.mma.common.Json;
import org.jspecify.annotations.Nullable;

/**
 * The {@code inputs} section of a generation: what the user asked for, one shape per {@link GenerationKind}.
 * {@code other} keeps keys this release does not know, as stored.
 */
public sealed interface GenerationInputs {

    /** The idempotency key the generation was submitted with, or null. */
    @Nullable
    String requestId();

    /** The brief the still was made from (for a video: its still's brief), or null. */
    default @Nullable String brief() {
        return null;
    }

    /** A video's motion text as the user wrote it ("" for none); null for a still. */
    default @Nullable String motionText() {
        return null;
    }

    /** The still a video was made from ({@code mg_id}), or null. */
    default @Nullable String stillId() {
        return null;
    }

    Map<String, Object> other();

    /** A still from a brief and images. */
    record Create(
            @Nullable String brief,
            @Nullable String style,
            @Nullable String aspectRatio,
            @Nullable String requestId,
            Map<String, Object> other)
            implements GenerationInputs {
        public Create {
            other = Json.copy(other);
        }

        public Create(
                @Nullable String brief,
                @Nullable String style,
                @Nullable String aspectRatio,
                @Nullable String requestId) {
            this(brief, style, aspectRatio, requestId, Map.of());
        }
    }

    /** Feedback on a finished still, with what the tweak keeps of it. */
    record Tweak(
            @Nullable String feedback,
            @Nullable String previousPrompt,
            @Nullable String parentId,
            @Nullable String parentOutputUrl,
            @Nullable String parentCaption,
            @Nullable String brief,
            @Nullable String style,
            @Nullable String requestId,
            Map<String, Object> other)
            implements GenerationInputs {
        public Tweak {
            other = Json.copy(other);
        }

        public Tweak(
                @Nullable String feedback,
                @Nullable String previousPrompt,
                @Nullable String parentId,
                @Nullable String parentOutputUrl,
                @Nullable String parentCaption,
                @Nullable String brief,
                @Nullable String style,
                @Nullable String requestId) {
            this(feedback, previousPrompt, parentId, parentOutputUrl, parentCaption, brief, style, requestId, Map.of());
        }
    }

    /**
     * An animation of a still ({@code stillId}) or an uploaded image; {@code passThrough}: the motion text is the
     * prompt as written (fixed when the job was created).
     */
    record Animate(
            @Nullable String motionText,
            boolean passThrough,
            @Nullable String stillId,
            @Nullable String brief,
            @Nullable String requestId,
            Map<String, Object> other)
            implements GenerationInputs {
        public Animate {
            other = Json.copy(other);
        }

        public Animate(
                @Nullable String motionText,
                boolean passThrough,
                @Nullable String stillId,
                @Nullable String brief,
                @Nullable String requestId) {
            this(motionText, passThrough, stillId, brief, requestId, Map.of());
        }
    }

    /** Feedback on a finished video, regenerated. */
    record VideoFeedback(
            @Nullable String feedback,
            @Nullable String previousPrompt,
            @Nullable String parentId,
            @Nullable String motionText,
            @Nullable String stillId,
            @Nullable String requestId,
            Map<String, Object> other)
            implements GenerationInputs {
        public VideoFeedback {
            other = Json.copy(other);
        }

        public VideoFeedback(
                @Nullable String feedback,
                @Nullable String previousPrompt,
                @Nullable String parentId,
                @Nullable String motionText,
                @Nullable String stillId,
                @Nullable String requestId) {
            this(feedback, previousPrompt, parentId, motionText, stillId, requestId, Map.of());
        }
    }

    /**
     * An edit tool run (decision 045) on the still {@code parentId}, whose image is {@code sourceUrl}: the tool's wire
     * name and only the options it takes (a mask URL for eraser and inpaint, a prompt for inpaint and expand, the
     * target aspect ratio for expand, the scale for upscale; null or 0 otherwise).
     */
    record Edit(
            @Nullable String tool,
            @Nullable String parentId,
            @Nullable String sourceUrl,
            @Nullable String maskUrl,
            @Nullable String prompt,
            @Nullable String aspectRatio,
            int scale,
            @Nullable String requestId,
            Map<String, Object> other)
            implements GenerationInputs {
        public Edit {
            other = Json.copy(other);
        }

        public Edit(
                @Nullable String tool,
                @Nullable String parentId,
                @Nullable String sourceUrl,
                @Nullable String maskUrl,
                @Nullable String prompt,
                @Nullable String aspectRatio,
                int scale,
                @Nullable String requestId) {
            this(tool, parentId, sourceUrl, maskUrl, prompt, aspectRatio, scale, requestId, Map.of());
        }
    }
}
