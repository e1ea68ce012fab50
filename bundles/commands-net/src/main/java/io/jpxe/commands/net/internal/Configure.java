package io.jpxe.commands.net.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.StatusException;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.net.NetConfigurator;
import io.jpxe.api.net.NetDevice;

/**
 * iPXE's {@code ifconf()} ({@code usr/ifmgmt.c}): open the device, wait for the link, run the
 * configurator(s) printing {@code Configuring [dhcp] (net0 52:54:00:12:34:56)... ok}, and close the
 * device again on failure. Without {@code -c} every configurator ({@code dhcp}, {@code ipv6}) runs at
 * once and any success is success.
 */
final class Configure {
    /** JVM system property: print how long open + link + configuration took (tools/bench-dhcp.sh). */
    static final String TIMING_PROPERTY = "jpxe.netconf.timing";
    /** How long the other configurators may still take once one has succeeded. */
    static final Duration GRACE = Duration.ofSeconds(3);
    /** The configurator never abandoned for another's success: DHCPv4, which names the boot file. */
    static final String BOOT_CONFIGURATOR = "dhcp";

    private Configure() {
    }

    /** A configurator with its {@value NetConfigurator#NAME_PROPERTY} service property. */
    record Named(String name, NetConfigurator configurator) {
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
        JpxeException failure = chosen.size() == 1 ? runOne(device, chosen.get(0), start, context)
                : runAll(device, chosen, start, context);
        if (failure == null) {
            err.println(" ok");
            return;
        }
        if (failure instanceof StatusException) {
            throw failure;
        }
        err.println(" " + failure.errno().message());
        if (failure.errno() != Errno.ECANCELED) {
            closeQuietly(device);
        }
        String detail = failure.getMessage() == null || failure.getMessage().isEmpty() ? ""
                : " (" + failure.getMessage() + ")";
        throw new JpxeException(failure.errno(), "Could not configure " + device.name() + detail, failure);
    }

    /** Runs one configurator on the script thread: its failure, or {@code null} on success. */
    private static JpxeException runOne(NetDevice device, Named c, long start, CommandContext context) {
        try {
            c.configurator().configure(device, context);
            timing(device, c, start, context);
            return null;
        } catch (JpxeException e) {
            return e;
        }
    }

    private record Outcome(Named configurator, JpxeException failure) {
    }

    /**
     * iPXE runs every configurator at once and succeeds if any does ({@code usr/ifmgmt.c}). Unlike
     * iPXE, once one has succeeded the others get {@link #GRACE} to finish and are then abandoned:
     * a network without IPv6 must not hold a working DHCPv4 lease back for the 15 s of router
     * solicitations (the netboot.xyz#283 complaint). DHCPv4 ({@value #BOOT_CONFIGURATOR}) is the
     * exception, waited for to its own end as iPXE does: it carries the boot file and next server, and
     * IPv6 autoconfiguration, done in milliseconds, must not cut it off (an image under emulation took
     * more than the grace to get its lease and booted with IPv6 only). Each runs on its own virtual
     * thread; abandoning or Ctrl-C interrupts them.
     */
    private static JpxeException runAll(NetDevice device, List<Named> chosen, long start, CommandContext context) {
        BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (Named c : chosen) {
            workers.add(Thread.ofVirtual().name("jpxe-netconf-" + device.name() + "-" + c.name()).start(() -> {
                try {
                    c.configurator().configure(device, context);
                    timing(device, c, start, context);
                    outcomes.add(new Outcome(c, null));
                } catch (JpxeException e) {
                    outcomes.add(new Outcome(c, e));
                } catch (RuntimeException e) {
                    outcomes.add(new Outcome(c, new JpxeException(Errno.EIO, c.name() + ": " + e, e)));
                }
            }));
        }
        int pending = chosen.size();
        boolean bootConfiguratorPending = chosen.stream().anyMatch(c -> c.name().equals(BOOT_CONFIGURATOR));
        long graceEnd = 0;
        boolean succeeded = false;
        JpxeException last = null;
        try {
            while (pending > 0) {
                long wait = TimeUnit.MILLISECONDS.toNanos(100);
                if (succeeded && !bootConfiguratorPending) {
                    wait = Math.min(wait, graceEnd - System.nanoTime());
                    if (wait <= 0) {
                        break;
                    }
                }
                Outcome o = outcomes.poll(wait, TimeUnit.NANOSECONDS);
                context.checkCancelled();
                if (o == null) {
                    continue;
                }
                pending--;
                if (o.configurator().name().equals(BOOT_CONFIGURATOR)) {
                    bootConfiguratorPending = false;
                }
                if (o.failure() == null) {
                    if (!succeeded) {
                        graceEnd = System.nanoTime() + GRACE.toNanos();
                    }
                    succeeded = true;
                } else if (o.failure().errno() == Errno.ECANCELED || o.failure() instanceof StatusException) {
                    return o.failure(); // Ctrl-C seen by a worker (the console hands it to one reader only)
                } else if (last == null || last.errno() == Errno.ETIMEDOUT) {
                    last = o.failure(); // a real error says more than a timeout
                }
            }
        } catch (JpxeException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new JpxeException(Errno.ECANCELED, "");
        } finally {
            workers.forEach(Thread::interrupt);
        }
        return succeeded ? null : last;
    }

    private static void timing(NetDevice device, Named c, long start, CommandContext context) {
        if (Boolean.getBoolean(TIMING_PROPERTY)) {
            context.console().err().printf("%s: [%s] configured in %.1f ms from ifopen%n", device.name(), c.name(),
                    (System.nanoTime() - start) / 1e6);
        }
    }

    private static void closeQuietly(NetDevice device) {
        try {
            device.close();
        } catch (java.io.IOException | RuntimeException e) {
            // the failure being reported matters more than a failed close
        }
    }
}
