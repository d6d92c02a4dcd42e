package me.minav3.mma.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import me.minav3.mma.common.Json;
import me.minav3.mma.generation.GenerationDocument.StillSettings;
import org.junit.jupiter.api.Test;

/**
 * Reading a stored row never throws: a row one release cannot type (written by a newer release, or by hand) still
 * loads, so an archive page or a worker's claim that includes it is not broken by it. It is refused only where it
 * is run (the engine's plan), as 449f758 did.
 */
class GenerationDocumentCodecTest {

    @Test
    void aKindThisReleaseDoesNotKnowLoadsUntypedAndIsWrittenBackAsStored() {
        Map<String, Object> stored = Json.obj(
                "kind",
                "remix",
                "inputs",
                Json.obj("brief", "a cup", "mix", 2),
                "settings",
                Json.obj("aspect_ratio", "1:1"),
                "userMessages",
                Json.obj("lines", List.of()));

        GenerationDocument document = GenerationDocumentCodec.decode(stored);

        assertThat(document.kind()).isNull();
        assertThat(GenerationDocumentCodec.storedKind(document)).isEqualTo("remix");
        assertThat(GenerationDocumentCodec.encode(document)).isEqualTo(stored);
    }

    @Test
    void aProviderJobRecordedByAStageRoundTripsWithKeysThisReleaseDoesNotKnow() {
        Map<String, Object> stored = Json.obj(
                "kind",
                "animate",
                "providerJobs",
                Json.obj(
                        "kling_generate",
                        Json.obj(
                                "provider",
                                "kling",
                                "job_id",
                                "CjMJz2Zg3X",
                                "started_at",
                                "2026-12-05T10:00:00Z",
                                "region",
                                "sg")));

        GenerationDocument document = GenerationDocumentCodec.decode(stored);

        assertThat(document.providerJob("kling_generate")).get().satisfies(job -> {
            assertThat(job.provider()).isEqualTo("kling");
            assertThat(job.jobId()).isEqualTo("CjMJz2Zg3X");
            assertThat(job.startedAt()).isEqualTo(java.time.Instant.parse("2026-12-05T10:00:00Z"));
        });
        assertThat(document.providerJob("seedream_generate")).isEmpty();
        assertThat(GenerationDocumentCodec.encode(document).get("providerJobs")).isEqualTo(stored.get("providerJobs"));
        assertThat(GenerationDocumentCodec.encode(document.withProviderJob(
                                "kling_generate", new GenerationDocument.StartedJob("kling", "second", null)))
                        .get("providerJobs"))
                .isEqualTo(Json.obj(
                        "kling_generate", Json.obj("provider", "kling", "job_id", "second", "started_at", null)));
    }

    @Test
    void aRowWithoutVarsLoadsAsAnEmptyCreate() {
        GenerationDocument document = GenerationDocumentCodec.decode(null);

        assertThat(document.kind()).isEqualTo(GenerationKind.CREATE);
        assertThat(document.messages().lines()).isEmpty();
    }

    @Test
    void anUnknownMotionSourceIsKeptAsStored() {
        Map<String, Object> stored = Json.obj(
                "kind",
                "animate",
                "prompts",
                Json.obj("clean_prompt", "slow pan", "motion_source", "written_by_a_newer_mma"));

        GenerationDocument document = GenerationDocumentCodec.decode(stored);

        assertThat(document.prompts().motionSource()).isNull();
        assertThat(GenerationDocumentCodec.encode(document).get("prompts")).isEqualTo(stored.get("prompts"));
    }

    @Test
    void aLineWithAnUnreadableTimeKeepsItsText() {
        GenerationDocument document = GenerationDocumentCodec.decode(Json.obj(
                "kind",
                "create",
                "userMessages",
                Json.obj("lines", List.of(Json.obj("seq", 1, "text", "Writing your prompt…", "at", "yesterday")))));

        assertThat(document.messages().lines())
                .singleElement()
                .satisfies(line -> assertThat(line.text()).isEqualTo("Writing your prompt…"))
                .satisfies(line -> assertThat(line.at()).isNull());
    }

    @Test
    void theSectionsASubmissionWritesAreThereEvenWhenARowLacksThem() {
        GenerationDocument document = GenerationDocumentCodec.decode(Json.obj("kind", "create"));

        assertThat(document.inputs()).isInstanceOf(GenerationInputs.Create.class);
        assertThat(document.assets()).isNotNull();
        assertThat(document.settings()).isInstanceOf(StillSettings.class);
        assertThat(document.scans()).isNotNull();
    }
}
