#!/usr/bin/env bash
# The demo behind `./jpxe demo`: a real tftpd-hpa on 127.0.0.1 serves examples/demo.ipxe, Debian's
# Linux kernel and a small initrd; the minimal-tftp image runs the script and prints the boot plan.
# Usage: tools/demo.sh JAR [extra jpxe run options]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/tools/env.sh"
jar="$1"; shift
source "$root/tools/demo-assets.sh"

work="$root/target/demo"
rm -rf "$work"; mkdir -p "$work/tftp"
demo_assets "$work/tftp"
cp "$root/examples/demo.ipxe" "$work/tftp/demo.ipxe"
chmod -R a+rX "$work"

port=$(free_udp_port)
in.tftpd -L -s "$work/tftp" -a "127.0.0.1:$port" -u nobody &
tftpd=$!
trap 'kill $tftpd 2>/dev/null || true; wait $tftpd 2>/dev/null || true' EXIT
wait_udp_port "$port"

echo "demo: tftpd-hpa serves $work/tftp on 127.0.0.1:$port" >&2
java "${JPXE_JVM_FLAGS[@]}" ${JPXE_AOT_FLAGS:-} -jar "$jar" run "tftp://127.0.0.1:$port/demo.ipxe" \
    --boot=plan --plan-out "$work/plan.json" "$@"
echo "demo: the plan as JSON is in $work/plan.json" >&2
