package io.jpxe.proto.dhcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class PxeBootServersTest {
    /** 43.8: type 1 at 10.0.0.1 and 10.0.0.2, type 2 at 10.0.0.3. */
    private static final byte[] SERVERS = HexFormat.of().parseHex("0001" + "02" + "0a000001" + "0a000002"
            + "0002" + "01" + "0a000003");
    private static final byte[] MULTICAST = {(byte) 224, 0, 1, 2};

    private static List<String> text(List<byte[]> addresses) {
        return addresses.stream().map(a -> DhcpSettings.format("ipv4", a)).toList();
    }

    @Test
    void multicastThenBroadcastThenTheListedServersOfTheType() {
        PxeBootServers plan = PxeBootServers.plan(0, MULTICAST, SERVERS, 1);
        assertEquals(List.of("224.0.1.2", "255.255.255.255", "10.0.0.1", "10.0.0.2"), text(plan.attempts()));
        assertNull(plan.accepted());
        assertTrue(plan.accepts(new byte[] {9, 9, 9, 9}));
    }

    @Test
    void discoveryControlBitsNarrowThePlan() {
        PxeBootServers plan = PxeBootServers.plan(PxeBootServers.NO_BROADCAST | PxeBootServers.NO_MULTICAST
                | PxeBootServers.NO_UNKNOWN_SERVERS, MULTICAST, SERVERS, 2);
        assertEquals(List.of("10.0.0.3"), text(plan.attempts()));
        assertTrue(plan.accepts(new byte[] {10, 0, 0, 3}));
        assertFalse(plan.accepts(new byte[] {10, 0, 0, 1}));
    }

    @Test
    void noListAndNoBroadcastLeavesNothingToAsk() {
        assertEquals(List.of(), PxeBootServers.plan(PxeBootServers.NO_BROADCAST, null, null, 1).attempts());
    }

    @Test
    void aMalformedListKeepsWhatCameBefore() {
        byte[] truncated = HexFormat.of().parseHex("0001" + "01" + "0a000001" + "0001" + "05" + "0a00");
        assertEquals(List.of("10.0.0.1"), text(PxeBootServers.listed(truncated, 1)));
        assertEquals(List.of(), PxeBootServers.listed(new byte[] {0, 1}, 1));
    }
}
