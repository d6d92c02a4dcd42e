package me.minav3.adapters.providers.http;

import java.util.Map;

/** A usable provider reply: its status and its JSON object body. */
public record HttpReply(int status, Map<String, Object> body) {

    public HttpReply {
        body = body == null ? Map.of() : body;
    }
}
