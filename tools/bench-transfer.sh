#!/usr/bin/env bash
# Download throughput of jPXE (standard profile) beside the reference clients, over a veth pair between two network namespaces (or loopback), against
# the same real servers in the same run: HTTP and HTTPS (nginx) and FTP (vsftpd) vs curl; TFTP
# lock-step (tftpd-hpa) and RFC 7440 windowsize (atftpd) vs curl, atftp and tftp-hpa; HTTP, HTTPS and
# FTP again with a 1 GiB file. Then jPXE's peak heap for a 1 GiB HTTP download under -Xmx128m.
#
#   tools/bench-transfer.sh [RUNS]        (default 5; prints medians and ratios)
#   JPXE_JAR=path/to/jpxe-standard.jar tools/bench-transfer.sh   (benchmarks that image instead)
#   JPXE_JAR_B=path/to/other.jar tools/bench-transfer.sh   (A/B: that image too, right after each jPXE sample)
#   JPXE_BENCH_JVM_B="-XX:..." tools/bench-transfer.sh     (A/B: the same image with other JVM options)
#
# Each side is timed by its own clock from the start of the transfer (connection, request) to the last
# byte stored: jPXE's `--verbose` ends each transfer with "ok (<size> in <s> s, ...)", curl prints
# %{time_total}; atftp and tftp-hpa's client, which print nothing of the kind, are timed from outside
# (their process start, a few ms, counts against them). jPXE fetches a tiny file first in the same run,
# so the big one does not pay for the first connection's set-up (TLS engine loading, name lookup), and
# its whole run, JVM start-up included, is shown beside it. Clients write into tmpfs (/dev/shm) as jPXE
# does into memory (memfd).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/tools/env.sh"
"$root/tools/transfer-peers.sh" >/dev/null
source "$root/tools/demo-assets.sh"


runs="${1:-5}"
size_mib=256
# JPXE_JAR: another image of the profile (e.g. one with freshly built bundles swapped in).
jar="${JPXE_JAR:-$root/distributions/standard/target/jpxe-standard.jar}"
[ -f "$jar" ] || (cd "$root" && mvn -B -ntp -q -o install -pl distributions/standard -am >&2)
atftpd="$root/target/test-peers/atftpd-root/usr/sbin/atftpd"

# BENCH_LINK=veth (default): the servers in one network namespace, the clients in another, joined by a
# veth pair with Ethernet's MTU of 1500, as a boot loader meets its server. BENCH_LINK=lo: both on
# loopback, whose 64 KiB segments change how TCP behaves: Linux sizes a new connection's first
# receive-window growth by ten segments (640 KiB there), so a connection that only receives (an FTP
# data connection) keeps a ~95 KiB window for its first 150 ms, which a client with a slower first
# pass through its read path (a JVM compiling it) pays for and curl does not.
link="${BENCH_LINK:-veth}"
case "$link" in
    veth)
        source "$root/tools/bench-lab.sh"; mkdir -p "$s/empty"
        addr=198.18.0.1; srv_ns=(ip netns exec "$srv"); in_ns=(ip netns exec "$cli") ;;
    lo)
        s=$(mktemp -d /dev/shm/jpxe-bench.XXXXXX)
        chmod 755 "$s"; mkdir -p "$s/root" "$s/empty" "$s/out"; chmod 755 "$s/root"
        pids=()
        cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$s"; }
        trap cleanup EXIT
        addr=127.0.0.1; srv_ns=(); in_ns=() ;;
    *) echo "BENCH_LINK is veth or lo, not $link" >&2; exit 2 ;;
esac

free_port() { "${srv_ns[@]}" python3 -c 'import socket,sys; s=socket.socket(); s.bind((sys.argv[1],0)); print(s.getsockname()[1])' "$addr"; }
free_udp() { "${srv_ns[@]}" python3 -c 'import socket,sys; s=socket.socket(type=socket.SOCK_DGRAM); s.bind((sys.argv[1],0)); print(s.getsockname()[1])' "$addr"; }
await() { # proto port
    for _ in $(seq 250); do "${srv_ns[@]}" ss -Hln"$1" "sport = :$2" | grep -q . && return 0; sleep 0.02; done
    echo "nothing listens on $1 $2" >&2; exit 1
}

echo "preparing ${size_mib} MiB and 1 GiB files in $s ..." >&2
head -c $((size_mib << 20)) /dev/urandom > "$s/root/big.bin"
for _ in 1 2 3 4; do cat "$s/root/big.bin"; done > "$s/root/huge.bin"
echo tiny > "$s/root/tiny.bin"
chmod 644 "$s/root/"*

