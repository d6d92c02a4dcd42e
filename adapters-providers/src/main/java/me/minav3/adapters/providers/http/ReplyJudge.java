package me.minav3.adapters.providers.http;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a provider's reply for faults. Each provider adds its own error codes (OpenAI's {@code insufficient_quota},
 * Kling's {@code code}, Shopify's GraphQL {@code errors}) on top of {@link #BY_STATUS}.
 */
@FunctionalInterface
public interface ReplyJudge {

    /** The fault the reply shows, or null when it is usable. {@code body} is empty when it was not a JSON object. */
    @Nullable
    Fault judge(int status, Map<String, Object> body);

    ReplyJudge BY_STATUS = (status, body) -> Fault.forStatus(status, Fault.detail(body));
}
