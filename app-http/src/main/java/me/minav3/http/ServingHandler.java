package me.minav3.http;

import me.minav3.mma.common.Foreground;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Tells the process's {@link Foreground} while a request thread serves a request, so the pipeline's statements let it
 * go first (decision 060), in its first hold-off only (decision 061). It counts the request thread's part only: from
 * the moment Jetty hands it the request to the moment the handler returns. A stream goes asynchronous and returns at
 * once (its events are written from a virtual thread of its own), so an open stream is not counted and cannot hold the
 * pipeline back for its whole life.
 */
final class ServingHandler extends Handler.Wrapper {

    private final Foreground foreground;

    ServingHandler(Foreground foreground) {
        this.foreground = foreground;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Foreground.Served served = foreground.enter();
        try {
            return super.handle(request, response, callback);
        } finally {
            served.end();
        }
    }
}
