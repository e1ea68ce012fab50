package io.jpxe.proto.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet6Address;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

class Ipv6LiteralTest {
    private static Optional<String> devices(String name) {
        return name.equals("net0") ? Optional.of("lo") : Optional.empty();
    }

    @Test
    void aGlobalAddressNeedsNoZone() throws Exception {
        Inet6Address a = (Inet6Address) Ipv6Literal.parse("fd00::1", Ipv6LiteralTest::devices);
        assertEquals("fd00:0:0:0:0:0:0:1", a.getHostAddress());
        assertEquals(null, a.getScopedInterface());
    }

    @Test
    void theZoneNamesAJpxeDeviceBareOrEscaped() throws Exception {
        for (String text : new String[] {"fe80::1%net0", "[fe80::1%25net0]"}) {
            Inet6Address a = (Inet6Address) Ipv6Literal.parse(text, Ipv6LiteralTest::devices);
            assertEquals(java.net.NetworkInterface.getByName("lo").getIndex(), a.getScopeId(), text);
        }
    }

    @Test
    void aLinuxInterfaceNameWorksToo() throws Exception {
        Inet6Address a = (Inet6Address) Ipv6Literal.parse("fe80::2%lo", Ipv6LiteralTest::devices);
        assertEquals(java.net.NetworkInterface.getByName("lo").getIndex(), a.getScopeId());
    }

    @Test
    void unknownZonesAndMalformedAddressesAreClearErrors() {
        JpxeException zone = assertThrows(JpxeException.class,
                () -> Ipv6Literal.parse("fe80::1%net9", Ipv6LiteralTest::devices));
        assertEquals(Errno.ENODEV, zone.errno());
        for (String bad : new String[] {"fe80::g", "1:2:3:4:5:6:7:8:9", "fe80:::1", "::1::2", "example.com:80"}) {
            JpxeException e = assertThrows(JpxeException.class, () -> Ipv6Literal.parse(bad, Ipv6LiteralTest::devices),
                    bad);
            assertEquals(Errno.EINVAL, e.errno(), bad);
        }
    }
}
