package io.jpxe.commands.net.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.StatusException;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.net.NetConfigurator;
import io.jpxe.api.net.NetDevice;

/**
 * iPXE's {@code ifconf()} ({@code usr/ifmgmt.c}): open the device, wait for the link, run the
 * configurator(s) printing {@code Configuring [dhcp] (net0 52:54:00:12:34:56)... ok}, and close the
 * device again on failure.
 */
final class Configure {
    /** JVM system property: print how long open + link + configuration took (tools/bench-dhcp.sh). */
    static final String TIMING_PROPERTY = "jpxe.netconf.timing";

    private Configure() {
    }

    /** A configurator with its service properties, as DS injects tuples. */
    record Named(String name, NetConfigurator configurator) {
        static List<Named> of(List<Map.Entry<Map<String, Object>, NetConfigurator>> tuples) {
            return tuples.stream()
                    .map(t -> new Named(Objects.toString(t.getKey().get(NetConfigurator.NAME_PROPERTY), "?"), t.getValue()))
                    .sorted(java.util.Comparator.comparing(Named::name))
                    .toList();
        }
    }

    /**
     * Configures one device with {@code only} (or every configurator when {@code null}).
     *
     * @throws JpxeException {@code Could not configure net0: <reason>} style failures
     */
    static void device(NetDevice device, List<Named> configurators, String only, Duration linkTimeout,
            CommandContext context) throws JpxeException {
        List<Named> chosen = only == null ? configurators
                : configurators.stream().filter(c -> c.name().equals(only)).toList();
        if (chosen.isEmpty()) {
            throw new JpxeException(Errno.ENOTSUP, only == null ? "No network configurators"
                    : "Unrecognised configurator \"" + only + "\"");
        }
        long start = System.nanoTime();
        NetDevices.open(device);
        PrintStream err = context.console().err();
        try {
            NetDevices.waitForLink(device, linkTimeout, context);
        } catch (JpxeException e) {
            closeQuietly(device);
            throw new JpxeException(e.errno(), "Could not configure " + device.name(), e);
        }
        err.print("Configuring " + (only == null ? "" : "[" + only + "] ") + "(" + device.name() + " "
                + NetDevices.mac(device) + ")...");
        err.flush();
        JpxeException last = null;
        for (Named c : chosen) {
            try {
                c.configurator().configure(device, context);
                err.println(" ok");
                if (Boolean.getBoolean(TIMING_PROPERTY)) {
                    err.printf("%s: configured in %.1f ms from ifopen%n", device.name(),
                            (System.nanoTime() - start) / 1e6);
                }
                return;
            } catch (StatusException e) {
                throw e;
            } catch (JpxeException e) {
                last = e;
            }
        }
        err.println(" " + last.errno().message());
        if (last.errno() != Errno.ECANCELED) {
            closeQuietly(device);
        }
        String detail = last.getMessage() == null || last.getMessage().isEmpty() ? "" : " (" + last.getMessage() + ")";
        throw new JpxeException(last.errno(), "Could not configure " + device.name() + detail, last);
    }

    private static void closeQuietly(NetDevice device) {
        try {
            device.close();
        } catch (java.io.IOException | RuntimeException e) {
            // the failure being reported matters more than a failed close
        }
    }
}
