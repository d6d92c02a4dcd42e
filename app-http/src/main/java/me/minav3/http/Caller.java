package me.minav3.http;

import io.javalin.http.Context;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.AccessDenied;
import me.minav3.mma.studio.Identity;

/** The signed-in caller of a request: who the token says, and their pass id. */
record Caller(Identity identity, PassId passId) {

    static final String ATTRIBUTE = "mina.caller";

    boolean admin() {
        return identity.admin();
    }

    static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new AccessDenied(AccessDenied.Reason.UNAUTHENTICATED, "sign in first");
        }
        return caller;
    }
}
