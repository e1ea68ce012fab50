package io.jpxe.api.net;

import io.jpxe.api.JpxeException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates and destroys 802.1Q VLAN devices on top of a NIC (iPXE's {@code vcreate}/{@code vdestroy}).
 * Provided by a NIC bundle; the new device is registered as a {@link NetDevice} named as iPXE names
 * it ({@code net0-42}) before {@link #create} returns.
 *
 * <p>Thread-safe. Both calls block on the kernel; call them from script threads.
 */
@ProviderType
public interface VlanManager {

    /**
     * Creates VLAN {@code tag} (1-4094) with default priority {@code priority} (0-7) on {@code trunk}.
     *
     * @return the new device
     * @throws JpxeException {@code EINVAL} for a tag or priority out of range, {@code EEXIST} when the
     *                       VLAN exists, {@code ENOTSUP} when {@code trunk} is not this driver's,
     *                       {@code EIO} when the kernel refuses
     */
    NetDevice create(NetDevice trunk, int tag, int priority) throws JpxeException;

    /**
     * Destroys a VLAN device made by {@link #create}.
     *
     * @throws JpxeException {@code ENOTTY} when {@code device} is not a VLAN device, {@code EIO} when
     *                       the kernel refuses
     */
    void destroy(NetDevice device) throws JpxeException;
}
