/**
 * Images: the store that holds downloaded bytes off-heap, image types that recognise and run them, and the
 * image manager that fetches, selects and executes them (iPXE's usr/imgmgmt layer).
 */
@Export
@Version("1.0.0")
package io.jpxe.api.image;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
