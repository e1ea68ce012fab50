/**
 * The console: script output, diagnostics, keys, lines and progress.
 */
@Export
@Version("1.1.0")
package io.jpxe.api.console;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
