package me.minav3.adapters.r2;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    private final AddressPolicy policy = AddressPolicy.publicOnly(false);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "0.1.2.3",
                "10.0.0.1",
                "10.255.255.255",
                "100.64.0.1",
                "100.127.255.254",
                "127.0.0.1",
                "127.1.2.3",
                "169.254.169.254",
                "169.254.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.0.0.8",
                "192.0.2.1",
                "192.168.0.1",
                "192.168.255.255",
                "198.18.0.1",
                "198.51.100.7",
                "203.0.113.9",
                "224.0.0.1",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255",
                "::",
                "::1",
                "fc00::1",
                "fd12:3456:789a::1",
                "fe80::1",
                "febf::1",
                "fec0::1",
                "ff02::1",
                "ff0e::1",
                "2001:db8::1",
                "2001::1",
                "100::1",
                "::ffff:127.0.0.1",
                "::ffff:10.0.0.1",
                "::ffff:169.254.169.254",
                "::ffff:192.168.1.1",
                "::127.0.0.1",
                "::10.0.0.1",
                "::8.8.8.8",
                "64:ff9b::a9fe:a9fe",
                "64:ff9b::7f00:1",
                "64:ff9b:1::1",
                "2002:7f00:1::",
                "2002:a9fe:a9fe::1"
            })
    void refusesEveryNonPublicRange(String literal) throws UnknownHostException {
        assertThat(policy.refusal(InetAddress.getByName(literal))).as(literal).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "93.184.216.34",
                "172.32.0.1",
                "100.128.0.1",
                "169.255.0.1",
                "2606:4700:4700::1111",
                "2a00:1450:4001::200e",
                "::ffff:8.8.8.8",
                "64:ff9b::808:808",
                "2002:808:808::1"
            })
    void allowsPublicAddresses(String literal) throws UnknownHostException {
        assertThat(policy.refusal(InetAddress.getByName(literal))).as(literal).isEmpty();
    }

    @Test
    void namesTheRangeItRefused() throws UnknownHostException {
        assertThat(policy.refusal(InetAddress.getByName("169.254.169.254"))).contains("link-local (cloud metadata)");
        assertThat(policy.refusal(InetAddress.getByName("64:ff9b::a9fe:a9fe")))
                .contains("IPv6 form of link-local (cloud metadata)");
    }

    @Test
    void theLoopbackSwitchOpensLoopbackAndNothingElse() throws UnknownHostException {
        AddressPolicy loopback = AddressPolicy.publicOnly(true);

        assertThat(loopback.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(loopback.refusal(InetAddress.getByName("::1"))).isEmpty();
        assertThat(loopback.refusal(InetAddress.getByName("10.0.0.1"))).isPresent();
        assertThat(loopback.refusal(InetAddress.getByName("169.254.169.254"))).isPresent();
        assertThat(loopback.refusal(InetAddress.getByName("0.0.0.0"))).isPresent();
        assertThat(loopback.refusal(InetAddress.getByName("fe80::1"))).isPresent();
    }
}
