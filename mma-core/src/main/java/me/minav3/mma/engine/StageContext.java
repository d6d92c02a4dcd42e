package me.minav3.mma.engine;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationDocument;
import me.minav3.mma.generation.GenerationDocument.StartedJob;
import me.minav3.mma.providers.ProviderJob;
import org.jspecify.annotations.Nullable;

/**
 * What a running stage sees and fills: the generation, its working document, its step's input and output, and the
 * provider job it starts.
 */
final class StageContext {

    private final Generation generation;
    private final WorkingDocument document;
    private final PipelineServices services;
    private final String workerId;
    private final Stage stage;
    private Map<String, Object> input = Json.obj();
    private Map<String, Object> output = Json.obj();
    private @Nullable String userLine;

    StageContext(
            Generation generation, WorkingDocument document, PipelineServices services, String workerId, Stage stage) {
        this.generation = generation;
        this.document = document;
        this.services = services;
        this.workerId = workerId;
        this.stage = stage;
    }

    Generation generation() {
        return generation;
    }

    /** The document as the stages before this one (and this one so far) left it. */
    GenerationDocument document() {
        return document.get();
    }

    void update(UnaryOperator<GenerationDocument> change) {
        document.update(change);
    }

    PipelineServices services() {
        return services;
    }

    void input(Map<String, Object> input) {
        this.input = input;
    }

    Map<String, Object> input() {
        return input;
    }

    void output(Map<String, Object> output) {
        this.output = output;
    }

    Map<String, Object> output() {
        return output;
    }

    /**
     * The paid job this stage has {@code provider} run: the job an earlier run of the stage recorded (if the same
     * provider runs it now), and, for a new one, its id written to the generation's row the moment it is known.
     * Whether an earlier run may have sent the create without recording an id: any run after the first claim
     * (the generation was claimed before and this stage has no step yet).
     */
    ProviderJob providerJob(String provider) {
        String stageType = stage.type();
        Optional<String> recorded = document()
                .providerJob(stageType)
                .filter(job -> provider.equals(job.provider()) && job.jobId() != null)
                .map(StartedJob::jobId);
        return new ProviderJob() {
            private Optional<String> id = recorded;

            @Override
            public String key() {
                return ProviderJob.keyOf(generation.id(), stageType);
            }

            @Override
            public Optional<String> startedId() {
                return id;
            }

            @Override
            public boolean mayHaveCreated() {
                return id.isEmpty() && generation.attempts() > 1;
            }

            @Override
            public void started(String jobId) {
                var now = services.clock().now();
                update(d -> d.withProviderJob(stageType, new StartedJob(provider, jobId, now)));
                if (!services.queue().progress(generation.id(), workerId, stage.status(), document(), now)) {
                    throw new LeaseLost(generation.id() + " is no longer " + workerId + "'s; its new owner resumes "
                            + provider + " job " + jobId);
                }
                id = Optional.of(jobId);
            }
        };
    }

    /**
     * Records what a paid provider call was asked and answered — in the step's input the request, in its (new) output
     * the provider, model, job id, response and attempts — before its result is downloaded and stored, so a step
     * that fails there still shows what the provider was asked, what it answered and which job it ran.
     */
    void recordCall(ProviderTrace trace, String provider, String model, ProviderJob paid) {
        input.put("request", trace.request());
        output(Json.obj("provider", provider, "model", model));
        paid.startedId().ifPresent(id -> output.put("job_id", id));
        output.putAll(Json.obj("response", trace.response(), "attempts", trace.attempts()));
    }

    /** The friendly line this stage wants to show when it ends. */
    void userLine(@Nullable String line) {
        this.userLine = line;
    }

    @Nullable
    String userLine() {
        return userLine;
    }
}
