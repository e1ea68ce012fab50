/**
 * Helpers for bundles that consume other components, such as whiteboards of openers or commands.
 */
@Export
@Version("1.0.0")
package io.jpxe.api.component;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
