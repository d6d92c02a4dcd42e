package me.minav3.mma.accounts;

import java.util.List;
import me.minav3.mma.common.PassId;
import me.minav3.mma.customers.CustomerStore;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.NotFound;
import org.jspecify.annotations.Nullable;

/** A customer's sessions, generations, events and credit movements, newest first, a page at a time (issue 20). */
public final class CustomerTimeline {

    public static final int MAX_LIMIT = 200;

    /** One page; {@code next} continues after its last entry, null on the last page. */
    public record Page(List<TimelineEntry> entries, TimelineEntry.@Nullable Cursor next) {}

    private final CustomerStore customers;
    private final Accounts accounts;

    public CustomerTimeline(CustomerStore customers, Accounts accounts) {
        this.customers = customers;
        this.accounts = accounts;
    }

    public Page of(PassId passId, TimelineEntry.@Nullable Cursor before, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit must be between 1 and " + MAX_LIMIT);
        }
        if (customers.find(passId).isEmpty()) {
            throw new NotFound("no customer " + passId.value());
        }
        List<TimelineEntry> found = accounts.timeline(passId, before, limit + 1);
        boolean more = found.size() > limit;
        List<TimelineEntry> page = more ? found.subList(0, limit) : found;
        return new Page(List.copyOf(page), more ? page.get(page.size() - 1).cursor() : null);
    }
}
