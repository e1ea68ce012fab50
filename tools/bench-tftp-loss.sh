#!/usr/bin/env bash
# TFTP under packet loss: a 1 MiB file from tftpd-hpa (lock-step) and atftpd (windowsize) across a
# veth pair between two private network namespaces whose client side drops a share of incoming
# packets at random (iptables statistic; this kernel has no netem). jPXE (RTT-adaptive
# retransmission) beside curl and atftp (fixed timeouts); each client is cut off after CAP seconds.
#
#   tools/bench-tftp-loss.sh [LOSS_PERCENT] [CAP_SECONDS]     (default 10 and 60; needs root)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/tools/env.sh"
"$root/tools/transfer-peers.sh" >/dev/null
source "$root/tools/demo-assets.sh"
ensure_packages iptables:iptables

loss="${1:-10}"; cap="${2:-60}"
jar="${JPXE_JAR:-$root/distributions/standard/target/jpxe-standard.jar}"  # JPXE_JAR: another image
atftpd="$root/target/test-peers/atftpd-root/usr/sbin/atftpd"
source "$root/tools/bench-lab.sh"
ip netns exec "$cli" iptables -A INPUT -i "$cli_if" -m statistic --mode random --probability "0.$(printf '%02d' "$loss")" -j DROP
ip netns exec "$srv" iptables -A INPUT -i "$srv_if" -m statistic --mode random --probability "0.$(printf '%02d' "$loss")" -j DROP

head -c $((1 << 20)) /dev/urandom > "$s/root/one.bin"; chmod 644 "$s/root/one.bin"
want=$(sha256sum "$s/root/one.bin" | cut -c1-64)
ip netns exec "$srv" /usr/sbin/in.tftpd -L -s "$s/root" -a 198.18.0.1:69 -u nobody & pids+=($!)
ip netns exec "$srv" "$atftpd" --daemon --no-fork --port 6970 --bind-address 198.18.0.1 --logfile /dev/null \
    --user nobody --group nogroup "$s/root" & pids+=($!)
sleep 0.3

kernel="$root/target/test-assets/vmlinuz"
[ -f "$kernel" ] || "$root/tools/test-assets.sh" >/dev/null

# NAME command... : prints "<seconds> s, SHA-256 ok", "... WRONG", "failed (exit N)" or ">CAP s"
attempt() {
    local name="$1" t0 t rc=0; shift
    rm -f "$s/out.bin" "$s/plan.json"; t0=$(date +%s.%N)
    timeout "$cap" ip netns exec "$cli" "$@" >"$s/$name.log" 2>&1 || rc=$?
    t=$(echo "$(date +%s.%N) - $t0" | bc)
    if [ "$rc" = 124 ]; then echo "> $cap s (cut off)"; return; fi
    if [ "$rc" != 0 ]; then echo "$t s, failed (exit $rc)"; return; fi
    local got
    if [ -f "$s/plan.json" ]; then
        got=$(plan_initrd_sha256 "$s/plan.json" one.bin)
    else
        got=$(sha256sum "$s/out.bin" | cut -c1-64)
    fi
    [ "$got" = "$want" ] && echo "$t s, SHA-256 ok" || echo "$t s, WRONG SHA-256"
}
# jPXE: the kernel comes from a local file (no loss), the 1 MiB file over TFTP as its initrd, and
# the boot plan gives the initrd's SHA-256.
jpxe() {
    printf '#!ipxe\nkernel file://%s\ninitrd %s\nboot\n' "$kernel" "$1" > "$s/$2.ipxe"
    attempt "$2" java "${JPXE_JVM_FLAGS[@]}" -jar "$jar" run "$s/$2.ipxe" --boot=plan --plan-out "$s/plan.json"
}

printf '\n| 1 MiB over TFTP, %s %% random loss each way (veth, two netns) | time, result |\n|---|---|\n' "$loss"
printf '| jPXE, tftpd-hpa (lock-step, blksize 1432) | %s |\n' "$(jpxe tftp://198.18.0.1/one.bin jpxe-hpa)"
printf '| jPXE, atftpd (windowsize 16, blksize 1432) | %s |\n' "$(jpxe tftp://198.18.0.1:6970/one.bin jpxe-atftpd)"
printf '| curl, tftpd-hpa (blksize 1432) | %s |\n' \
    "$(attempt curl curl -sf --tftp-blksize 1432 -o "$s/out.bin" tftp://198.18.0.1/one.bin)"
printf '| atftp, tftpd-hpa (blksize 1432) | %s |\n' \
    "$(attempt atftp atftp --option "blksize 1432" -g -r one.bin -l "$s/out.bin" 198.18.0.1 69)"
printf '| tftp-hpa client, tftpd-hpa (512-byte blocks) | %s |\n' \
    "$(attempt tftp-hpa tftp -m binary 198.18.0.1 -c get one.bin "$s/out.bin")"
