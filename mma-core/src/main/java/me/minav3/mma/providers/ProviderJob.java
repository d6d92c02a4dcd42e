package me.minav3.mma.providers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import me.minav3.mma.common.GenerationId;

/**
 * The paid job a provider runs for one generate stage, so that it is started once. It gives the adapter a key for
 * the provider's own dedupe (Kling's {@code external_task_id}), the id of the job an earlier run of the stage
 * started, and where to record a new job's id the moment the provider gives it, before any polling. A stage run
 * again after a crash or a hand-over then polls that job instead of paying for a second one.
 */
public interface ProviderJob {

    /** Stable for one generation and stage: 1 to 64 characters of {@code [A-Za-z0-9_-]}. */
    String key();

    /** The id of the job an earlier run of this stage started at this provider. */
    Optional<String> startedId();

    /**
     * Whether an earlier run of this stage may have sent the create without learning the job's id (it was cut off
     * mid-call). An adapter whose provider can look a job up by {@link #key()} does so before creating one.
     */
    boolean mayHaveCreated();

    /**
     * Records the provider's id of the job just created, durably, before the adapter polls it.
     *
     * @throws RuntimeException when the generation is no longer this worker's: the adapter must stop at once (the
     *                          new owner resumes the job)
     */
    void started(String jobId);

    /** A job nothing else remembers: for calls outside the pipeline (tests, embedding code, benchmarks). */
    static ProviderJob untracked(String key) {
        String checked = checkedKey(key);
        AtomicReference<String> id = new AtomicReference<>();
        return new ProviderJob() {
            @Override
            public String key() {
                return checked;
            }

            @Override
            public Optional<String> startedId() {
                return Optional.ofNullable(id.get());
            }

            @Override
            public boolean mayHaveCreated() {
                return false;
            }

            @Override
            public void started(String jobId) {
                id.set(Objects.requireNonNull(jobId, "job id"));
            }
        };
    }

    /**
     * The key of a generation's stage: {@code <generation id>-<stage type>}, or, when that is longer than 64
     * characters, a digest of it.
     */
    static String keyOf(GenerationId generation, String stageType) {
        String full = generation.value() + "-" + stageType.replaceAll("[^A-Za-z0-9_-]", "_");
        if (full.length() <= Keys.MAX) {
            return full;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(full.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String checkedKey(String key) {
        if (key == null || !Keys.PATTERN.matcher(key).matches()) {
            throw new IllegalArgumentException("a provider job key is 1 to 64 of [A-Za-z0-9_-], was '" + key + "'");
        }
        return key;
    }

    /** The key's shape. */
    final class Keys {
        static final int MAX = 64;
        static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_-]{1," + MAX + "}");

        private Keys() {}
    }
}
