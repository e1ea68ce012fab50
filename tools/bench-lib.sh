# Sourced by the transfer benchmarks. Needs: $s (work folder), $jar, and optionally the array
# in_ns (a prefix such as `ip netns exec NS` that every timed command runs under).
now() { date +%s.%N; }
median() { python3 -c 'import statistics,sys; print("%.3f" % statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
ratio() { echo "scale=2; $2 / $1" | bc; }
# command... -> wall-clock seconds (stdout and stderr dropped)
timed() {
    local t0; t0=$(now)
    "${in_ns[@]}" "$@" >/dev/null 2>&1 || { echo "FAILED: $*" >&2; return 1; }
    echo "$(now) - $t0" | bc
}
# FILE SCRIPT-TEXT [jPXE run options...] -> "<seconds of FILE's transfer by jPXE's own clock> <seconds
# of the whole run, JVM start-up included>". `--verbose` ends each transfer's line with
# "ok (<size> in <seconds> s, <rate>)", timed from the request to the last byte stored.
jpxe_transfer() {
    local file="$1" script="$2" t0 t1 took; shift 2
    printf '#!ipxe\n%b' "$script" > "$s/script.ipxe"
    t0=$(now)
    "${in_ns[@]}" java "${JPXE_JVM_FLAGS[@]}" -jar "$jar" --verbose run "$s/script.ipxe" "$@" >"$s/jpxe.log" 2>&1 \
        || { echo "FAILED: jPXE running: $script" >&2; cat "$s/jpxe.log" >&2; return 1; }
    t1=$(now)
    took=$(grep -o "/$file\.\.\. ok (.* in [0-9.]* s" "$s/jpxe.log" | sed 's/.* in \([0-9.]*\) s$/\1/')
    [ -n "$took" ] || { echo "no transfer line for $file in:" >&2; cat "$s/jpxe.log" >&2; return 1; }
    echo "$took $(echo "$t1 - $t0" | bc)"
}

# Medians by name, filled by the bench_* functions.
declare -A result
# NAME FILE SCRIPT-TEXT [jPXE run options...]: median of FILE's transfer by jPXE's clock over $runs
# runs. A function `check_jpxe NAME`, when defined, runs after each (to verify what was fetched).
bench_jpxe() {
    local name="$1" file="$2" script="$3" transfer=() whole=() r; shift 3
    for _ in $(seq "$runs"); do
        r=$(jpxe_transfer "$file" "$script" "$@")
        if declare -F check_jpxe >/dev/null; then check_jpxe "$name"; fi
        transfer+=("${r% *}"); whole+=("${r#* }")
    done
    result[$name]=$(median "${transfer[@]}")
    echo "  $name: ${result[$name]} s (whole run with JVM start-up $(median "${whole[@]}") s)" >&2
}
# NAME command...: median wall-clock seconds; `check_output NAME`, when defined, runs after each.
bench_cmd() {
    local name="$1" times=(); shift
    for _ in $(seq "$runs"); do
        rm -f "$s/out/"*; times+=("$(timed "$@")")
        if declare -F check_output >/dev/null; then check_output "$name"; fi
    done
    result[$name]=$(median "${times[@]}")
    echo "  $name: ${result[$name]} s" >&2
}
# NAME curl-arguments...: median of curl's own %{time_total}; `check_output NAME` as above.
bench_curl() {
    local name="$1" times=(); shift
    for _ in $(seq "$runs"); do
        rm -f "$s/out/"*
        times+=("$("${in_ns[@]}" curl -sf -w '%{time_total}' "$@")") || { echo "FAILED: curl $*" >&2; return 1; }
        if declare -F check_output >/dev/null; then check_output "$name"; fi
    done
    result[$name]=$(median "${times[@]}")
    echo "  $name: ${result[$name]} s" >&2
}
