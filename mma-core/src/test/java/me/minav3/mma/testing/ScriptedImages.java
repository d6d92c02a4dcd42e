package me.minav3.mma.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.ImageGenerator;
import me.minav3.mma.providers.ImageJob;
import me.minav3.mma.providers.MediaPayload;

/** An image generator for pipeline tests: a real small PNG per job; can be told to fail. */
public final class ScriptedImages implements ImageGenerator {

    private final String name;
    private final String family;
    private final List<ImageJob> jobs = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile long latencyMillis;
    private volatile CountDownLatch together;
    private volatile String outputUrl;

    public ScriptedImages(String name, String family) {
        this.name = name;
        this.family = family;
    }

    public ScriptedImages() {
        this("local", "local");
    }

    public ScriptedImages failNext(int times) {
        failuresLeft.set(times);
        return this;
    }

    /** Each generation takes this long (lets concurrent workers interleave in tests). */
    public ScriptedImages withLatency(long millis) {
        this.latencyMillis = millis;
        return this;
    }

    /**
     * Every call waits until {@code callers} calls are inside the provider at the same time (at most a minute), as
     * a slow provider serving many jobs at once would; {@link #wereTogether()} says whether they all got there.
     */
    public ScriptedImages holdUntilTogether(int callers) {
        this.together = new CountDownLatch(callers);
        return this;
    }

    public boolean wereTogether() {
        return together != null && together.getCount() == 0;
    }

    /** Answers with this (temporary) URL instead of the image's bytes, as real providers do. */
    public ScriptedImages answerWithUrl(String url) {
        this.outputUrl = url;
        return this;
    }

    public List<ImageJob> jobs() {
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
    public GeneratedMedia generate(ImageJob job) {
        jobs.add(job);
        CountDownLatch meeting = together;
        if (meeting != null) {
            meeting.countDown();
            try {
                meeting.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failuresLeft.getAndDecrement() > 0) {
            throw new ProviderFailure(
                    name,
                    ProviderFailure.Kind.SERVER_ERROR,
                    "HTTP 500 from the image service",
                    new ProviderTrace(
                            Json.obj("prompt", job.prompt()),
                            Json.obj("status", 500),
                            List.of(Json.obj("n", 1, "status", 500, "error", "server error"))));
        }
        if (outputUrl != null) {
            return new GeneratedMedia(
                    new MediaPayload.Remote(java.net.URI.create(outputUrl)),
                    name,
                    "scripted-image-1",
                    new ProviderTrace(
                            Json.obj("prompt", job.prompt()),
                            Json.obj("status", 200, "url", outputUrl),
                            List.of(Json.obj("n", 1, "status", 200))));
        }
        return new GeneratedMedia(
                new MediaPayload.Bytes(SampleMedia.png(
                        job.aspectRatio().width() * 8, job.aspectRatio().height() * 8)),
                name,
                "scripted-image-1",
                new ProviderTrace(Json.obj("prompt", job.prompt()), Json.obj("status", 200), List.of()));
    }
}
