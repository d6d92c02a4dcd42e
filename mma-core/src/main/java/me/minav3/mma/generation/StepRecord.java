package me.minav3.mma.generation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;

/**
 * One {@code mma_step:<generation>:<n>} row. Its payload always has {@code input}, {@code output},
 * {@code timing {started_at, ended_at, duration_ms}} and {@code error} (spec §12.2).
 */
public record StepRecord(
        GenerationId generationId, int stepNo, String stepType, Map<String, Object> payload, Instant createdAt) {

    private static final Pattern STEP_TYPE = Pattern.compile("[a-z][a-z0-9_]{1,60}");

    public StepRecord {
        Objects.requireNonNull(generationId, "generation id");
        Objects.requireNonNull(stepType, "step type");
        if (stepNo < 1) {
            throw new IllegalArgumentException("steps are numbered from 1");
        }
        if (!STEP_TYPE.matcher(stepType).matches()) {
            throw new IllegalArgumentException("not a step type: " + stepType);
        }
        payload = Json.copy(payload);
        for (String key : new String[] {"input", "output", "timing", "error"}) {
            if (!payload.containsKey(key)) {
                throw new IllegalArgumentException("a step payload needs '" + key + "'");
            }
        }
    }

    public String mgId() {
        return "mma_step:" + generationId.value() + ":" + stepNo;
    }

    public Map<String, Object> input() {
        return Json.object(payload, "input");
    }

    public Map<String, Object> output() {
        return Json.object(payload, "output");
    }

    public boolean failed() {
        return payload.get("error") != null;
    }
}
