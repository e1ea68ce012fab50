#!/usr/bin/env bash
# tools/bootable-image.sh PROFILE
# Makes a profile's bootable image from its jar (distributions/PROFILE/target/jpxe-PROFILE.jar):
#   jpxe-PROFILE.vmlinuz + jpxe-PROFILE.initrd   for chainloading from PXELINUX, GRUB or iPXE
#   jpxe-PROFILE.iso                              BIOS-bootable (GRUB), the same kernel and initrd
# The kernel is Debian's (downloaded at build time, never committed); the initrd holds the NIC
# driver modules, a static busybox for /init, the host's glibc, a jlinked Java runtime with a CDS
# archive, and the profile's jar: the same launcher and bundles as the jar, nothing rebuilt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/tools/env.sh"
source "$root/tools/demo-assets.sh"

profile="${1:?usage: tools/bootable-image.sh PROFILE}"
out="$root/distributions/$profile/target"
jar="$out/jpxe-$profile.jar"
[ -f "$jar" ] || { echo "jpxe: $jar is missing: build the profile first" >&2; exit 1; }

ensure_packages cpio:cpio depmod:kmod zstd:zstd xorriso:xorriso grub-mkrescue:grub-common mformat:mtools
[ -d /usr/lib/grub/i386-pc ] || ensure_packages grub-install-missing:grub-pc-bin

# The Java modules jPXE uses (jdeps over the launcher and every bundle): Felix and the bundles need
# java.base; SCR parses component XML (java.xml) and reads java.management; Netty needs
# jdk.unsupported, java.logging and java.naming. JLine's java.desktop use is its Swing terminal,
# which a boot loader never opens.
JAVA_MODULES=java.base,java.logging,java.management,java.naming,java.xml,jdk.unsupported
# Network drivers the image can load (the Linux NIC bundle matches PCI ids to them), plus 802.1Q.
NIC_MODULES=(virtio_net virtio_pci e1000 e1000e igb igc ixgbe r8169 8139cp 8139too vmxnet3 8021q)

cache="${JPXE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jpxe}"
kernel=$(debian_kernel)
kversion=$(cat "$kernel/version")
busybox=$(static_busybox)

# jlink once per JDK and module list; the CDS archive makes the JVM start 1-1.5 s sooner under QEMU.
jre_key=$("$JAVA_HOME/bin/java" -version 2>&1 | head -2 | cat - <(echo "$JAVA_MODULES") | sha256sum | cut -c1-16)
jre="$cache/jre-$jre_key"
if [ ! -x "$jre/bin/java" ]; then
    echo "jpxe: jlinking the runtime ($JAVA_MODULES)" >&2
    rm -rf "$jre.part"
    "$JAVA_HOME/bin/jlink" --add-modules "$JAVA_MODULES" --strip-debug --no-man-pages --no-header-files \
        --generate-cds-archive --output "$jre.part" >&2
    strip --strip-unneeded "$jre.part/lib/server/libjvm.so"
    rm -f "$jre.part/lib/server/classes_nocoops.jsa"
    mv "$jre.part" "$jre"
fi

# The initrd is two concatenated archives (the kernel unpacks both): the base — runtime, glibc,
# busybox, driver modules — made once per JDK, kernel and this script, and the profile's part — /init
# and the jar — made at every build. The base is most of the bytes and of the compression time.
base_key=$( { echo "$jre_key $kversion ${NIC_MODULES[*]}"; sha256sum "$busybox"; echo "base layout 2"; } \
    | sha256sum | cut -c1-16)
base="$cache/image-base-$base_key"
if [ ! -s "$base/base.cpio.zst" ]; then
    echo "jpxe: making the image base (runtime, glibc, busybox, driver modules)" >&2
    rm -rf "$base.part"
    tree="$base.part/root"
    mkdir -p "$tree"/{bin,dev,proc,sys,tmp,run,etc,root,opt/jpxe,lib64}
    cp "$busybox" "$tree/bin/busybox"
    for applet in sh mount mkdir cat cut echo sleep stty poweroff reboot ip; do ln -s busybox "$tree/bin/$applet"; done
    cp -a "$jre" "$tree/opt/jre"

    # glibc as the JVM links it (ldd over the launcher and every shared object of the runtime)
    { ldd "$jre/bin/java"; find "$jre/lib" -name '*.so' -exec ldd {} \; ; } 2>/dev/null \
        | awk '/=> \//{print $3} /^[ \t]*\/lib/{print $1}' | grep -E '^/(usr/)?lib' | sort -u | while read -r lib; do
            mkdir -p "$tree$(dirname "$lib")"
            cp -L "$lib" "$tree$lib"
        done
    # libgcc_s is dlopen()ed by glibc for thread cancellation; JLine's terminal library links libutil
    for lib in libgcc_s.so.1 libutil.so.1; do
        cp -L "/lib/x86_64-linux-gnu/$lib" "$tree/lib/x86_64-linux-gnu/"
    done

    # the driver modules with their dependencies, and depmod's tables for the NIC bundle's loader
    modules_dir="$tree/lib/modules/$kversion"
    mkdir -p "$modules_dir"
    for module in "${NIC_MODULES[@]}"; do
        modprobe -d "$kernel" -S "$kversion" --show-depends "$module" 2>/dev/null | awk '$1=="insmod"{print $2}'
    done | sort -u | while read -r file; do
        relative="${file#"$kernel"/lib/modules/$kversion/}"
        mkdir -p "$modules_dir/$(dirname "$relative")"
        cp "$file" "$modules_dir/$relative"
    done
    cp "$kernel/lib/modules/$kversion"/modules.{order,builtin,builtin.modinfo} "$modules_dir/" 2>/dev/null || true
    depmod -b "$tree" "$kversion"

    printf 'root:x:0:0:root:/root:/bin/sh\n' > "$tree/etc/passwd"
    printf '127.0.0.1 localhost\n::1 localhost\n' > "$tree/etc/hosts"
    printf 'jpxe\n' > "$tree/etc/hostname"
    (cd "$tree" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) \
        | zstd -q -T0 -19 > "$base.part/base.cpio.zst"
    rm -rf "$base" && mv "$base.part" "$base"
