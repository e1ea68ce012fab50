# Sourced by the TFTP benchmarks: two private network namespaces, $srv (198.18.0.1) and $cli
# (198.18.0.2), joined by a veth pair ($srv_if, $cli_if); a work folder $s in tmpfs with root/ (served)
# and out/ (written by clients); on exit, the processes in $pids are killed and all of it removed.
srv="jpxe-bench-srv-$$"; cli="jpxe-bench-cli-$$"; srv_if="vs$$"; cli_if="vc$$"
s=$(mktemp -d /dev/shm/jpxe-bench.XXXXXX); chmod 755 "$s"; mkdir "$s/root" "$s/out"; chmod 755 "$s/root" "$s/out"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
    ip netns del "$srv" 2>/dev/null || true; ip netns del "$cli" 2>/dev/null || true; rm -rf "$s"
}
trap cleanup EXIT
ip netns add "$srv"; ip netns add "$cli"
ip link add "$srv_if" type veth peer name "$cli_if"
ip link set "$srv_if" netns "$srv"; ip link set "$cli_if" netns "$cli"
ip -n "$srv" addr add 198.18.0.1/24 dev "$srv_if"; ip -n "$srv" link set "$srv_if" up; ip -n "$srv" link set lo up
ip -n "$cli" addr add 198.18.0.2/24 dev "$cli_if"; ip -n "$cli" link set "$cli_if" up; ip -n "$cli" link set lo up
# PLAN NAME -> the SHA-256 jPXE's boot plan (--boot=plan --plan-out PLAN) gives for the initrd whose URI ends in /NAME
plan_initrd_sha256() {
    python3 -c 'import json,sys; print(next(i["sha256"] for i in json.load(open(sys.argv[1]))["initrds"]
                if i["uri"].endswith("/" + sys.argv[2])))' "$1" "$2"
}
