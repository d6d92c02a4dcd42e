package me.minav3.mma.common;

import java.util.Objects;

/**
 * Who asks for an audited action, and through which door.
 *
 * @param id     a pass id, {@code cli:<os user>}, or {@code system}
 * @param route  the HTTP route or CLI command
 * @param method the HTTP method, or {@code CLI}
 */
public record Actor(String id, String route, String method) {

    public static final Actor SYSTEM = new Actor("system", "internal", "SYSTEM");

    public Actor {
        Objects.requireNonNull(id, "actor id");
        route = route == null ? "" : route;
        method = method == null ? "" : method;
    }

    public static Actor cli(String command) {
        return new Actor("cli:" + System.getProperty("user.name", "unknown"), command, "CLI");
    }
}