http=$(free_port); https=$(free_port); ftp=$(free_port); pasv=$(free_port); hpa=$(free_udp); atf=$(free_udp)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:$addr" -keyout "$s/key.pem" -out "$s/cert.pem" 2>/dev/null
trust=$(openssl x509 -in "$s/cert.pem" -outform DER | sha256sum | cut -c1-64 | sed 's/../&:/g; s/:$//')
cat > "$s/nginx.conf" <<NGINX
daemon off; master_process on; worker_processes 1; pid $s/nginx.pid; error_log stderr warn;
events { worker_connections 64; }
http { access_log off; client_body_temp_path $s/b; proxy_temp_path $s/p; fastcgi_temp_path $s/f;
  uwsgi_temp_path $s/u; scgi_temp_path $s/s; sendfile on; default_type application/octet-stream;
  server { listen $addr:$http; listen $addr:$https ssl; ssl_protocols TLSv1.2 TLSv1.3;
    ssl_certificate $s/cert.pem; ssl_certificate_key $s/key.pem; root $s/root; } }
NGINX
"${srv_ns[@]}" nginx -c "$s/nginx.conf" -p "$s/" -e stderr 2>"$s/nginx.log" & pids+=($!)
cat > "$s/vsftpd.conf" <<VSFTPD
listen=YES
listen_ipv6=NO
listen_address=$addr
listen_port=$ftp
background=NO
anonymous_enable=YES
local_enable=NO
write_enable=NO
no_anon_password=YES
anon_root=$s/root
ftp_username=ftp
pasv_enable=YES
pasv_address=$addr
pasv_min_port=$pasv
pasv_max_port=$pasv
connect_from_port_20=NO
secure_chroot_dir=$s/empty
seccomp_sandbox=NO
VSFTPD
"${srv_ns[@]}" vsftpd "$s/vsftpd.conf" & pids+=($!)
"${srv_ns[@]}" /usr/sbin/in.tftpd -L -s "$s/root" -a "$addr:$hpa" -u nobody & pids+=($!)
"${srv_ns[@]}" "$atftpd" --daemon --no-fork --port "$atf" --bind-address "$addr" --logfile /dev/null --user nobody \
    --group nogroup "$s/root" & pids+=($!)
await t "$https"; await t "$ftp"; await u "$hpa"; await u "$atf"

source "$root/tools/bench-lib.sh"

# BENCH_ONLY="http lockstep ...": only these groups (http https ftp http_1g https_1g ftp_1g lockstep window heap)
only() { [ -z "${BENCH_ONLY:-}" ] || [[ " $BENCH_ONLY " == *" $1 "* ]]; }
# jpxe NAME BASE-URI [FILE]: FILE (big.bin) after tiny.bin
jpxe() { sample_jpxe "$1" "${3:-big.bin}" "imgfetch ${2}tiny.bin\nimgfetch ${2}${3:-big.bin}\n" --set "trust=$trust"; }

echo "HTTP / HTTPS / FTP, ${size_mib} MiB and 1 GiB, $runs rounds, the clients taking turns" >&2
http() { sample_curl curl-http -o "$s/out/big.bin" "http://$addr:$http/big.bin"; jpxe jpxe-http "http://$addr:$http/"; }
only http && rounds http curl-http jpxe-http
https() {
    sample_curl curl-https --cacert "$s/cert.pem" -o "$s/out/big.bin" "https://$addr:$https/big.bin"
    jpxe jpxe-https "https://$addr:$https/"
}
only https && rounds https curl-https jpxe-https
ftp() { sample_curl curl-ftp -o "$s/out/big.bin" "ftp://$addr:$ftp/big.bin"; jpxe jpxe-ftp "ftp://$addr:$ftp/"; }
only ftp && rounds ftp curl-ftp jpxe-ftp
http_1g() {
    sample_curl curl-http-1g -o "$s/out/huge.bin" "http://$addr:$http/huge.bin"
    jpxe jpxe-http-1g "http://$addr:$http/" huge.bin
}
only http_1g && rounds http_1g curl-http-1g jpxe-http-1g
https_1g() {
    sample_curl curl-https-1g --cacert "$s/cert.pem" -o "$s/out/huge.bin" "https://$addr:$https/huge.bin"
    jpxe jpxe-https-1g "https://$addr:$https/" huge.bin
}
only https_1g && rounds https_1g curl-https-1g jpxe-https-1g
ftp_1g() {
    sample_curl curl-ftp-1g -o "$s/out/huge.bin" "ftp://$addr:$ftp/huge.bin"
    jpxe jpxe-ftp-1g "ftp://$addr:$ftp/" huge.bin
}
only ftp_1g && rounds ftp_1g curl-ftp-1g jpxe-ftp-1g

