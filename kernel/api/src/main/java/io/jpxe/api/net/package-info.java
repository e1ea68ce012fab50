/**
 * Network devices as NIC bundles expose them.
 */
@Export
@Version("1.2.0")
package io.jpxe.api.net;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
