/**
 * The model capability table ({@code mma.provider.models}): what each provider model accepts, as typed values that
 * depend on nothing but {@code common}, so the config rules, the submission use cases, the engine and the adapters
 * can all read it without a package cycle.
 */
@NullMarked
package me.minav3.mma.providers.models;

import org.jspecify.annotations.NullMarked;
