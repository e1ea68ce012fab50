/**
 * Script commands: the {@link io.jpxe.api.command.Command} service, its capability annotation and the one
 * shared, iPXE-compatible option parser ({@link io.jpxe.api.command.CommandSyntax}).
 */
@Export
@Version("1.0.0")
package io.jpxe.api.command;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
