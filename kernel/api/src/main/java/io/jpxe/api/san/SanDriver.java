package io.jpxe.api.san;

import java.net.URI;

import org.osgi.annotation.versioning.ConsumerType;

import io.jpxe.api.JpxeException;

/**
 * Attaches SAN devices for {@code sanhook}/{@code sanboot} (iPXE's SAN URI schemes). Registered with
 * the service property {@code jpxe.san.scheme} ({@code iscsi}, {@code aoe}, {@code http}) and the
 * capability of the same namespace. Called from script threads; may block.
 */
@ConsumerType
public interface SanDriver {

    /** Capability namespace and service property. */
    String NAMESPACE = "jpxe.san.scheme";

    /**
     * Attaches the device named by a root path.
     *
     * @throws JpxeException when the target cannot be reached or refuses the login
     */
    SanDevice attach(URI rootPath) throws JpxeException;
}
