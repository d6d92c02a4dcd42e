package me.minav3.mma.providers;

import java.util.List;

/** The GPT jobs of the pipeline, each with the exact JSON fields its reply must have. */
public enum GptTask {
    /** Describe one image (product, logo, inspiration, output, input still). */
    SCAN("mma.ctx.gpt_scanner", List.of("crt", "userMessage")),
    /** Write the Seedream prompt from brief, style, captions and taste. */
    READ_STILL("mma.ctx.gpt_reader", List.of(GptTask.CLEAN_PROMPT, "userMessage")),
    /** Write the prompt of the niche still engine (Gemini image: prose) from the same inputs (issue 22). */
    READ_STILL_NICHE("mma.ctx.gpt_reader_niche", List.of(GptTask.CLEAN_PROMPT, "userMessage")),
    /** Adapt a still prompt to the user's feedback. */
    FEEDBACK_STILL("mma.ctx.gpt_feedback_still", List.of(GptTask.CLEAN_PROMPT)),
    /** "Type for me": a simple motion prompt from an image. */
    MOTION_SUGGESTION("mma.ctx.motion_suggestion", List.of("sugg_prompt", "userMessage")),
    /** Write the video prompt from the still and the user's motion text. */
    READ_MOTION("mma.ctx.gpt_reader_motion", List.of("motion_prompt", "userMessage")),
    /** Adapt a motion prompt to the user's feedback. */
    FEEDBACK_MOTION("mma.ctx.gpt_feedback_motion", List.of("motion_prompt"));

    /** The reply field holding a still's prompt (also what a reader step records as its output). */
    public static final String CLEAN_PROMPT = "clean_prompt";

    private final String contextKey;
    private final List<String> replyFields;

    GptTask(String contextKey, List<String> replyFields) {
        this.contextKey = contextKey;
        this.replyFields = replyFields;
    }

    /** The {@code mma.ctx.*} config key holding this task's system prompt. */
    public String contextKey() {
        return contextKey;
    }

    /** The string fields a reply must contain (a strict JSON schema for real models). */
    public List<String> replyFields() {
        return replyFields;
    }
}