fi

stage="$out/bootable"
rm -rf "$stage"
tree="$stage/root"
mkdir -p "$tree/opt/jpxe"
cp "$root/tools/image-init.sh" "$tree/init"
chmod 755 "$tree/init"
# the same jar, its entries (and the bundles' entries) stored rather than deflated: zstd then
# compresses the classes themselves, which takes 2.3 MiB off the initrd
python3 "$root/tools/store-jar.py" "$jar" "$tree/opt/jpxe/jpxe.jar"

# An application CDS archive (-XX:ArchiveClassesAtExit) for the launcher, Felix and the JDK classes
# they use, made at build time by one run of the image itself in a chroot (a private mount namespace;
# no network, no modules), so the paths, jar and runtime it records are the ones the machine sees.
if [ -z "${JPXE_NO_APPCDS:-}" ]; then
    chroot_dir="$stage/chroot"
    cp -al "$base/root" "$chroot_dir"
    cp -p "$tree/opt/jpxe/jpxe.jar" "$chroot_dir/opt/jpxe/jpxe.jar"
    printf '#!ipxe\necho CDS training run\n' > "$chroot_dir/opt/jpxe/train.ipxe"
    flags=$(sed -n 's/^JVM_FLAGS="\(.*\)"$/\1/p' "$root/tools/image-init.sh")
    unshare --mount --fork sh -c '
        mount -t proc proc "$1/proc" && mount --rbind /dev "$1/dev" && mount -t tmpfs tmpfs "$1/tmp" &&
        JPXE_CACHE=/tmp/jpxe-cache HOME=/root chroot "$1" /opt/jre/bin/java $2 \
            -XX:ArchiveClassesAtExit=/opt/jpxe/jpxe.jsa -jar /opt/jpxe/jpxe.jar run /opt/jpxe/train.ipxe' \
        sh "$chroot_dir" "$flags" >"$stage/cds.log" 2>&1 \
        || { cat "$stage/cds.log" >&2; echo "jpxe: the CDS training run failed; the image starts without it" >&2; }
    if [ -f "$chroot_dir/opt/jpxe/jpxe.jsa" ]; then
        cp -p "$chroot_dir/opt/jpxe/jpxe.jsa" "$tree/opt/jpxe/jpxe.jsa"
    fi
fi

echo "jpxe: packing the initrd" >&2
{ cat "$base/base.cpio.zst"
  (cd "$tree" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | zstd -q -T0 -19
} > "$out/jpxe-$profile.initrd.part"
mv "$out/jpxe-$profile.initrd.part" "$out/jpxe-$profile.initrd"
cp "$kernel/vmlinuz" "$out/jpxe-$profile.vmlinuz"

# BIOS ISO through GRUB, its console on the first serial port and the screen
iso="$stage/iso"
mkdir -p "$iso/boot/grub"
cp "$out/jpxe-$profile.vmlinuz" "$iso/boot/vmlinuz"
cp "$out/jpxe-$profile.initrd" "$iso/boot/initrd"
cat > "$iso/boot/grub/grub.cfg" <<GRUB
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
set timeout=0
menuentry "jPXE $profile" {
    linux /boot/vmlinuz console=tty0 console=ttyS0,115200 quiet panic=-1
    initrd /boot/initrd
}
GRUB
grub-mkrescue -o "$out/jpxe-$profile.iso.part" "$iso" >/dev/null 2>&1 \
    || { echo "jpxe: grub-mkrescue failed" >&2; grub-mkrescue -o "$out/jpxe-$profile.iso.part" "$iso"; exit 1; }
mv "$out/jpxe-$profile.iso.part" "$out/jpxe-$profile.iso"
rm -rf "$stage"
ls -l "$out/jpxe-$profile".{vmlinuz,initrd,iso} | awk '{printf "jpxe: %s %.1f MiB\n", $NF, $5/1048576}' >&2
