/**
 * Core types shared by every jPXE bundle: the iPXE-compatible error model.
 *
 * <p>Every failure that a script can observe is a {@link io.jpxe.api.JpxeException} carrying an
 * {@link io.jpxe.api.Errno}; the script engine turns it into a command status and prints its message
 * the way iPXE does.
 */
@Export
@Version("1.0.0")
package io.jpxe.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
