package me.minav3.mma.engine;

import me.minav3.mma.common.MmaStatus;
import org.jspecify.annotations.Nullable;

/** One stage of the MMA pipeline; it ends by writing one {@code mma_step} row. */
interface Stage {

    /** The step type stored in {@code mg_step_type}, e.g. {@code scan_product}, {@code seedream_generate}. */
    String type();

    /** The generation's status while this stage runs. */
    MmaStatus status();

    /** A friendly line shown as the stage starts, or null. */
    @Nullable
    String intro();

    /**
     * A stage that calls no provider and ends within milliseconds: its start is stored together with its end
     * instead of in a write of its own.
     */
    default boolean local() {
        return false;
    }

    /** Whether a failure here fails the generation (post-scan is optional: spec §6.5). */
    default boolean fatal() {
        return true;
    }

    /** Does the work: reads and updates {@code context.document()}, fills the step's input and output. */
    void run(StageContext context);
}
