package me.minav3.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.assets.IngestMedia;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.submit.RequestId;
import me.minav3.mma.submit.StillRequest;
import org.jspecify.annotations.Nullable;

/** One parsed line of a batch file, with its deterministic request id. */
record BatchLine(
        int number,
        PassId passId,
        StillRequest draft,
        @Nullable String product,
        @Nullable String logo,
        List<String> inspirations,
        String requestId) {

    private static final Set<String> FIELDS = Set.of(
            "pass_id",
            "brief",
            "style",
            "aspect_ratio",
            "quality",
            "product",
            "logo",
            "inspirations",
            "request_id",
            "engine");

    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    static BatchLine from(int number, JsonNode node, String canonical, int occurrence) {
        if (!node.isObject()) {
            throw new InvalidInput("a line must be a JSON object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new InvalidInput("unknown field '" + name + "'");
            }
        });
        if (!node.hasNonNull("pass_id")) {
            throw new InvalidInput("pass_id is missing");
        }
        PassId passId = Inputs.passId(node.get("pass_id").asText());
        String requestId = node.hasNonNull("request_id")
                ? node.get("request_id").asText()
                : "batch-" + sha256(canonical).substring(0, 24) + (occurrence > 1 ? "-" + occurrence : "");
        List<String> inspirations = new ArrayList<>();
        if (node.has("inspirations")) {
            node.get("inspirations").forEach(i -> inspirations.add(i.asText()));
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        if (node.hasNonNull("quality")) {
            settings.put("quality", node.get("quality").asText());
        }
        AspectRatio ratio;
        try {
            ratio = node.hasNonNull("aspect_ratio")
                    ? AspectRatio.parse(node.get("aspect_ratio").asText())
                    : null;
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        String product = text(node, "product");
        String logo = text(node, "logo");
        StillRequest draft = new StillRequest(
                passId,
                text(node, "brief"),
                text(node, "style"),
                ratio,
                product,
                logo,
                inspirations,
                settings,
                RequestId.ofNullable(requestId),
                null,
                List.of(),
                text(node, "engine"));
        return new BatchLine(number, passId, draft, product, logo, List.copyOf(inspirations), requestId);
    }

    /** The request with its images stored (only when the line actually runs). */
    StillRequest request(IngestMedia media, Stdin stdin) {
        return draft.withImages(
                MediaArgs.store(media, passId, AssetKind.PRODUCT, "product", product, stdin),
                MediaArgs.store(media, passId, AssetKind.LOGO, "logo", logo, stdin),
                inspirations.stream()
                        .map(i -> MediaArgs.store(media, passId, AssetKind.INSPIRATION, "inspirations", i, stdin))
                        .toList());
    }

    private static @Nullable String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
