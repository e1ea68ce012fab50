/**
 * The script engine as other bundles see it: running scripts and single command lines.
 */
@Export
@Version("1.0.0")
package io.jpxe.api.script;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
