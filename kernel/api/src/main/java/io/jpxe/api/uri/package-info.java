/**
 * URI openers: one service per scheme streams a remote file into a {@link io.jpxe.api.uri.DataSink}.
 */
@Export
@Version("1.0.0")
package io.jpxe.api.uri;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
