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
        Map<String, Object> stored = Json.obj("kind", "remix", "inputs", Json.obj("brief", "a cup", "mix", 2),
                "settings", Json.obj("aspect_ratio", "1:1"), "userMessages", Json.obj("lines", List.of()));

        GenerationDocument document = GenerationDocumentCodec.decode(stored);

        assertThat(document.kind()).isNull();
        assertThat(GenerationDocumentCodec.storedKind(document)).isEqualTo("remix");
        assertThat(GenerationDocumentCodec.encode(document)).isEqualTo(stored);
    }

    @Test
    void aRowWithoutVarsLoadsAsAnEmptyCreate() {
        GenerationDocument document = GenerationDocumentCodec.decode(null);

        assertThat(document.kind()).isEqualTo(GenerationKind.CREATE);
        assertThat(document.messages().lines()).isEmpty();
    }

    @Test
    void anUnknownMotionSourceIsKeptAsStored() {
        Map<String, Object> stored = Json.obj("kind", "animate",
                "prompts", Json.obj("clean_prompt", "slow pan", "motion_source", "written_by_a_newer_mma"));

        GenerationDocument document = GenerationDocumentCodec.decode(stored);

        assertThat(document.prompts().motionSource()).isNull();
        assertThat(GenerationDocumentCodec.encode(document).get("prompts")).isEqualTo(stored.get("prompts"));
    }

    @Test
    void aLineWithAnUnreadableTimeKeepsItsText() {
        GenerationDocument document = GenerationDocumentCodec.decode(Json.obj("kind", "create", "userMessages",
                Json.obj("lines", List.of(Json.obj("seq", 1, "text", "Writing your prompt…", "at", "yesterday")))));

        assertThat(document.messages().lines()).singleElement()
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
