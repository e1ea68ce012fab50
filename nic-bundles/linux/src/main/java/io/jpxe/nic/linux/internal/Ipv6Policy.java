package io.jpxe.nic.linux.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What jPXE may do with IPv6 on its interfaces. In image mode jPXE owns the kernel, so before a link
 * goes up it lets the kernel do SLAAC from router advertisements ({@code accept_ra}, {@code autoconf}
 * under {@code /proc/sys/net/ipv6/conf/IF/}, with optimistic duplicate address detection where the kernel
 * has it), or switches IPv6 off on the interface when the profile
 * says {@value #PROPERTY}{@code =false}. In hosted mode the host's settings are only read.
 *
 * @param enabled       whether IPv6 is wanted ({@value #PROPERTY}, default {@code true})
 * @param managesKernel whether jPXE may write the interface's IPv6 sysctls (image mode)
 * @param conf          {@code /proc/sys/net/ipv6/conf} (a folder of test files in unit tests)
 */
record Ipv6Policy(boolean enabled, boolean managesKernel, Path conf) {
    /** Framework property: {@code false} turns IPv6 off (a profile's {@code -runproperties}, or {@code -D}). */
    static final String PROPERTY = "jpxe.ipv6";
    /** accept_ra 2: accept router advertisements even if forwarding were on. */
    private static final String ACCEPT_RA = "2";

    static Ipv6Policy of(String property, boolean imageMode) {
        return new Ipv6Policy(!"false".equalsIgnoreCase(property == null ? "" : property.trim()), imageMode,
                Path.of("/proc/sys/net/ipv6/conf"));
    }

    /**
     * Prepares {@code ifname} before its link goes up: IPv6 on with router advertisements and SLAAC
     * accepted, or IPv6 off. Does nothing in hosted mode, or when the kernel has no IPv6 at all.
     *
     * @throws IOException naming the file the kernel refused
     */
    void prepare(String ifname) throws IOException {
        Path dir = conf.resolve(ifname);
        if (!managesKernel || !Files.isDirectory(dir)) {
            return;
        }
        if (!enabled) {
            write(dir, "disable_ipv6", "1");
            return;
        }
        write(dir, "disable_ipv6", "0");
        write(dir, "accept_ra", ACCEPT_RA);
        write(dir, "autoconf", "1");
        // optimistic DAD (RFC 4429): the link-local address DHCPv6 sends from is usable at once, not after 1 s
        writeIfPresent(dir, "optimistic_dad", "1");
        writeIfPresent(dir, "use_optimistic", "1");
    }

    /** Kernels built without CONFIG_IPV6_OPTIMISTIC_DAD have no such file: nothing to do then. */
    private static void writeIfPresent(Path dir, String name, String value) throws IOException {
        if (Files.exists(dir.resolve(name))) {
            write(dir, name, value);
        }
    }

    private static void write(Path dir, String name, String value) throws IOException {
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, value + "\n");
        } catch (IOException e) {
            throw new IOException("Could not write " + value + " to " + file + ": " + e.getMessage(), e);
        }
    }
}
