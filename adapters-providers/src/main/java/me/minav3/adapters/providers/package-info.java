/**
 * Real provider adapters (OpenAI-compatible GPT, Seedream on ModelArk or Replicate, Kling official or on Replicate,
 * Shopify Admin). The apps build them with {@link me.minav3.adapters.providers.RealProviders} from
 * {@link me.minav3.adapters.providers.ProviderSettings}; every adapter class is package-private.
 */
@NullMarked
package me.minav3.adapters.providers;

import org.jspecify.annotations.NullMarked;
