package me.minav3.mma.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.MediaPayload;
import me.minav3.mma.providers.VideoGenerator;
import me.minav3.mma.providers.VideoJob;

/**
 * A video generator for pipeline tests: a small MP4 (boxes only) per job; records jobs; can be told to fail. Told
 * to {@link #startPaidTasks()}, it behaves like a real provider: a paid task per job (its id recorded through the
 * job's {@link me.minav3.mma.providers.ProviderJob}) unless the job names one started before, which it resumes.
 * Otherwise it is like the local generator, which has no tasks.
 */
public final class ScriptedVideos implements VideoGenerator {

    private final String name;
    private final String family;
    private final List<VideoJob> jobs = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger tasksCreated = new AtomicInteger();
    private volatile boolean paidTasks;
    private volatile Runnable beforeStart = () -> {};
    private volatile Runnable afterStart = () -> {};
    private volatile String sentMode;

    public ScriptedVideos(String name, String family) {
        this.name = name;
        this.family = family;
    }

    public ScriptedVideos() {
        this("local", "local");
    }

    /** The next {@code times} videos fail like a provider whose task failed. */
    public ScriptedVideos failNext(int times) {
        failuresLeft.set(times);
        return this;
    }

    /** From now on each job is a paid task at a provider. */
    public ScriptedVideos startPaidTasks() {
        paidTasks = true;
        return this;
    }

    /** Runs {@code hook} when a new task was created, before its id is recorded (e.g. to let the lease expire). */
    public ScriptedVideos beforeStart(Runnable hook) {
        beforeStart = hook;
        return this;
    }

    /** Runs {@code hook} right after a new task's id was recorded (e.g. to kill the process mid-poll). */
    public ScriptedVideos afterStart(Runnable hook) {
        afterStart = hook;
        return this;
    }

    /** How many paid tasks were started. */
    public int tasksCreated() {
        return tasksCreated.get();
    }

    /**
     * Records in the trace a request body carrying {@code mode} (and the duration as text), as the HTTP adapters'
     * traces do: the mode the provider was actually sent.
     */
    public ScriptedVideos sendsMode(String mode) {
        this.sentMode = mode;
        return this;
    }

    public List<VideoJob> jobs() {
        return List.copyOf(jobs);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String family() {
        return family;
    }

    @Override
    public GeneratedMedia generate(VideoJob job) {
        jobs.add(job);
        if (paidTasks && job.providerJob().startedId().isEmpty()) {
            beforeStart.run();
            job.providerJob().started("task-" + tasksCreated.incrementAndGet());
            afterStart.run();
        }
        var request = Json.obj(
                "prompt",
                job.prompt(),
                "duration",
                job.durationSeconds(),
                "start_image",
                job.startImage().url());
        if (sentMode != null) {
            request.put("body", Json.obj("mode", sentMode, "duration", String.valueOf(job.durationSeconds())));
        }
        if (failuresLeft.getAndDecrement() > 0) {
            throw new ProviderFailure(
                    name,
                    ProviderFailure.Kind.TASK_FAILED,
                    "the video task failed",
                    new ProviderTrace(
                            request,
                            Json.obj("task_status", "failed"),
                            List.of(Json.obj("n", 1, "status", 200, "error", "task failed"))));
        }
        byte[] mp4 = SampleMedia.mp4(
                job.aspectRatio().width() * 16, job.aspectRatio().height() * 16);
        return new GeneratedMedia(
                new MediaPayload.Bytes(mp4),
                name,
                "scripted-video-1",
                new ProviderTrace(request, Json.obj("status", 200, "bytes", mp4.length), List.of()));
    }
}
