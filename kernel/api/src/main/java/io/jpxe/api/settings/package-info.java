/**
 * iPXE's settings tree: lookup, storage and ${...} expansion ({@link io.jpxe.api.settings.Settings}), and
 * blocks contributed by other bundles ({@link io.jpxe.api.settings.SettingsBlock}).
 */
@Export
@Version("1.1.0")
package io.jpxe.api.settings;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
