package me.minav3.adapters.r2;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only way to turn a host into addresses: it resolves once, refuses the host if any address is
 * not public, and returns exactly the addresses it checked, which are the ones the client then connects to.
 */
final class VettingDnsResolver implements DnsResolver {

    /** How names become addresses; the system resolver in production, a fixed table in tests. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A host that is, or resolves to, an address a fetch must not reach. */
    static final class NotPublicAddress extends UnknownHostException {
        NotPublicAddress(String host, InetAddress address, String range) {
            super(host + " resolves to " + address.getHostAddress() + " (" + range + ")");
        }
    }

    private final AddressPolicy policy;
    private final Lookup lookup;

    VettingDnsResolver(AddressPolicy policy, Lookup lookup) {
        this.policy = policy;
        this.lookup = lookup;
    }

    static VettingDnsResolver system(AddressPolicy policy) {
        return new VettingDnsResolver(policy, InetAddress::getAllByName);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = lookup.resolve(bare);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = policy.refusal(address);
            if (refusal.isPresent()) {
                throw new NotPublicAddress(bare, address, refusal.get());
            }
        }
        return addresses.clone();
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host))
                .map(address -> new InetSocketAddress(address, port))
                .toList();
    }

    /** No reverse lookups: the name the user gave is the name used for TLS. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
