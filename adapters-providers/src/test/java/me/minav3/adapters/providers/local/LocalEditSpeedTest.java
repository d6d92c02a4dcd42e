package me.minav3.adapters.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each local edit algorithm takes well under a second of CPU on a 512-pixel image (measured as this thread's CPU
 * time, so a busy machine does not make it flaky; one warm-up run first, as in a running server).
 */
class LocalEditSpeedTest {

    private static final int SIDE = 512;
    private static final long BUDGET_NANOS = 1_000_000_000L;

    @Test
    void everyToolRunsUnderASecondOfCpuOnA512PixelImage() {
        int[] scene = EditScenes.scene(SIDE, SIDE);
        boolean[] mask = EditScenes.disc(SIDE, SIDE, 200, 200, 60);
        Map<String, Runnable> tools = new LinkedHashMap<>();
        tools.put("inpaint", () -> TeleaInpainter.fill(scene, SIDE, SIDE, mask, null));
        tools.put("expand", () -> EdgeOutpainter.expand(scene, SIDE, SIDE, 910, SIDE, 199, 0, null));
        tools.put("remove background", () -> BackgroundCutout.cutout(scene, SIDE, SIDE));
        tools.put("upscale x4", () -> LanczosUpscaler.upscale(scene, SIDE, SIDE, 4));
        tools.put("vectorize", () -> ContourTracer.trace(scene, SIDE, SIDE));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (Map.Entry<String, Runnable> tool : tools.entrySet()) {
            tool.getValue().run();
            long start = threads.getCurrentThreadCpuTime();
            tool.getValue().run();
            long used = threads.getCurrentThreadCpuTime() - start;
            assertThat(used).as(tool.getKey() + " CPU nanoseconds").isLessThan(BUDGET_NANOS);
        }
    }
}
