#!/usr/bin/env bash
# Benchmark: cold start of the minimal-tftp image running a local two-line script.
# Prints the median of N runs (default 10) of `java -jar jpxe-minimal-tftp.jar run two-lines.ipxe`
# for the plain JVM and with a JDK 25 AOT cache, next to `java -version` as the floor.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/tools/env.sh"
runs="${1:-10}"
jar="$root/distributions/minimal-tftp/target/jpxe-minimal-tftp.jar"
[ -f "$jar" ] || (cd "$root" && ./jpxe --version >/dev/null)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '#!ipxe\necho hello from jPXE\n' > "$work/two-lines.ipxe"
export JPXE_CACHE="$work/cache"

median_ms() { # command...
    local times=()
    for _ in $(seq 1 "$runs"); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'
}

java "${JPXE_JVM_FLAGS[@]}" -jar "$jar" run "$work/two-lines.ipxe" >/dev/null 2>&1   # fills the framework cache
java "${JPXE_JVM_FLAGS[@]}" -XX:AOTCacheOutput="$work/jpxe.aot" -jar "$jar" run "$work/two-lines.ipxe" >/dev/null 2>"$work/aot.log" || cat "$work/aot.log" >&2

floor=$(median_ms java -version)
plain=$(median_ms java "${JPXE_JVM_FLAGS[@]}" -jar "$jar" run "$work/two-lines.ipxe")
if [ -f "$work/jpxe.aot" ]; then
    aot=$(median_ms java "${JPXE_JVM_FLAGS[@]}" -XX:AOTCache="$work/jpxe.aot" -jar "$jar" run "$work/two-lines.ipxe")
    aot_c2=$(median_ms java "${JPXE_JVM_FLAGS[@]}" -XX:AOTCache="$work/jpxe.aot" -XX:TieredStopAtLevel=4 -jar "$jar" run "$work/two-lines.ipxe")
else
    aot="n/a"; aot_c2="n/a"
fi
rm -rf "$JPXE_CACHE"
first=$(median_ms bash -c "rm -rf '$JPXE_CACHE'; java ${JPXE_JVM_FLAGS[*]} -jar '$jar' run '$work/two-lines.ipxe'")
printf 'cold start, median of %s runs (ms)\n' "$runs"
printf '  %-44s %6s\n' "java -version (JVM floor)" "$floor"
printf '  %-44s %6s\n' "jpxe run two-lines.ipxe (first start, empty cache)" "$first"
printf '  %-44s %6s\n' "jpxe run two-lines.ipxe" "$plain"
printf '  %-44s %6s\n' "jpxe run two-lines.ipxe + AOT cache (./jpxe)" "$aot"
printf '  %-44s %6s\n' "  ... with C2 as well (JPXE_JVM_FLAGS: C1 only)" "$aot_c2"
