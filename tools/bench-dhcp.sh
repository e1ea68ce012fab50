#!/usr/bin/env bash
# Benchmark: time from `ifopen` to a DHCP lease against dnsmasq, in network namespaces made here
# (veth pair, 198.18.0.0/24 and fd00:18::/64; nothing leaves them). One minimal-tftp process runs N+1
# rounds of `ifclose net0` + `ifconf -c dhcp net0` (opens the device, waits for the link, runs
# DISCOVER/OFFER/REQUEST/ACK and applies the lease), then N+1 rounds of `ifclose net0` +
# `ifconf -c ipv6 net0` (router solicitation, then stateful DHCPv6 once the link-local address has
# passed duplicate address detection, then the address applied); the first round of each is a warm-up.
# Prints the medians of N (default 20), next to busybox udhcpc's wall time for a lease when busybox is
# installed.
# Needs root, iproute2 and dnsmasq-base.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/tools/env.sh"
runs="${1:-20}"
jar="$root/distributions/minimal-tftp/target/jpxe-minimal-tftp.jar"
[ -f "$jar" ] || (cd "$root" && ./jpxe --version >/dev/null)
tag="b$$"
srv="jpxe-bs-$tag" cli="jpxe-bc-$tag" sif="bs$tag" cif="bc$tag"
work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
    [ -f "$work/dnsmasq.pid" ] && kill "$(cat "$work/dnsmasq.pid")" 2>/dev/null || true
    ip netns del "$cli" 2>/dev/null || true
    ip netns del "$srv" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
ip netns add "$srv"; ip netns add "$cli"
ip link add "$sif" type veth peer name "$cif"
ip link set "$sif" netns "$srv"; ip link set "$cif" netns "$cli"
ip -n "$srv" addr add 198.18.0.1/24 dev "$sif"; ip -n "$srv" link set "$sif" up; ip -n "$srv" link set lo up
ip -n "$srv" -6 addr add fd00:18::1/64 dev "$sif" nodad
ip -n "$cli" link set lo up
cat > "$work/dnsmasq.conf" <<CONF
port=0
interface=$sif
bind-interfaces
no-resolv
no-hosts
no-ping
pid-file=$work/dnsmasq.pid
dhcp-leasefile=$work/leases
dhcp-range=198.18.0.100,198.18.0.150,255.255.255.0,1h
dhcp-option=option:router,198.18.0.1
dhcp-boot=boot.ipxe,,198.18.0.1
dhcp-option=encap:175,176,1
enable-ra
dhcp-range=fd00:18::100,fd00:18::1ff,64,1h
CONF
ip netns exec "$srv" dnsmasq --conf-file="$work/dnsmasq.conf" 2>/dev/null
{
    echo '#!ipxe'
    for _ in $(seq 0 "$runs"); do printf 'ifclose net0\nifconf -c dhcp net0\n'; done
    for _ in $(seq 0 "$runs"); do printf 'ifclose net0\nifconf -c ipv6 net0\n'; done
} > "$work/bench.ipxe"
export JPXE_CACHE="$work/cache"
ip netns exec "$cli" java "${JPXE_JVM_FLAGS[@]}" -Djpxe.netconf.timing=true -jar "$jar" -D "jpxe.netdev=$cif" \
    run "$work/bench.ipxe" 2>"$work/jpxe.err" >/dev/null || { cat "$work/jpxe.err" >&2; exit 1; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
jpxe=$(grep -o '\[dhcp\] configured in [0-9.]* ms' "$work/jpxe.err" | awk 'NR>1 {print $4}' | median)
printf 'jPXE   ifopen -> lease (link wait + DHCP + rtnetlink), median of %s: %s ms\n' "$runs" "$jpxe"
jpxe6=$(grep -o '\[ipv6\] configured in [0-9.]* ms' "$work/jpxe.err" | awk 'NR>1 {print $4}' | median)
printf 'jPXE   ifopen -> DHCPv6 lease (link wait + RS/RA + link-local DAD + DHCPv6 + rtnetlink), median of %s: %s ms\n' \
    "$runs" "$jpxe6"
# image mode turns optimistic DAD on (RFC 4429): the same DHCPv6 rounds with it, where the kernel has it
if [ -f /proc/sys/net/ipv6/conf/lo/optimistic_dad ]; then
    ip netns exec "$cli" sysctl -qw "net.ipv6.conf.$cif.optimistic_dad=1" "net.ipv6.conf.$cif.use_optimistic=1"
    { echo '#!ipxe'; for _ in $(seq 0 "$runs"); do printf 'ifclose net0\nifconf -c ipv6 net0\n'; done; } > "$work/bench6.ipxe"
    ip netns exec "$cli" java "${JPXE_JVM_FLAGS[@]}" -Djpxe.netconf.timing=true -jar "$jar" -D "jpxe.netdev=$cif" \
        run "$work/bench6.ipxe" 2>"$work/jpxe6.err" >/dev/null || { cat "$work/jpxe6.err" >&2; exit 1; }
    jpxe6o=$(grep -o '\[ipv6\] configured in [0-9.]* ms' "$work/jpxe6.err" | awk 'NR>1 {print $4}' | median)
    printf 'jPXE   ifopen -> DHCPv6 lease with optimistic DAD (as in image mode), median of %s: %s ms\n' "$runs" "$jpxe6o"
fi
if command -v busybox >/dev/null 2>&1; then
    ip -n "$cli" addr flush dev "$cif"
    ip -n "$cli" link set "$cif" up   # jPXE takes down at exit the link it brought up
    times=()
    for _ in $(seq 1 "$runs"); do
        start=$(date +%s%N)
        timeout 10 ip netns exec "$cli" busybox udhcpc -i "$cif" -n -q -f -t 5 -T 1 -s /bin/true >/dev/null 2>&1
        end=$(date +%s%N)
        times+=("$(awk -v d=$((end - start)) 'BEGIN {printf "%.1f", d / 1e6}')")
    done
    udhcpc=$(printf '%s\n' "${times[@]}" | median)
    printf 'udhcpc process start -> lease (busybox, reference), median of %s: %s ms\n' "$runs" "$udhcpc"
else
    echo "busybox udhcpc (reference): not installed (apt-get install busybox)"
fi
