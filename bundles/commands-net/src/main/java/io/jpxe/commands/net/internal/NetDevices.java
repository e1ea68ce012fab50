package io.jpxe.commands.net.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.net.NetDevice;

/** Device selection and link handling shared by the interface commands (iPXE's {@code usr/ifmgmt.c}). */
final class NetDevices {
    /** iPXE's {@code LINK_WAIT_TIMEOUT}. */
    static final Duration LINK_WAIT = Duration.ofSeconds(15);

    private NetDevices() {
    }

    /** {@code net0, net1, ... net10} in numeric order. */
    static List<NetDevice> sorted(List<NetDevice> devices) {
        List<NetDevice> copy = new ArrayList<>(devices);
        copy.sort(Comparator.comparingInt(NetDevices::number).thenComparing(NetDevice::name));
        return copy;
    }

    /** The named devices, or all of them when {@code names} is empty. */
    static List<NetDevice> select(List<NetDevice> devices, List<String> names) throws JpxeException {
        List<NetDevice> all = sorted(devices);
        if (names.isEmpty()) {
            return all;
        }
        List<NetDevice> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(all.stream().filter(d -> d.name().equals(name) || d.interfaceName().equals(name)).findFirst()
                    .orElseThrow(() -> new JpxeException(Errno.ENODEV, "No such interface: " + name)));
        }
        return chosen;
    }

    /** The one device called {@code name} (its {@code netN} or interface name). */
    static NetDevice named(List<NetDevice> devices, String name) throws JpxeException {
        return select(devices, List.of(name)).get(0);
    }

    static String mac(NetDevice device) {
        return HexFormat.ofDelimiter(":").formatHex(device.macAddress());
    }

    static void open(NetDevice device) throws JpxeException {
        try {
            device.open();
        } catch (java.io.IOException | RuntimeException e) {
            throw new JpxeException(Errno.EIO, "Could not open " + device.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits for the link to come up, polling every 10 ms (iPXE's {@code iflinkwait}).
     *
     * @throws JpxeException {@code ENETUNREACH} when the link stays down past {@code timeout}
     */
    static void waitForLink(NetDevice device, Duration timeout, CommandContext context) throws JpxeException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!device.linkUp()) {
            context.checkCancelled();
            if (System.nanoTime() > deadline) {
                throw new JpxeException(Errno.ENETUNREACH, "Link down on " + device.name());
            }
            try {
                Thread.sleep(10); // a veth's carrier follows ifopen within milliseconds
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JpxeException(Errno.ECANCELED, "");
            }
        }
    }

    private static int number(NetDevice d) {
        String digits = d.name().replaceAll("\\D", "");
        try {
            return digits.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
