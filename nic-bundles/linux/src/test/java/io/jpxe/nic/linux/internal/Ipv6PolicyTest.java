package io.jpxe.nic.linux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ipv6PolicyTest {
    @TempDir
    Path conf;

    @Test
    void imageModeAcceptsRouterAdvertisementsAndSlaac() throws Exception {
        Files.createDirectories(conf.resolve("eth0"));
        new Ipv6Policy(true, true, conf).prepare("eth0");
        assertEquals("0\n", Files.readString(conf.resolve("eth0/disable_ipv6")));
        assertEquals("2\n", Files.readString(conf.resolve("eth0/accept_ra")));
        assertEquals("1\n", Files.readString(conf.resolve("eth0/autoconf")));
        assertFalse(Files.exists(conf.resolve("eth0/optimistic_dad")), "absent from this kernel: left absent");
    }

    @Test
    void optimisticDadWhereTheKernelHasIt() throws Exception {
        Files.createDirectories(conf.resolve("eth0"));
        Files.writeString(conf.resolve("eth0/optimistic_dad"), "0\n");
        Files.writeString(conf.resolve("eth0/use_optimistic"), "0\n");
        new Ipv6Policy(true, true, conf).prepare("eth0");
        assertEquals("1\n", Files.readString(conf.resolve("eth0/optimistic_dad")));
        assertEquals("1\n", Files.readString(conf.resolve("eth0/use_optimistic")));
    }

    @Test
    void switchedOffInImageModeDisablesIpv6OnTheInterface() throws Exception {
        Files.createDirectories(conf.resolve("eth0"));
        new Ipv6Policy(false, true, conf).prepare("eth0");
        assertEquals("1\n", Files.readString(conf.resolve("eth0/disable_ipv6")));
        assertFalse(Files.exists(conf.resolve("eth0/accept_ra")));
    }

    @Test
    void hostedModeOnlyReads() throws Exception {
        Files.createDirectories(conf.resolve("eth0"));
        new Ipv6Policy(true, false, conf).prepare("eth0");
        try (var files = Files.list(conf.resolve("eth0"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void theFrameworkPropertyTurnsItOff() {
        assertTrue(Ipv6Policy.of(null, false).enabled());
        assertTrue(Ipv6Policy.of("true", false).enabled());
        assertFalse(Ipv6Policy.of(" FALSE ", true).enabled());
        assertTrue(Ipv6Policy.of("false", true).managesKernel());
    }
}
