package me.minav3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import me.minav3.adapters.postgres.TestDatabase;
import me.minav3.adapters.providers.KlingFake;
import me.minav3.bootstrap.CompositionRoot;
import me.minav3.bootstrap.MinaSettings;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.GrantCredits;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.submit.AnimateStill;
import me.minav3.mma.submit.StillRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kling video is paid for once, whatever happens on our side: a create whose reply is lost, and a server killed
 * ({@code kill -9}) while it polls the task, against a fake that keeps its tasks across our restarts and counts them.
 */
class PaidVideoJobTest {

    private static final String AUTH_SECRET = "test-secret-0123456789-0123456789-abcdef";
    private final PassId alice = PassId.user("paid-video");

    @Test
    void aCreateWhoseReplyIsLostIsFoundByItsExternalIdAndTheVideoIsDone(@TempDir Path dir) throws Exception {
        try (KlingFake kling = KlingFake.start(Duration.ofMillis(600)).dropRepliesToNextCreates(1);
                CompositionRoot mina = CompositionRoot.start(
                        MinaSettings.from(env(kling, TestDatabase.freshDatabaseUrlSetting()), dir))) {
            fastPolls(mina);
            mina.startWorkers();
            Generation still = await(mina, stillOf(mina), Duration.ofSeconds(60));

            Generation video = await(mina, animate(mina, still), Duration.ofSeconds(60));

            assertThat(video.status()).as(String.valueOf(video.error())).isEqualTo(MmaStatus.DONE);
            assertThat(kling.createdTasks()).as("one task, paid once").hasSize(1);
            StepRecord step = step(mina, video, "kling_generate");
            assertThat(step.output())
                    .containsEntry("job_id", kling.createdTasks().get(0));
            assertThat(Json.object(step.output(), "response"))
                    .containsEntry("found_by_external_task_id", video.id().value() + "-kling_generate");
        }
    }

