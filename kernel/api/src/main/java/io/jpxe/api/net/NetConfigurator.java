package io.jpxe.api.net;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.CommandContext;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way to configure a network device (iPXE's {@code net_device_configurator}): {@code dhcp},
 * {@code ipv6}... Registered as a service with {@link #NAME_PROPERTY}; {@code ifconf -c NAME}
 * and {@code dhcp} pick it by name.
 *
 * <p>Thread-safe; several devices may be configured at once.
 */
@ConsumerType
public interface NetConfigurator {

    /** Service property holding the configurator's name ({@code dhcp}). */
    String NAME_PROPERTY = "jpxe.netconf.name";

    /**
     * Configures {@code device} (already open) and publishes what it learnt as settings
     * ({@code net0.dhcp}...). Blocks the calling script thread until configured, failed or cancelled;
     * runs nothing on Netty event loops.
     *
     * @param device  the open device
     * @param context the invoking command's context (console for progress, cancellation)
     * @throws JpxeException {@code ETIMEDOUT} ("Connection timed out") when no server answers within
     *                       iPXE's retry schedule, {@code ECANCELED} on Ctrl-C, {@code EIO} when the
     *                       device fails
     */
    void configure(NetDevice device, CommandContext context) throws JpxeException;
}
