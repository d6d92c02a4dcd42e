package me.minav3.mma.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationDocument;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.generation.StepUpdate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed generation through its stages. Each stage ends with one atomic write (its step row plus the
 * generation's new status and document, lease-guarded); live lines are published after that write. A job resumed
 * after a crash skips the stages already recorded. A failure records the failing step and refunds the charge
 * exactly once; a lost lease stops the run without writing anything.
 */
public final class PipelineRunner {

    private static final Logger log = LoggerFactory.getLogger(PipelineRunner.class);

    private final PipelineServices services;
    private final UserMessageSink sink;

    public PipelineRunner(PipelineServices services, UserMessageSink sink) {
        this.services = services;
        this.sink = sink;
    }

    /** What happened to the job in this run. */
    public enum Result {
        DONE,
        FAILED,
        LOST_LEASE
    }

    public Result run(Generation job, String workerId, int maxAttempts) {
        WorkingDocument document = new WorkingDocument(job.document());
        LiveMessages live = new LiveMessages(job.id(), document, sink, services.clock());
        if (job.attempts() > maxAttempts) {
            return fail(
                    job,
                    workerId,
                    document,
                    live,
                    null,
                    "MMA could not finish this generation after " + maxAttempts + " tries. "
                            + Failures.refunded(job.kind()));
        }
        List<Stage> plan = PipelinePlan.of(job, services);
        // A first attempt has recorded nothing yet; a resumed job continues after its recorded steps.
        int done = job.attempts() <= 1 && job.status() == MmaStatus.QUEUED
                ? 0
                : services.generations().steps(job.id()).size();
        if (done >= plan.size()) {
            return fail(
                    job,
                    workerId,
                    document,
                    live,
                    null,
                    "MMA lost track of this generation. " + Failures.refunded(job.kind()));
        }
        Stage first = plan.get(done);
        live.status(first.status());
        live.line(first.intro());
        if (!first.local()) {
            if (!services.queue()
                    .progress(
                            job.id(),
                            workerId,
                            first.status(),
                            document.get(),
                            services.clock().now())) {
                return lost(job, workerId, live);
            }
            live.flush();
        }
        StepUpdate.Completion completed = null;
        for (int i = done; i < plan.size(); i++) {
            Stage stage = plan.get(i);
            StageContext ctx = new StageContext(job, document, services, workerId, stage);
            Instant started = services.clock().now();
            Throwable failure = null;
            try {
                stage.run(ctx);
            } catch (LeaseLost e) {
                return lost(job, workerId, live);
            } catch (RuntimeException e) {
                failure = e;
                if (!(e instanceof me.minav3.mma.error.MinaException)) {
                    log.warn(
                            "stage_failed generation={} step={} error={}",
                            job.id().mgId(),
                            stage.type(),
                            e.toString(),
                            e);
                }
            }
            StepRecord step = step(job, i + 1, stage, ctx, started, failure);
            if (failure != null && stage.fatal()) {
                return fail(
                        job,
                        workerId,
                        document,
                        live,
                        step,
                        Failures.readable(stage.type(), job.mode(), job.kind(), failure));
            }
            live.line(ctx.userLine());
            Stage next = i + 1 < plan.size() ? plan.get(i + 1) : null;
            StepUpdate update;
            if (next == null) {
                live.line(
                        job.mode() == me.minav3.mma.common.MmaMode.VIDEO
                                ? "Your video is ready."
                                : "Your image is ready.");
                completed = completion(job, document.get());
                update = new StepUpdate(MmaStatus.DONE, document.get(), completed);
            } else {
                if (next.status() != stage.status()) {
                    live.status(next.status());
                }
                live.line(next.intro());
                update = new StepUpdate(next.status(), document.get(), null);
            }
            if (!services.queue()
                    .recordStep(step, workerId, update, services.clock().now())) {
                return lost(job, workerId, live);
            }
            live.flush();
        }
        // The last stage of the plan always ran here (a plan with none left returned above), so it completed.
        StepUpdate.Completion finished = Objects.requireNonNull(completed, "completion");
        live.done(Json.obj("status", MmaStatus.DONE.wire(), "output_url", finished.outputUrl()));
        live.flush();
        log.info(
                "generation_done generation={} pass_id={} provider={} latency_ms={}",
                job.id().mgId(),
                job.passId().value(),
                finished.provider(),
                finished.latencyMs());
        return Result.DONE;
    }

    private StepRecord step(
            Generation job, int n, Stage stage, StageContext ctx, Instant started, @Nullable Throwable failure) {
        Instant ended = services.clock().now();
        return new StepRecord(
                job.id(),
                n,
                stage.type(),
                Json.obj(
                        "input", ctx.input(),
                        // A failed stage keeps what it recorded before failing (e.g. the provider's answer whose output
                        // could not be downloaded); stages record output only once they have it.
                        "output", ctx.output(),
                        "timing",
                                Json.obj(
                                        "started_at",
                                        started.toString(),
                                        "ended_at",
                                        ended.toString(),
                                        "duration_ms",
                                        Duration.between(started, ended).toMillis()),
                        "error", failure == null ? null : Failures.payload(failure)),
                ended);
    }

    private StepUpdate.Completion completion(Generation job, GenerationDocument document) {
        var outputs = document.outputs();
        String url = outputs == null ? null : outputs.url(job.mode());
        return new StepUpdate.Completion(
                Objects.requireNonNull(url, "output url"),
                outputs == null ? null : outputs.key(job.mode()),
                document.cleanPrompt(),
                outputs == null ? null : outputs.provider(),
                outputs == null ? null : outputs.model(),
                Duration.between(job.createdAt(), services.clock().now()).toMillis());
    }

    private Result fail(
            Generation job,
            String workerId,
            WorkingDocument document,
            LiveMessages live,
            @Nullable StepRecord step,
            String error) {
        live.line(error);
        var refund = refundOf(job, error);
        var outcome = services.queue()
                .fail(
                        job.id(),
                        workerId,
                        step,
                        error,
                        document.get(),
                        refund,
                        services.clock().now());
        if (outcome.isEmpty()) {
            return lost(job, workerId, live);
        }
        live.status(MmaStatus.ERROR);
        live.done(Json.obj("status", MmaStatus.ERROR.wire(), "error", error));
        live.flush();
        log.info(
                "generation_failed generation={} pass_id={} step={} refunded={}",
                job.id().mgId(),
                job.passId().value(),
                step == null ? "-" : step.stepType(),
                refund != null);
        return Result.FAILED;
    }

    /** The refund of what this generation was charged ({@code mg_meta.cost}); nothing for a free one. */
    private @Nullable CreditEntry refundOf(Generation job, String why) {
        long charged = Json.number(job.meta(), "cost", 0);
        return charged > 0
                ? CreditEntry.refund(
                        job.passId(),
                        job.id(),
                        Matcha.of(charged),
                        why,
                        services.clock().now())
                : null;
    }

    private static Result lost(Generation job, String workerId, LiveMessages live) {
        live.discard();
        log.info("lease_lost generation={} worker={}", job.id().mgId(), workerId);
        return Result.LOST_LEASE;
    }
}
