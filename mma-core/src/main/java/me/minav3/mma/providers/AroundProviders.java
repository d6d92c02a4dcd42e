package me.minav3.mma.providers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.shopify.CommerceGateway;

/** Wraps every adapter of an {@link ProviderRegistry.Available} so that each call passes through one {@code Around}. */
final class AroundProviders {

    private final ProviderRegistry.Around around;

    private AroundProviders(ProviderRegistry.Around around) {
        this.around = around;
    }

    static ProviderRegistry.Available wrap(ProviderRegistry.Available available, ProviderRegistry.Around around) {
        AroundProviders wrapper = new AroundProviders(around);
        return new ProviderRegistry.Available(
                each(available.vision(), wrapper::vision),
                each(available.images(), wrapper::images),
                each(available.videos(), wrapper::videos),
                each(available.commerce(), wrapper::commerce),
                each(available.editors(), wrapper::editors));
    }

    /** Keyed by registry name, which is also the provider name the wrapper reports. */
    private static <T> Map<String, T> each(Map<String, T> adapters, BiFunction<String, T, T> wrap) {
        Map<String, T> wrapped = new LinkedHashMap<>();
        adapters.forEach((name, adapter) -> wrapped.put(name, wrap.apply(name, adapter)));
        return wrapped;
    }

    private ImageEditor editors(String provider, ImageEditor editor) {
        return new ImageEditor() {
            @Override
            public String name() {
                return editor.name();
            }

            @Override
            public String family() {
                return editor.family();
            }

            @Override
            public java.util.Set<EditTool> tools() {
                return editor.tools();
            }

            @Override
            public EditedImage edit(EditJob job) {
                return around.call(provider, "edit", () -> editor.edit(job));
            }
        };
    }

    private VisionLanguageModel vision(String provider, VisionLanguageModel model) {
        return new VisionLanguageModel() {
            @Override
            public String name() {
                return model.name();
            }

            @Override
            public GptReply ask(GptRequest request) {
                return around.call(provider, "vision", () -> model.ask(request));
            }
        };
    }

    private ImageGenerator images(String provider, ImageGenerator generator) {
        return new ImageGenerator() {
            @Override
            public String name() {
                return generator.name();
            }

            @Override
            public String family() {
                return generator.family();
            }

            @Override
            public GeneratedMedia generate(ImageJob job) {
                return around.call(provider, "still", () -> generator.generate(job));
            }
        };
    }

    private VideoGenerator videos(String provider, VideoGenerator generator) {
        return new VideoGenerator() {
            @Override
            public String name() {
                return generator.name();
            }

            @Override
            public String family() {
                return generator.family();
            }

            @Override
            public GeneratedMedia generate(VideoJob job) {
                return around.call(provider, "video", () -> generator.generate(job));
            }
        };
    }

    private CommerceGateway commerce(String provider, CommerceGateway gateway) {
        return new CommerceGateway() {
            @Override
            public String name() {
                return gateway.name();
            }

            @Override
            public ProviderTrace addCustomerTags(long shopifyCustomerId, List<String> tags) {
                return around.call(provider, "commerce", () -> gateway.addCustomerTags(shopifyCustomerId, tags));
            }
        };
    }
}