    @Test
    void aServerKilledWhileItPollsLeavesOneTaskWhichTheNextServerFinishes(@TempDir Path dir) throws Exception {
        String database = TestDatabase.freshDatabaseUrlSetting();
        try (KlingFake kling = KlingFake.start(Duration.ofSeconds(8));
                CompositionRoot setup =
                        CompositionRoot.start(MinaSettings.from(env(kling, database), dir.resolve("setup")))) {
            fastPolls(setup);
            Map<String, String> serverEnv = env(kling, database);
            serverEnv.put("MINA_DATA_DIR", dir.resolve("data").toString());
            Generation video;
            try (ServerUnderTest first = ServerUnderTest.start(serverEnv, dir.resolve("first.log"))) {
                Generation still = await(setup, stillOf(setup), Duration.ofSeconds(60));
                video = animate(setup, still);
                waitUntil(
                        () -> !kling.createdTasks().isEmpty() && kling.reads() >= 2,
                        Duration.ofSeconds(60),
                        "the first server to poll its task; log:\n" + first.log());

                first.kill();
            }
            assertThat(setup.findGeneration().get(video.id()).status()).isEqualTo(MmaStatus.GENERATING);

            try (ServerUnderTest second = ServerUnderTest.start(serverEnv, dir.resolve("second.log"))) {
                Generation done = await(setup, video, Duration.ofSeconds(90));

                assertThat(done.status()).as(second.log()).isEqualTo(MmaStatus.DONE);
            }
            assertThat(kling.createdTasks())
                    .as("still one task after the restart")
                    .hasSize(1);
            Generation done = setup.findGeneration().get(video.id());
            assertThat(done.attempts()).isEqualTo(2);
            StepRecord step = step(setup, done, "kling_generate");
            assertThat(step.input())
                    .containsEntry("resumed_job_id", kling.createdTasks().get(0));
            assertThat(step.output())
                    .containsEntry("job_id", kling.createdTasks().get(0));
            assertThat(setup.creditBalance().of(alice).credits())
                    .as("charged once: 1 + 10 of 20")
                    .isEqualTo(9);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Map<String, String> env(KlingFake kling, String database) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", database);
        env.put("MINA_AUTH_SECRET", AUTH_SECRET);
        env.put("MINA_ALLOW_LOOPBACK_FETCH", "true");
        env.put("KLING_ACCESS_KEY", "ak-e2e-kill-0123456789");
        env.put("KLING_SECRET_KEY", "sk-e2e-kill-SECRET-0123456789abcdef0123");
        env.put("KLING_BASE_URL", kling.baseUrl());
        return env;
    }

    /** Polls every 300 ms, and a lease of 3 s, so that a killed server's job is free again in seconds. */
    private static void fastPolls(CompositionRoot mina) {
        var kling = Json.mutableCopy(mina.config().value(ConfigKeys.providerDefaults("kling")));
        kling.put("poll_interval_ms", 300);
        mina.publishConfig().publish(ConfigKeys.providerDefaults("kling"), kling, Actor.SYSTEM);
        var pipeline = Json.mutableCopy(mina.config().value(ConfigKeys.PIPELINE));
        pipeline.put("lease_seconds", 3);
        mina.publishConfig().publish(ConfigKeys.PIPELINE, pipeline, Actor.SYSTEM);
    }

    private Generation stillOf(CompositionRoot mina) {
        mina.grantCredits()
                .grant(
                        new GrantCredits.Request(
                                alice, Matcha.of(20), CreditReason.GRANT, "test", null, "paid-video-grant", null),
                        Actor.SYSTEM);
        return created(mina.createStill()
                .submit(new StillRequest(
                        alice,
                        "a matcha tin on linen",
                        null,
                        AspectRatio.PORTRAIT_4_5,
                        null,
                        null,
                        List.of(),
                        Map.of(),
                        null,
                        null)));
    }

    private Generation animate(CompositionRoot mina, Generation still) {
        return created(
                mina.animateStill().submit(AnimateStill.Request.ofStill(alice, still.id(), "a slow turn", null, 5)));
    }

    private static Generation created(CreateOutcome outcome) {
        assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
        return ((CreateOutcome.Created) outcome).generation();
    }

    private static Generation await(CompositionRoot mina, Generation generation, Duration timeout) {
        waitUntil(
                () -> mina.findGeneration().get(generation.id()).status().isTerminal(),
                timeout,
                generation.id() + " to finish");
        return mina.findGeneration().get(generation.id());
    }

    private static StepRecord step(CompositionRoot mina, Generation generation, String type) {
        return mina.generationTrail().of(generation.id()).steps().stream()
                .filter(s -> s.stepType().equals(type))
                .findFirst()
                .orElseThrow();
    }

    private static void waitUntil(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** {@code mina serve} in its own JVM, as an operator runs it; {@link #kill()} is {@code kill -9}. */
    private static final class ServerUnderTest implements AutoCloseable {
        private static final HttpClient HTTP =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final Process process;
        private final Path log;

        private ServerUnderTest(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static ServerUnderTest start(Map<String, String> env, Path log) throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx384m",
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "me.minav3.cli.Mina",
                    "serve",
                    "--port",
                    Integer.toString(port),
                    "--drain",
                    "1"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().keySet().retainAll(List.of("PATH", "HOME", "LANG", "TMPDIR", "USER"));
            builder.environment().putAll(env);
            ServerUnderTest server = new ServerUnderTest(builder.start(), log);
            URI health = URI.create("http://127.0.0.1:" + port + "/health");
            waitUntil(
                    () -> server.answers(health), Duration.ofSeconds(90), "the server to start; log:\n" + server.log());
            return server;
        }

        private boolean answers(URI health) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + "; log:\n" + log());
            }
            try {
                return HTTP.send(
                                        HttpRequest.newBuilder(health)
                                                .timeout(Duration.ofSeconds(2))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** {@code kill -9}: no shutdown hook runs; the lease stays in the database until it expires. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }

        String log() {
            try {
                String text = Files.exists(log) ? Files.readString(log) : "";
                return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }
}
