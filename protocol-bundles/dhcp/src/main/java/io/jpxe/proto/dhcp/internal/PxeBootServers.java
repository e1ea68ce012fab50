package io.jpxe.proto.dhcp.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where PXE Boot Server Discovery asks, from the PXE vendor options a DHCP or ProxyDHCP server gave
 * (PXE 2.1 §2.2.5; iPXE's {@code start_pxebs}): the multicast discovery address 43.7 unless 43.6 bit 1
 * forbids multicast, the broadcast address unless bit 0 forbids it, then the servers 43.8 lists for
 * the wanted type. With bit 2 only listed servers are believed. Immutable.
 *
 * @param attempts the addresses to try in order (4 bytes each)
 * @param accepted the only servers whose answers count, or {@code null} for any
 */
record PxeBootServers(List<byte[]> attempts, List<byte[]> accepted) {
    static final int NO_BROADCAST = 0x01;
    static final int NO_MULTICAST = 0x02;
    static final int NO_UNKNOWN_SERVERS = 0x04;
    static final byte[] BROADCAST = {-1, -1, -1, -1};

    /**
     * @param control   43.6 (0 when absent)
     * @param multicast 43.7, or {@code null}
     * @param servers   43.8 (type, count, addresses...), or {@code null}; a malformed tail is ignored
     * @param type      the wanted server type
     */
    static PxeBootServers plan(int control, byte[] multicast, byte[] servers, int type) {
        List<byte[]> attempts = new ArrayList<>();
        if ((control & NO_MULTICAST) == 0 && multicast != null && multicast.length == 4 && !DhcpPacket.isZero(multicast)) {
            attempts.add(multicast.clone());
        }
        if ((control & NO_BROADCAST) == 0) {
            attempts.add(BROADCAST.clone());
        }
        List<byte[]> listed = listed(servers == null ? new byte[0] : servers, type);
        attempts.addAll(listed);
        return new PxeBootServers(List.copyOf(attempts), (control & NO_UNKNOWN_SERVERS) != 0 ? listed : null);
    }

    /** The addresses 43.8 gives for {@code type}: entries of type (2), count (1), count × 4 bytes. */
    static List<byte[]> listed(byte[] raw, int type) {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (at + 3 <= raw.length) {
            int entryType = ((raw[at] & 0xFF) << 8) | (raw[at + 1] & 0xFF);
            int count = raw[at + 2] & 0xFF;
            int end = at + 3 + 4 * count;
            if (end > raw.length) {
                break; // iPXE: "malformed PXE server list", keep what came before
            }
            if (entryType == type) {
                for (int i = at + 3; i < end; i += 4) {
                    out.add(Arrays.copyOfRange(raw, i, i + 4));
                }
            }
            at = end;
        }
        return List.copyOf(out);
    }

    boolean accepts(byte[] server) {
        return accepted == null || accepted.stream().anyMatch(a -> Arrays.equals(a, server));
    }
}