echo "TFTP, ${size_mib} MiB, blksize 1432, $runs rounds" >&2
lockstep() {
    sample_curl curl-tftp-hpa --tftp-blksize 1432 -o "$s/out/big.bin" "tftp://$addr:$hpa/big.bin"
    sample_cmd atftp-tftp-hpa atftp --option "blksize 1432" -g -r big.bin -l "$s/out/big.bin" "$addr" "$hpa"
    jpxe jpxe-tftp-hpa "tftp://$addr:$hpa/"
    # tftp-hpa's own client has no blksize option: it runs RFC 1350's 512-byte blocks.
    sample_cmd tftp-hpa-client tftp -m binary "$addr" "$hpa" -c get big.bin "$s/out/big.bin"
}
only lockstep && rounds lockstep curl-tftp-hpa atftp-tftp-hpa jpxe-tftp-hpa tftp-hpa-client
window() {
    sample_cmd atftp-window16 atftp --option "blksize 1432" --option "windowsize 16" -g -r big.bin -l "$s/out/big.bin" \
        "$addr" "$atf"
    jpxe jpxe-window16 "tftp://$addr:$atf/"
    sample_curl curl-atftpd --tftp-blksize 1432 -o "$s/out/big.bin" "tftp://$addr:$atf/big.bin"
}
only window && rounds window atftp-window16 jpxe-window16 curl-atftpd

heap_ok="not measured"
if only heap; then
    echo "heap: 1 GiB over HTTP with -Xmx128m" >&2
    printf '#!ipxe\nimgfetch http://%s:%s/huge.bin\n' "$addr" "$http" > "$s/huge.ipxe"
    "${in_ns[@]}" java "${JPXE_JVM_FLAGS[@]}" -Xmx128m -Xlog:gc:file="$s/gc.log" -jar "$jar" run "$s/huge.ipxe" >/dev/null 2>&1 \
        && heap_ok=yes || heap_ok=no
    peak=$(grep -oE '[0-9]+M->[0-9]+M' "$s/gc.log" | cut -dM -f1 | sort -n | tail -1)
fi

mibs() { echo "scale=0; ${2:-$size_mib} / $1" | bc; }
printf '\n| transfer (%s, %s MiB unless said, median of %s) | jPXE s | jPXE MiB/s | reference | ref s | ref MiB/s | jPXE / ref throughput |\n' "$link" "$size_mib" "$runs"
printf '|---|---|---|---|---|---|---|\n'
row() { # LABEL JPXE-KEY REFERENCE-LABEL REFERENCE-KEY [MiB]: only for groups that ran
    [ -n "${result[$2]:-}" ] && [ -n "${result[$4]:-}" ] || return 0
    printf '| %s | %s | %s | %s | %s | %s | %sx |\n' "$1" "${result[$2]}" "$(mibs "${result[$2]}" "${5:-}")" "$3" \
    "${result[$4]}" "$(mibs "${result[$4]}" "${5:-}")" "$(ratio "${result[$2]}" "${result[$4]}")"
    [ -z "${result[$2-b]:-}" ] || row "$1, jar B" "$2-b" "$3" "$4" "${5:-}"; }
row "HTTP (nginx)" jpxe-http "curl" curl-http
row "HTTPS (nginx, TLS 1.3)" jpxe-https "curl" curl-https
row "FTP (vsftpd, passive)" jpxe-ftp "curl" curl-ftp
row "HTTP (nginx), 1 GiB" jpxe-http-1g "curl" curl-http-1g 1024
row "HTTPS (nginx, TLS 1.3), 1 GiB" jpxe-https-1g "curl" curl-https-1g 1024
row "FTP (vsftpd, passive), 1 GiB" jpxe-ftp-1g "curl" curl-ftp-1g 1024
row "TFTP lock-step (tftpd-hpa)" jpxe-tftp-hpa "curl" curl-tftp-hpa
row "TFTP lock-step (tftpd-hpa)" jpxe-tftp-hpa "atftp" atftp-tftp-hpa
row "TFTP lock-step (tftpd-hpa)" jpxe-tftp-hpa "tftp-hpa client (512-byte blocks)" tftp-hpa-client
row "TFTP windowsize 16 (atftpd)" jpxe-window16 "atftp windowsize 16" atftp-window16
row "TFTP windowsize 16 vs lock-step (atftpd)" jpxe-window16 "curl lock-step" curl-atftpd
printf '\n1 GiB HTTP under -Xmx128m: %s, peak heap before GC %s MiB.\n' "$heap_ok" "${peak:-?}"
if [ -n "${result[jpxe-window16]:-}" ] && [ -n "${result[jpxe-tftp-hpa]:-}" ]; then
    printf 'jPXE windowsize 16 vs its own lock-step, on %s: %sx (tools/bench-tftp-window.sh measures it across a round trip).\n' \
        "$link" "$(ratio "${result[jpxe-window16]}" "${result[jpxe-tftp-hpa]}")"
fi
