package me.minav3.mma.shopify;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.error.ProviderFailure;

/** A commerce gateway that records every call and fails as scripted. */
final class ScriptedCommerce implements CommerceGateway {

    record Call(long customerId, List<String> tags) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Deque<RuntimeException> failures = new ArrayDeque<>();
    private RuntimeException always;

    /** The next calls fail with these, in order. */
    synchronized ScriptedCommerce failNext(ProviderFailure.Kind... kinds) {
        for (ProviderFailure.Kind kind : kinds) {
            failures.add(new ProviderFailure("shopify", kind, "scripted " + kind, ProviderTrace.EMPTY));
        }
        return this;
    }

    synchronized ScriptedCommerce failAlways(RuntimeException failure) {
        this.always = failure;
        return this;
    }

    @Override
    public String name() {
        return "shopify";
    }

    @Override
    public ProviderTrace addCustomerTags(long shopifyCustomerId, List<String> tags) {
        calls.add(new Call(shopifyCustomerId, List.copyOf(tags)));
        RuntimeException failure;
        synchronized (this) {
            failure = always != null ? always : failures.poll();
        }
        if (failure != null) {
            throw failure;
        }
        return ProviderTrace.EMPTY;
    }
}
