/**
 * Boot plans and the executors that carry them out (plan, qemu, kexec).
 */
@Export
@Version("1.0.0")
package io.jpxe.api.boot;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
