/**
 * SAN drivers: remote block devices for sanhook/sanboot.
 */
@Export
@Version("1.0.0")
package io.jpxe.api.san;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
