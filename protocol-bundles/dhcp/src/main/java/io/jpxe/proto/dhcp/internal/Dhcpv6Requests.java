package io.jpxe.proto.dhcp.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The DHCPv6 messages iPXE sends ({@code net/udp/dhcpv6.c: dhcpv6_tx}): client id, elapsed time,
 * IA_NA (stateful only), option request list (DNS servers 23, domain list 24, boot file URL 59 and
 * parameters 60), vendor class (16: enterprise 343, the same {@code PXEClient:Arch:...} string as
 * DHCPv4), user class (15: {@code iPXE}), client architecture (61) and network interface id (62).
 *
 * @param duid         the client DUID (DUID-UUID when the system has a UUID, else DUID-LL)
 * @param iaid         the IA_NA identifier (the low 32 bits of the MAC)
 * @param architecture RFC 4578 client architecture
 * @param vendorClass  the vendor class data
 * @param userClass    the user class data
 */
record Dhcpv6Requests(byte[] duid, int iaid, int architecture, String vendorClass, byte[] userClass) {
    /** Intel's enterprise number, as iPXE (and PXE firmware) put in the vendor class. */
    static final int ENTERPRISE_INTEL = 343;
    static final byte[] REQUESTED = {0, (byte) Dhcpv6Message.OPTION_DNS_SERVERS, 0,
        (byte) Dhcpv6Message.OPTION_DOMAIN_LIST, 0, (byte) Dhcpv6Message.OPTION_BOOTFILE_URL, 0,
        (byte) Dhcpv6Message.OPTION_BOOTFILE_PARAM};
    private static final int DUID_LL = 3;
    private static final int DUID_UUID = 4;
    private static final int HTYPE_ETHERNET = 1;

    /** The same identity as the DHCPv4 requests (MAC, UUID, architecture, classes). */
    static Dhcpv6Requests of(DhcpRequests v4) {
        byte[] mac = v4.mac();
        byte[] uuid = v4.uuid();
        byte[] duid;
        if (uuid != null && uuid.length == 16) {
            duid = ByteBuffer.allocate(18).putShort((short) DUID_UUID).put(uuid).array();
        } else {
            duid = ByteBuffer.allocate(4 + mac.length).putShort((short) DUID_LL).putShort((short) HTYPE_ETHERNET)
                    .put(mac).array();
        }
        int iaid = ByteBuffer.wrap(mac, mac.length - 4, 4).getInt();
        return new Dhcpv6Requests(duid, iaid, v4.architecture(), v4.vendorClass(), v4.userClass());
    }

    Dhcpv6Message solicit(int xid, int elapsedCentiseconds) {
        return message(Dhcpv6Message.SOLICIT, xid, elapsedCentiseconds, null, List.of());
    }

    /** A Request for the addresses {@code advertise} offered, to its server. */
    Dhcpv6Message request(int xid, int elapsedCentiseconds, Dhcpv6Message advertise) {
        List<Dhcpv6Message.Option> ia = advertise.options().stream()
                .filter(o -> o.code() == Dhcpv6Message.OPTION_IA_NA).limit(1).toList();
        return message(Dhcpv6Message.REQUEST, xid, elapsedCentiseconds,
                advertise.option(Dhcpv6Message.OPTION_SERVERID).orElse(null), ia);
    }

    Dhcpv6Message informationRequest(int xid, int elapsedCentiseconds) {
        return message(Dhcpv6Message.INFORMATION_REQUEST, xid, elapsedCentiseconds, null, List.of());
    }

    private Dhcpv6Message message(int type, int xid, int elapsed, byte[] serverId, List<Dhcpv6Message.Option> ia) {
        List<Dhcpv6Message.Option> o = new ArrayList<>();
        o.add(new Dhcpv6Message.Option(Dhcpv6Message.OPTION_CLIENTID, duid));
        if (serverId != null) {
            o.add(new Dhcpv6Message.Option(Dhcpv6Message.OPTION_SERVERID, serverId));
        }
        o.add(new Dhcpv6Message.Option(Dhcpv6Message.OPTION_ELAPSED_TIME,
                ByteBuffer.allocate(2).putShort((short) Math.min(0xFFFF, elapsed)).array()));
        if (type == Dhcpv6Message.SOLICIT) {
            // T1/T2 0: the server chooses (RFC 8415 §21.4)
            o.add(new Dhcpv6Message.Option(Dhcpv6Message.OPTION_IA_NA, ByteBuffer.allocate(12).putInt(iaid).array()));
        } else {
            o.addAll(ia);
        }
        o.add(new Dhcpv6Message.Option(Dhcpv6Message.OPTION_ORO, REQUESTED));
        byte[] vendor = vendorClass.getBytes(StandardCharsets.US_ASCII);
        o.add(new Dhcpv6Message.Option(Dhcpv6Message.OPTION_VENDOR_CLASS, ByteBuffer.allocate(6 + vendor.length)
                .putInt(ENTERPRISE_INTEL).putShort((short) vendor.length).put(vendor).array()));
        o.add(new Dhcpv6Message.Option(Dhcpv6Message.OPTION_USER_CLASS, ByteBuffer.allocate(2 + userClass.length)
                .putShort((short) userClass.length).put(userClass).array()));
        o.add(new Dhcpv6Message.Option(Dhcpv6Message.OPTION_CLIENT_ARCH,
                ByteBuffer.allocate(2).putShort((short) architecture).array()));
        o.add(new Dhcpv6Message.Option(Dhcpv6Message.OPTION_NII, new byte[] {1, 3, 10})); // UNDI 3.10
        return new Dhcpv6Message(type, xid, o);
    }
}
