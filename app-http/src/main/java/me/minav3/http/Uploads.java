package me.minav3.http;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import me.minav3.mma.assets.UploadLimits;

/**
 * The file part of a multipart upload, read so that a form too large or malformed is a problem (413, 400), never a
 * server error: the parser's own refusals (a part over the server's multipart limit, a broken form) are mapped, not
 * passed on. A form is read to the end (the parser stops storing at its limit) rather than refused on its announced
 * size, because a client still sending when the server answers and closes never sees the answer.
 */
final class Uploads {

    /** What a form holds around its file: the other fields, boundaries and part headers. */
    static final long FORM_OVERHEAD = 64 * 1024;

    private Uploads() {}

    static UploadedFile file(Context ctx, long maxBytes) {
        UploadedFile file;
        try {
            file = ctx.uploadedFile("file");
        } catch (Exception e) { // the servlet API's checked exceptions too, thrown through Kotlin
            throw ctx.contentLength() > maxBytes + FORM_OVERHEAD ? tooLarge(maxBytes) : refused(e, maxBytes);
        }
        if (file == null) {
            throw HttpProblem.badRequest("no 'file' part in the form");
        }
        if (file.size() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return file;
    }

    private static HttpProblem refused(Exception e, long maxBytes) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (message.contains("exceed") || message.contains("too large") || message.contains("max")) {
                return tooLarge(maxBytes);
            }
        }
        return HttpProblem.badRequest("the form could not be read as multipart/form-data with a 'file' and a 'kind'");
    }

    private static HttpProblem tooLarge(long maxBytes) {
        return new HttpProblem(
                413,
                "Body too large",
                "the file is larger than " + UploadLimits.describeBytes(maxBytes) + "; please use a smaller image");
    }
}
