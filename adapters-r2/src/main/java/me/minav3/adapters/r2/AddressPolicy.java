package me.minav3.adapters.r2;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which resolved addresses a media fetch may connect to: public unicast only. Loopback can be allowed for local
 * fakes; every other special-purpose range (IANA registries, RFC 6890) is refused, including IPv6 forms that embed
 * an IPv4 address (mapped, NAT64, 6to4), which are judged by the address they carry.
 */
final class AddressPolicy {

    private record Range(byte[] prefix, int bits, String label) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }

    private static final String LOOPBACK = "loopback";

    private static final List<Range> IPV4 = List.of(
            range("0.0.0.0", 8, "unspecified"),
            range("10.0.0.0", 8, "private"),
            range("100.64.0.0", 10, "shared (carrier-grade NAT)"),
            range("127.0.0.0", 8, LOOPBACK),
            range("169.254.0.0", 16, "link-local (cloud metadata)"),
            range("172.16.0.0", 12, "private"),
            range("192.0.0.0", 24, "IETF protocol assignments"),
            range("192.0.2.0", 24, "documentation"),
            range("192.88.99.0", 24, "6to4 relay"),
            range("192.168.0.0", 16, "private"),
            range("198.18.0.0", 15, "benchmarking"),
            range("198.51.100.0", 24, "documentation"),
            range("203.0.113.0", 24, "documentation"),
            range("224.0.0.0", 4, "multicast"),
            range("255.255.255.255", 32, "broadcast"),
            range("240.0.0.0", 4, "reserved"));

    private static final List<Range> IPV6 = List.of(
            range("::", 128, "unspecified"),
            range("::1", 128, LOOPBACK),
            range("::", 96, "IPv4-compatible (deprecated)"),
            range("64:ff9b:1::", 48, "local NAT64"),
            range("100::", 64, "discard"),
            range("2001::", 23, "IETF protocol assignments (Teredo and others)"),
            range("2001:db8::", 32, "documentation"),
            range("3fff::", 20, "documentation"),
            range("fc00::", 7, "unique local (private)"),
            range("fe80::", 10, "link-local"),
            range("fec0::", 10, "site-local (deprecated)"),
            range("ff00::", 8, "multicast"));

    private static final Range MAPPED = range("::ffff:0:0", 96, "IPv4-mapped");
    private static final Range NAT64 = range("64:ff9b::", 96, "NAT64");
    private static final Range SIX_TO_FOUR = range("2002::", 16, "6to4");

    private final boolean allowLoopback;
    private final Set<InetAddress> alsoAllowed;

    private AddressPolicy(boolean allowLoopback, Set<InetAddress> alsoAllowed) {
        this.allowLoopback = allowLoopback;
        this.alsoAllowed = alsoAllowed;
    }

    static AddressPolicy publicOnly(boolean allowLoopback) {
        return new AddressPolicy(allowLoopback, Set.of());
    }

    /** For tests: the standard policy plus exactly these addresses. */
    AddressPolicy allowing(InetAddress... addresses) {
        return new AddressPolicy(allowLoopback, Set.of(addresses));
    }

    /** The name of the non-public range the address is in, or empty when a fetch may connect to it. */
    Optional<String> refusal(InetAddress address) {
        if (alsoAllowed.contains(address)) {
            return Optional.empty();
        }
        Optional<String> range = rangeOf(address.getAddress());
        if (range.isPresent() && range.get().endsWith(LOOPBACK) && allowLoopback) {
            return Optional.empty();
        }
        return range;
    }

    private static Optional<String> rangeOf(byte[] address) {
        if (address.length == 4) {
            return first(IPV4, address);
        }
        if (MAPPED.contains(address) || NAT64.contains(address)) {
            return rangeOf(Arrays.copyOfRange(address, 12, 16)).map(label -> "IPv6 form of " + label);
        }
        if (SIX_TO_FOUR.contains(address)) {
            return rangeOf(Arrays.copyOfRange(address, 2, 6)).map(label -> "6to4 form of " + label);
        }
        return first(IPV6, address);
    }

    private static Optional<String> first(List<Range> ranges, byte[] address) {
        return ranges.stream()
                .filter(r -> r.contains(address))
                .map(Range::label)
                .findFirst();
    }

    private static Range range(String literal, int bits, String label) {
        try {
            InetAddress address = InetAddress.getByName(literal);
            byte[] bytes = address.getAddress();
            if (literal.contains(":") && address instanceof Inet4Address) {
                // the JDK turns ::ffff:a.b.c.d into an IPv4 address; keep the 16-byte form for the prefix
                bytes = mapped(bytes);
            }
            return new Range(bytes, bits, label);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("bad range literal " + literal, e);
        }
    }

    private static byte[] mapped(byte[] ipv4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xFF;
        bytes[11] = (byte) 0xFF;
        System.arraycopy(ipv4, 0, bytes, 12, 4);
        return bytes;
    }
}
