/**
 * The HTTP layer shared by the provider adapters of this module (time budgets, retries, traces, redaction). Public
 * only so the adapters can use it across packages; the apps use {@link me.minav3.adapters.providers.RealProviders}.
 */
@NullMarked
package me.minav3.adapters.providers.http;

import org.jspecify.annotations.NullMarked;
