#!/usr/bin/env bash
# The whole test suite: installs the real servers the tests use, prepares the boot files they
# serve, then builds everything and runs the unit tests and the integration tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source tools/env.sh
source tools/demo-assets.sh
ensure_packages in.tftpd:tftpd-hpa cpio:cpio ss:iproute2 dnsmasq:dnsmasq-base chronyd:chrony tmux:tmux
tools/test-assets.sh
tools/transfer-peers.sh
mvn -B -ntp verify "$@"
