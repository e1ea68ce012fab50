package io.jpxe.proto.dhcp.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The VLAN a DHCP server tells the client to boot on: PXE vendor sub-option 43.116, as Tinkerbell's
 * boot service sends it and its iPXE build reads it ({@code ${43.116:string}}, tinkerbell/ipxedust#44).
 * iPXE itself has no such option; 43.116 was chosen because it is the one convention in use with
 * iPXE (IP phones use vendor-specific option 43/132 encodings that differ per vendor), and 43 is
 * already in iPXE's parameter request list. The value is the VLAN id as decimal text ({@code "42"});
 * a two-byte big-endian binary id is accepted too. Stateless.
 */
final class DhcpVlan {
    static final int SUB_OPTION = 116;

    private DhcpVlan() {
    }

    /** The VLAN id (1-4094) the packet asks for, if any and valid. */
    static OptionalInt of(DhcpPacket packet) {
        Optional<byte[]> raw = packet.options().encapsulated(DhcpRequests.PXE_VENDOR_OPTIONS, SUB_OPTION);
        if (raw.isEmpty() || raw.get().length == 0) {
            return OptionalInt.empty();
        }
        byte[] v = raw.get();
        int id;
        String text = new String(v, StandardCharsets.US_ASCII).trim().replace("\0", "");
        if (text.matches("\\d{1,4}")) {
            id = Integer.parseInt(text);
        } else if (v.length == 2) {
            id = ((v[0] & 0xFF) << 8) | (v[1] & 0xFF);
        } else {
            return OptionalInt.empty();
        }
        return id >= 1 && id <= 4094 ? OptionalInt.of(id) : OptionalInt.empty();
    }

    /** Whether {@code name} is a VLAN device as iPXE names them ({@code net0-42}): no VLAN inside a VLAN. */
    static boolean isVlanDevice(String name) {
        return name.matches(".*-\\d+");
    }
}
