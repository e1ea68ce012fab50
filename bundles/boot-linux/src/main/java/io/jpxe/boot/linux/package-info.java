/**
 * Linux boot support shared by the boot executors ({@code kexec}, {@code qemu}): the initrds of a
 * {@link io.jpxe.api.boot.BootPlan} assembled into one initramfs as iPXE loads them
 * ({@link io.jpxe.boot.linux.InitrdAssembler}), and {@link io.jpxe.boot.linux.HandoverFile}, a
 * read-only memory file that another process (QEMU) or the kernel ({@code kexec_file_load}) can take.
 */
@Export
@Version("1.0.0")
package io.jpxe.boot.linux;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
