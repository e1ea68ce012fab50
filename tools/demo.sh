#!/usr/bin/env bash
# The demo behind `./jpxe demo`.
#   tools/demo.sh ISO          boots jPXE's ISO in QEMU (TCG unless KVM works): QEMU's DHCP and TFTP
#                              serve examples/demo.ipxe, python's HTTP server on 127.0.0.1 serves
#                              Debian's kernel and a small initrd; jPXE shows the demo menu, downloads
#                              them over HTTP and kexecs into them; the target greets and powers off.
#   tools/demo.sh --hosted JAR runs the same script on this machine against a real tftpd-hpa on
#                              127.0.0.1 and prints the boot plan instead of booting.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/tools/env.sh"
source "$root/tools/demo-assets.sh"

hosted=""
if [ "${1:-}" = --hosted ]; then hosted=yes; shift; fi
image="$1"; shift

work="$root/target/demo"
rm -rf "$work"; mkdir -p "$work/tftp"
demo_assets "$work/tftp"
cp "$root/examples/demo.ipxe" "$work/tftp/demo.ipxe"
echo "greetings from the demo's boot server" > "$work/tftp/demo.conf"
chmod -R a+rX "$work"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT

if [ -n "$hosted" ]; then
    port=$(free_udp_port)
    in.tftpd -L -s "$work/tftp" -a "127.0.0.1:$port" -u nobody &
    pids+=($!)
    wait_udp_port "$port"
    printf '#!ipxe\nset demo-http tftp://127.0.0.1:%s/\n' "$port" > "$work/tftp/demo-env.ipxe"
    echo "demo: tftpd-hpa serves $work/tftp on 127.0.0.1:$port" >&2
    java "${JPXE_JVM_FLAGS[@]}" ${JPXE_AOT_FLAGS:-} -jar "$image" run "tftp://127.0.0.1:$port/demo.ipxe" \
        --boot=plan --plan-out "$work/plan.json" "$@"
    echo "demo: the plan as JSON is in $work/plan.json" >&2
    exit 0
fi

ensure_packages qemu-system-x86_64:qemu-system-x86
port=$(free_tcp_port)
python3 -m http.server --bind 127.0.0.1 --directory "$work/tftp" "$port" > "$work/http.log" 2>&1 &
pids+=($!)
# QEMU's user network shows the host's loopback as 10.0.2.2
printf '#!ipxe\nset demo-http http://10.0.2.2:%s/\n' "$port" > "$work/tftp/demo-env.ipxe"
accel=tcg
if grep -qwE 'vmx|svm' /proc/cpuinfo && [ -w /dev/kvm ]; then accel=kvm:tcg; fi
serial=stdio
if [ -t 0 ]; then
    serial=mon:stdio
    echo "demo: booting $(basename "$image") in QEMU ($accel); Ctrl-A x quits" >&2
else
    echo "demo: booting $(basename "$image") in QEMU ($accel)" >&2
fi
qemu-system-x86_64 -accel "$accel" -smp 2 -m 1024 -nodefaults -display none -vga none -no-reboot -serial "$serial" \
    -cdrom "$image" -boot d \
    -netdev "user,id=n0,tftp=$work/tftp,bootfile=demo.ipxe" -device virtio-net-pci,netdev=n0 "$@"
echo "demo: the machine powered off; HTTP requests it made:" >&2
grep -o '"GET [^"]*"' "$work/http.log" >&2 || true
