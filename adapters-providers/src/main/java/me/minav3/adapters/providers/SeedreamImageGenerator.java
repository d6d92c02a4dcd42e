package me.minav3.adapters.providers;

import static me.minav3.mma.common.Json.obj;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import me.minav3.adapters.providers.http.Fault;
import me.minav3.adapters.providers.http.HttpCall;
import me.minav3.adapters.providers.http.HttpReply;
import me.minav3.adapters.providers.http.ProviderCall;
import me.minav3.adapters.providers.http.ProviderHttp;
import me.minav3.adapters.providers.http.Repeat;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.ImageGenerator;
import me.minav3.mma.providers.ImageJob;
import me.minav3.mma.providers.MediaPayload;
import org.jspecify.annotations.Nullable;

/**
 * Seedream stills through BytePlus ModelArk's images API: one synchronous {@code POST /api/v3/images/generations}
 * answering with a temporary (24 h) URL of the image, which the core downloads and stores at once.
 */
final class SeedreamImageGenerator implements ImageGenerator {

    static final String NAME = "seedream";

    private final URI endpoint;
    private final String apiKey;
    private final ProviderHttp http;

    SeedreamImageGenerator(String baseUrl, String apiKey, ProviderHttp http) {
        this.endpoint = URI.create(baseUrl + "/api/v3/images/generations");
        this.apiKey = apiKey;
        this.http = http;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String family() {
        return "seedream";
    }

    @Override
    public GeneratedMedia generate(ImageJob job) {
        Map<String, Object> defaults = Defaults.of(NAME, job.defaults());
        ProviderCall call = http.start(NAME, Defaults.timeouts(defaults));
        String model = Json.string(defaults, "model", "seedream-4-0-250828");
        SeedreamSize.Quality quality = SeedreamSize.Quality.parse(
                Defaults.text(job.settings(), defaults, "quality", "2K"), SeedreamSize.Quality.K2);
        Map<String, Object> body = body(job, model, quality, defaults, call);
        // One synchronous call that makes and bills the image: after a lost reply it is not sent again (ModelArk has
        // no dedupe key and no way to fetch the lost image); the generation fails and the user is refunded.
        HttpReply reply = http.create(
                        call,
                        HttpCall.post(
                                "images.generations",
                                endpoint,
                                Map.of("Authorization", "Bearer " + apiKey),
                                body,
                                Repeat.DUPLICATES),
                        SeedreamImageGenerator::judge)
                .acceptedOrThrow();
        return new GeneratedMedia(
                output(reply.body(), call), NAME, Json.string(reply.body(), "model", model), call.trace());
    }

    /**
     * The request, fitted to the model: Seedream 3.0 t2i takes no {@code image} and no
     * {@code sequential_image_generation} and makes at most 2048 pixels a side; 4.5 makes at least 2560x1440.
     */
    private static Map<String, Object> body(
            ImageJob job, String model, SeedreamSize.Quality quality, Map<String, Object> defaults, ProviderCall call) {
        ModelFit fit = new ModelFit(job.capability());
        Map<String, Object> body = obj("model", model, "prompt", job.prompt());
        InlineImages inline = InlineImages.from(defaults);
        if (!job.references().isEmpty()) {
            body.put("image", fit.references(job.references(), inline, call));
        }
        body.put("size", fit.size(SeedreamSize.of(job.aspectRatio(), quality)).wire());
        body.put("response_format", "url");
        body.put("watermark", Json.bool(defaults, "watermark", false));
        if (fit.takes("sequential_image_generation")) {
            body.put("sequential_image_generation", "disabled");
        }
        fit.record(call);
        return body;
    }

    /** The first image of {@code data}: its URL, or its bytes when the reply carries base64. */
    private static MediaPayload output(Map<String, Object> body, ProviderCall call) {
        List<Object> data = Json.list(body, "data");
        if (data.isEmpty() || !(data.get(0) instanceof Map<?, ?>)) {
            throw call.failure(Kind.MALFORMED_REPLY, "reply has no data[0]");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) data.get(0);
        if (first.get("error") instanceof Map<?, ?>) {
            throw call.failure(Kind.TASK_FAILED, "image not generated: " + Fault.detail(first));
        }
        if (first.get("b64_json") instanceof String base64 && !base64.isBlank()) {
            try {
                return new MediaPayload.Bytes(Base64.getDecoder().decode(base64));
            } catch (IllegalArgumentException e) {
                throw call.failure(Kind.MALFORMED_REPLY, "data[0].b64_json is not base64");
            }
        }
        return MediaUrls.remote(Json.stringOrNull(first, "url"), "data[0].url", call);
    }

    /**
     * ModelArk answers errors as {@code {"error": {"code", "message"}}}. A 429 is a passing rate limit unless its
     * code says the account's quota or spending limit is used up, which waiting does not fix.
     */
    static @Nullable Fault judge(int status, Map<String, Object> body) {
        String code = Json.string(Json.object(body, "error"), "code", "");
        if (status == 429
                && (code.startsWith("QuotaExceeded")
                        || code.startsWith("SetLimitExceeded")
                        || code.startsWith("AccountOverdue"))) {
            return Fault.stop(Kind.QUOTA, "HTTP 429: " + Fault.detail(body));
        }
        Fault byStatus = Fault.forStatus(status, Fault.detail(body));
        if (byStatus == null && body.get("error") instanceof Map<?, ?>) {
            return Fault.stop(Kind.TASK_FAILED, "HTTP " + status + " with an error: " + Fault.detail(body));
        }
        return byStatus;
    }
}
