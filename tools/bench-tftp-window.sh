#!/usr/bin/env bash
# TFTP windowsize (RFC 7440) against lock-step where it matters: across a link with a round-trip
# time. A veth pair joins two private network namespaces; everything the server side sends waits
# DELAY_MS in an NFQUEUE helper (this kernel has no netem), so each lock-step block costs one round
# trip and each window of 16 blocks costs one too. jPXE against tftpd-hpa (no windowsize: lock-step)
# and atftpd (windowsize 16), beside curl and atftp on the same servers, in the same run.
#
#   tools/bench-tftp-window.sh [RUNS] [DELAY_MS] [SIZE_MIB]     (default 5, 1 and 16; needs root)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/tools/env.sh"
"$root/tools/transfer-peers.sh" >/dev/null
source "$root/tools/demo-assets.sh"

runs="${1:-5}"; delay="${2:-1}"; size_mib="${3:-16}"
jar="${JPXE_JAR:-$root/distributions/standard/target/jpxe-standard.jar}"  # JPXE_JAR: another image
[ -f "$jar" ] || (cd "$root" && mvn -B -ntp -q -o install -pl distributions/standard -am >&2)
atftpd="$root/target/test-peers/atftpd-root/usr/sbin/atftpd"
source "$root/tools/bench-lab.sh"

gcc -O2 -o "$s/nfq-delay" "$root/itests/src/test/resources/io/jpxe/itests/nfq-delay.c" -lnetfilter_queue
if [ "$delay" != 0 ]; then
    ip netns exec "$srv" "$s/nfq-delay" 7 "$delay" 2>/dev/null & pids+=($!)
    sleep 0.2
    ip netns exec "$srv" iptables -A OUTPUT -o "$srv_if" -j NFQUEUE --queue-num 7
fi

head -c $((size_mib << 20)) /dev/urandom > "$s/root/big.bin"; echo tiny > "$s/root/tiny.bin"; chmod 644 "$s/root/"*
want=$(sha256sum "$s/root/big.bin" | cut -c1-64)
ip netns exec "$srv" /usr/sbin/in.tftpd -L -s "$s/root" -a 198.18.0.1:69 -u nobody & pids+=($!)
ip netns exec "$srv" "$atftpd" --daemon --no-fork --port 6970 --bind-address 198.18.0.1 --logfile /dev/null \
    --user nobody --group nogroup "$s/root" & pids+=($!)
sleep 0.3
# the round trip a client sees: median of 20 UDP echoes through the delayed path (no ping here)
rtt=$(ip netns exec "$srv" python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("198.18.0.1", 7))
for _ in range(20):
    data, peer = s.recvfrom(64); s.sendto(data, peer)' & sleep 0.3
ip netns exec "$cli" python3 -c '
import socket, statistics, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2); took = []
for _ in range(20):
    t0 = time.perf_counter(); s.sendto(b"x", ("198.18.0.1", 7)); s.recv(64); took.append(time.perf_counter() - t0)
print("%.2f" % (statistics.median(took) * 1000))')

in_ns=(ip netns exec "$cli")
source "$root/tools/bench-lib.sh"
check_output() { [ "$(sha256sum "$s/out/big.bin" | cut -c1-64)" = "$want" ] || { echo "$1: WRONG SHA-256" >&2; exit 1; }; }
check_jpxe() {
    local got; got=$(plan_initrd_sha256 "$s/plan.json" big.bin)
    [ "$got" = "$want" ] || { echo "$1: WRONG SHA-256 ($got)" >&2; cat "$s/plan.json" "$s/jpxe.log" >&2; exit 1; }
    rm -f "$s/plan.json"
}
kernel="$root/target/test-assets/vmlinuz"
[ -f "$kernel" ] || "$root/tools/test-assets.sh" >/dev/null
# jpxe NAME BASE-URI: big.bin as an initrd (the boot plan gives its SHA-256), after tiny.bin
jpxe() {
    sample_jpxe "$1" big.bin "imgfetch ${2}tiny.bin\nkernel file://$kernel\ninitrd ${2}big.bin\nboot\n" \
        --boot=plan --plan-out "$s/plan.json"
}

echo "TFTP, ${size_mib} MiB, blksize 1432, server side delayed ${delay} ms (RTT ${rtt} ms), $runs rounds" >&2
lockstep() {
    jpxe jpxe-lockstep tftp://198.18.0.1/
    sample_curl curl-lockstep --tftp-blksize 1432 -o "$s/out/big.bin" tftp://198.18.0.1/big.bin
    sample_cmd atftp-lockstep atftp --option "blksize 1432" -g -r big.bin -l "$s/out/big.bin" 198.18.0.1 6970
}
rounds lockstep jpxe-lockstep curl-lockstep atftp-lockstep
window() {
    jpxe jpxe-window16 tftp://198.18.0.1:6970/
    sample_cmd atftp-window16 atftp --option "blksize 1432" --option "windowsize 16" -g -r big.bin -l "$s/out/big.bin" \
        198.18.0.1 6970
}
rounds window jpxe-window16 atftp-window16

mibs() { echo "scale=1; $size_mib / $1" | bc; }
printf '\n| %s MiB over TFTP, blksize 1432, %s ms added one way (RTT %s ms), median of %s | s | MiB/s |\n|---|---|---|\n' \
    "$size_mib" "$delay" "$rtt" "$runs"
for k in jpxe-lockstep curl-lockstep atftp-lockstep jpxe-window16 atftp-window16; do
    printf '| %s | %s | %s |\n' "$k" "${result[$k]}" "$(mibs "${result[$k]}")"
done
printf '\njPXE windowsize 16 vs its own lock-step: %sx; vs atftp windowsize 16: %sx; vs curl lock-step: %sx.\n' \
    "$(ratio "${result[jpxe-window16]}" "${result[jpxe-lockstep]}")" \
    "$(ratio "${result[jpxe-window16]}" "${result[atftp-window16]}")" \
    "$(ratio "${result[jpxe-window16]}" "${result[curl-lockstep]}")"
