# Sourced by the transfer benchmarks. Needs: $s (work folder), $jar, and optionally the array
# in_ns (a prefix such as `ip netns exec NS` that every timed command runs under).
# JPXE_BENCH_JVM: more JVM options for jPXE's runs (e.g. -XX:TieredStopAtLevel=4 to measure with C2).
now() { date +%s.%N; }
median() { python3 -c 'import statistics,sys; print("%.3f" % statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
spread() { python3 -c 'import sys; v=[float(x) for x in sys.argv[1:]]; print("%.3f-%.3f" % (min(v), max(v)))' "$@"; }
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
    # shellcheck disable=SC2086
    "${in_ns[@]}" java "${JPXE_JVM_FLAGS[@]}" ${JPXE_BENCH_JVM:-} -jar "$jar" --verbose run "$s/script.ipxe" "$@" >"$s/jpxe.log" 2>&1 \
        || { echo "FAILED: jPXE running: $script" >&2; cat "$s/jpxe.log" >&2; return 1; }
    t1=$(now)
    took=$(grep -o "/$file\.\.\. ok (.* in [0-9.]* s" "$s/jpxe.log" | sed 's/.* in \([0-9.]*\) s$/\1/')
    [ -n "$took" ] || { echo "no transfer line for $file in:" >&2; cat "$s/jpxe.log" >&2; return 1; }
    echo "$took $(echo "$t1 - $t0" | bc)"
}

# Samples and medians by name. Each sample_* function takes one sample; `rounds FN NAME...` calls FN
# $runs times (so the sides of a comparison take turns and share whatever the machine does meanwhile),
# then stores and prints the median of each NAME.
declare -A samples result
rounds() {
    local fn="$1" name; shift
    for _ in $(seq "$runs"); do "$fn"; done
    for name in "$@"; do
        [ -z "${samples[$name-b]:-}" ] || set -- "$@" "$name-b"
    done
    for name in "$@"; do
        # shellcheck disable=SC2086
        result[$name]=$(median ${samples[$name]})
        if [ -n "${samples[$name-whole]:-}" ]; then
            # shellcheck disable=SC2086
            echo "  $name: ${result[$name]} s (range $(spread ${samples[$name]}); whole run with JVM start-up $(median ${samples[$name-whole]}) s)" >&2
        else
            # shellcheck disable=SC2086
            echo "  $name: ${result[$name]} s (range $(spread ${samples[$name]}))" >&2
        fi
    done
}
# NAME FILE SCRIPT-TEXT [jPXE run options...]: FILE's transfer by jPXE's clock. A function
# `check_jpxe NAME`, when defined, runs after it (to verify what was fetched).
# With JPXE_JAR_B (another build) or JPXE_BENCH_JVM_B (other JVM options) set, a second jPXE sample
# named NAME-b is taken right after with them: an A/B run.
sample_jpxe() {
    local name="$1" file="$2" script="$3" r; shift 3
    r=$(jpxe_transfer "$file" "$script" "$@")
    if declare -F check_jpxe >/dev/null; then check_jpxe "$name"; fi
    samples[$name]+=" ${r% *}"; samples[$name-whole]+=" ${r#* }"
    if [ -n "${JPXE_JAR_B:-}${JPXE_BENCH_JVM_B:-}" ] && [[ "$name" != *-b ]]; then
        jar="${JPXE_JAR_B:-$jar}" JPXE_BENCH_JVM="${JPXE_BENCH_JVM_B:-${JPXE_BENCH_JVM:-}}" \
            sample_jpxe "$name-b" "$file" "$script" "$@"
    fi
}
# NAME command...: wall-clock seconds; `check_output NAME`, when defined, runs after it. The output
# is removed at once, as jPXE's memfd goes with its process: on this VM, memory the guest has not
# touched before costs a host fault per page, so a client whose predecessor still holds a GiB writes
# into fresh pages and runs up to twice as slow (seen: jPXE 1 GiB over HTTP 1.1 s or 2.5 s).
sample_cmd() {
    local name="$1" took; shift
    took=$(timed "$@")
    if declare -F check_output >/dev/null; then check_output "$name"; fi
    rm -f "$s/out/"*
    samples[$name]+=" $took"
}
# NAME curl-arguments...: curl's own %{time_total}; `check_output NAME` as above.
sample_curl() {
    local name="$1" took; shift
    took=$("${in_ns[@]}" curl -sf -w '%{time_total}' "$@") || { echo "FAILED: curl $*" >&2; return 1; }
    if declare -F check_output >/dev/null; then check_output "$name"; fi
    rm -f "$s/out/"*
    samples[$name]+=" $took"
}
