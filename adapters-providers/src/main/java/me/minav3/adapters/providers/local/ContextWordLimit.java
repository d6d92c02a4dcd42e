package me.minav3.adapters.providers.local;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.minav3.mma.providers.GptContext;
import me.minav3.mma.providers.GptTask;

/**
 * The one instruction of a GPT context the template writers follow: the first "at most N words" of its system
 * prompt bounds the task's main field, as a real model would keep to it. So a published context that asks for
 * shorter prompts changes what the local model writes, and a replay under it shows the difference (decision 030).
 */
final class ContextWordLimit {

    private static final Pattern LIMIT = Pattern.compile("(?i)\\bat most (\\d{1,4}) words\\b");

    private ContextWordLimit() {}

    /** The reply with its main field cut to the context's word limit (unchanged when within it or unlimited). */
    static Map<String, String> apply(GptContext context, GptTask task, Map<String, String> fields) {
        String field = task.replyFields().get(0);
        String text = fields.get(field);
        OptionalInt limit = of(context.systemPrompt());
        if (text == null || limit.isEmpty()) {
            return fields;
        }
        String[] words = text.strip().split("\\s+");
        if (words.length <= limit.getAsInt()) {
            return fields;
        }
        String cut = String.join(" ", Arrays.copyOf(words, limit.getAsInt())).replaceAll("[,;:]+$", "");
        Map<String, String> limited = new LinkedHashMap<>(fields);
        limited.put(field, cut.endsWith(".") ? cut : cut + ".");
        return limited;
    }

    /** The first word limit a system prompt states. */
    static OptionalInt of(String systemPrompt) {
        Matcher matcher = LIMIT.matcher(systemPrompt);
        return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }
}
