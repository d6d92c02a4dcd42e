package me.minav3.mma.customers;

import java.util.List;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidInput;
import org.jspecify.annotations.Nullable;

/** The console's customer search by email (prefix, any case), pass id or Shopify customer id, a page at a time. */
public final class SearchCustomers {

    public static final int MAX_LIMIT = 100;

    /** One page; {@code next} is the pass id to continue after, null on the last page. */
    public record Page(List<Customer> customers, @Nullable PassId next) {}

    private final CustomerStore customers;

    public SearchCustomers(CustomerStore customers) {
        this.customers = customers;
    }

    public Page search(@Nullable String text, @Nullable PassId after, int limit) {
        String wanted = text == null ? "" : text.strip();
        if (wanted.isEmpty() || wanted.length() > 320) {
            throw new InvalidInput(
                    "q is an email (or its start), a pass id or a Shopify customer id, 1-320 characters");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit must be between 1 and " + MAX_LIMIT);
        }
        List<Customer> found = customers.search(wanted, after, limit + 1);
        boolean more = found.size() > limit;
        List<Customer> page = more ? found.subList(0, limit) : found;
        return new Page(List.copyOf(page), more ? page.get(page.size() - 1).passId() : null);
    }
}
