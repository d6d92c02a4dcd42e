package me.minav3.mma.testing;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import me.minav3.mma.assets.MediaFetcher;

/** A {@link MediaFetcher} answering from a map of URLs; anything else is a 404. Records every call. */
public final class FakeMediaFetcher implements MediaFetcher {

    /** One call: what was asked, within which limits. */
    public record Call(URI url, Limits limits) {}

    private final Map<URI, Result> answers = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public FakeMediaFetcher serve(String url, byte[] bytes) {
        URI uri = URI.create(url);
        answers.put(uri, new Fetched(bytes, uri));
        return this;
    }

    public FakeMediaFetcher fail(String url, Problem problem, int httpStatus) {
        answers.put(URI.create(url), new NotFetched(problem, "fake", httpStatus));
        return this;
    }

    @Override
    public Result fetch(URI url, Limits limits) {
        calls.add(new Call(url, limits));
        Result answer = answers.getOrDefault(url, new NotFetched(Problem.HTTP_ERROR, "not served by the fake", 404));
        if (answer instanceof Fetched fetched && fetched.bytes().length > limits.maxBytes()) {
            return new NotFetched(Problem.TOO_LARGE, "fake", 0);
        }
        return answer;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }
}
