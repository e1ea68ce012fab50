package io.jpxe.proto.dhcp.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DISCOVER and REQUEST packets iPXE sends ({@code net/udp/dhcp.c: dhcp_create_request}), with
 * its options in its order: 53, 57, 93, 94, 60, 77, 55, 175, 61, 97 and, in a REQUEST, 50 and 54.
 *
 * @param mac          the client's hardware address
 * @param architecture the client system architecture (option 93, RFC 4578)
 * @param vendorClass  option 60
 * @param userClass    option 77
 * @param uuid         option 97's 16-byte UUID, or {@code null}
 * @param features     option 175's encapsulated feature list
 */
record DhcpRequests(byte[] mac, int architecture, String vendorClass, byte[] userClass, byte[] uuid,
        Map<Integer, byte[]> features) {

    /** The parameter request list iPXE sends (settings.md §6). */
    static final byte[] REQUEST_LIST = {1, 3, 6, 7, 12, 15, 17, 26, 42, 43, 60, 66, 67, (byte) 119, (byte) 121,
        (byte) 128, (byte) 129, (byte) 130, (byte) 131, (byte) 132, (byte) 133, (byte) 134, (byte) 135,
        (byte) 175, (byte) 203};
    /** Option 57: iPXE advertises 1472 bytes. */
    static final int MAX_MESSAGE_SIZE = 1472;
    /** Feature codes (iPXE's {@code DHCP_EB_FEATURE_*}) the Linux-hosted loader always has. */
    static final int FEATURE_TFTP = 0x15;
    static final int FEATURE_BZIMAGE = 0x18;
    /** Option 43: PXE vendor options; 43.71 is the boot menu item (server type, layer). */
    static final int PXE_VENDOR_OPTIONS = 43;
    static final int PXE_BOOT_MENU_ITEM = 71;
    /** 175.235: iPXE's version triple. */
    static final int EB_VERSION = 0xeb;

    /** The defaults: iPXE's x86-64 EFI identity ({@code PXEClient:Arch:00007:UNDI:003010}, user class iPXE). */
    static DhcpRequests defaults(byte[] mac, String osArch) {
        int arch = switch (osArch) {
            case "aarch64", "arm64" -> 0x0b;
            case "x86", "i386", "i686" -> 0x06;
            default -> 0x07;
        };
        Map<Integer, byte[]> features = new LinkedHashMap<>();
        features.put(FEATURE_TFTP, new byte[] {1});
        features.put(FEATURE_BZIMAGE, new byte[] {1});
        features.put(EB_VERSION, new byte[] {1, 21, 1});
        return new DhcpRequests(mac.clone(), arch, String.format("PXEClient:Arch:%05d:UNDI:003010", arch),
                "iPXE".getBytes(StandardCharsets.US_ASCII), null, features);
    }

    DhcpRequests withVendorClass(String value) {
        return new DhcpRequests(mac, architecture, value, userClass, uuid, features);
    }

    DhcpRequests withUserClass(byte[] value) {
        return new DhcpRequests(mac, architecture, vendorClass, value, uuid, features);
    }

    DhcpRequests withUuid(byte[] value) {
        return new DhcpRequests(mac, architecture, vendorClass, userClass, value, features);
    }

    DhcpPacket discover(int xid) {
        return packet(xid, DhcpPacket.DHCPDISCOVER, null, null);
    }

    DhcpPacket request(int xid, byte[] requestedIp, byte[] serverId) {
        return packet(xid, DhcpPacket.DHCPREQUEST, requestedIp, serverId);
    }

    /** iPXE's ProxyDHCPREQUEST: {@code ciaddr} is the leased address, option 54 the proxy server. */
    DhcpPacket proxyRequest(int xid, byte[] clientIp, byte[] proxyServer) {
        DhcpPacket p = packet(xid, DhcpPacket.DHCPREQUEST, null, proxyServer);
        byte[] zero = new byte[4];
        return new DhcpPacket(DhcpPacket.BOOTREQUEST, xid, 0, DhcpPacket.FLAG_BROADCAST, clientIp, zero, zero, zero,
                mac, "", "", p.options());
    }

    /**
     * iPXE's PXE Boot Server request ({@code dhcp_pxebs_tx}): a DHCPREQUEST from {@code clientIp}
     * carrying the wanted server type as boot menu item 43.71 (type, layer 0).
     */
    DhcpPacket pxebsRequest(int xid, byte[] clientIp, int serverType) {
        DhcpPacket p = packet(xid, DhcpPacket.DHCPREQUEST, null, null);
        Map<Integer, byte[]> o = new LinkedHashMap<>(p.options().asMap());
        o.put(PXE_VENDOR_OPTIONS, DhcpOptions.encapsulate(Map.of(PXE_BOOT_MENU_ITEM,
                ByteBuffer.allocate(4).putShort((short) serverType).putShort((short) 0).array())));
        byte[] zero = new byte[4];
        return new DhcpPacket(DhcpPacket.BOOTREQUEST, xid, 0, DhcpPacket.FLAG_BROADCAST, clientIp, zero, zero, zero,
                mac, "", "", DhcpOptions.of(o));
    }

    private DhcpPacket packet(int xid, int type, byte[] requestedIp, byte[] serverId) {
        Map<Integer, byte[]> o = new LinkedHashMap<>();
        o.put(DhcpPacket.OPTION_MESSAGE_TYPE, new byte[] {(byte) type});
        o.put(57, ByteBuffer.allocate(2).putShort((short) MAX_MESSAGE_SIZE).array());
        o.put(93, ByteBuffer.allocate(2).putShort((short) architecture).array());
        o.put(94, new byte[] {1, 3, 0x10}); // UNDI 3.10, as iPXE on EFI
        o.put(60, vendorClass.getBytes(StandardCharsets.US_ASCII));
        o.put(77, userClass.clone());
        o.put(55, REQUEST_LIST.clone());
        o.put(175, DhcpOptions.encapsulate(features));
        byte[] clientId = new byte[1 + mac.length];
        clientId[0] = 1; // ARPHRD_ETHER
        System.arraycopy(mac, 0, clientId, 1, mac.length);
        o.put(61, clientId);
        if (uuid != null && uuid.length == 16) {
            byte[] client = new byte[17]; // type 0 then the UUID (RFC 4578)
            System.arraycopy(uuid, 0, client, 1, 16);
            o.put(97, client);
        }
        if (requestedIp != null) {
            o.put(50, requestedIp.clone());
        }
        if (serverId != null) {
            o.put(DhcpPacket.OPTION_SERVER_ID, serverId.clone());
        }
        byte[] zero = new byte[4];
        return new DhcpPacket(DhcpPacket.BOOTREQUEST, xid, 0, DhcpPacket.FLAG_BROADCAST, zero, zero, zero, zero,
                mac, "", "", DhcpOptions.of(o));
    }
}
