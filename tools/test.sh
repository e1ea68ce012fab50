#!/usr/bin/env bash
# The whole test suite: installs the real servers the tests use, prepares the boot files they
# serve, then builds everything and runs the unit tests and the integration tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source tools/env.sh
source tools/demo-assets.sh
ensure_packages in.tftpd:tftpd-hpa cpio:cpio ss:iproute2 dnsmasq:dnsmasq-base chronyd:chrony tmux:tmux qemu-system-x86_64:qemu-system-x86
ensure_package_file /usr/lib/ipxe/qemu/efi-virtio.rom ipxe-qemu
tools/test-assets.sh
tools/transfer-peers.sh
# -Djpxe.bootable: every profile also builds its bootable image, which the QEMU tests boot
mvn -B -ntp verify -Djpxe.bootable "$@"
