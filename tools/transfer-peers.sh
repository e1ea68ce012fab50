#!/usr/bin/env bash
# Installs the transfer-protocol peers the integration tests and the tools/bench-*.sh scripts use:
# servers (nginx, vsftpd, tftpd-hpa) and reference clients from apt, and atftpd unpacked into target/test-peers/atftpd-root (the atftpd
# package conflicts with tftpd-hpa, so it is never installed, only extracted; see TEST-PEERS.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/tools/demo-assets.sh"
ensure_packages in.tftpd:tftpd-hpa tftp:tftp-hpa atftp:atftp curl:curl ss:iproute2 nginx:nginx vsftpd:vsftpd openssl:openssl \
    tinyproxy:tinyproxy iptables:iptables gcc:gcc
# The delay helper of the fault tests (itests nfq-delay.c) links libnetfilter_queue.
[ -f /usr/include/libnetfilter_queue/libnetfilter_queue.h ] || ensure_packages no-such-command:libnetfilter-queue-dev
peers="$root/target/test-peers"
if [ ! -x "$peers/atftpd-root/usr/sbin/atftpd" ]; then
    mkdir -p "$peers"
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    chmod 755 "$scratch"   # apt downloads as _apt when it can
    (cd "$scratch" && apt-get download -qq atftpd 2>/dev/null || { apt-get update -qq && apt-get download -qq atftpd; })
    rm -rf "$peers/atftpd-root"
    dpkg-deb -x "$scratch"/atftpd_*.deb "$peers/atftpd-root"
fi
echo "transfer peers: atftpd at $peers/atftpd-root/usr/sbin/atftpd" >&2
