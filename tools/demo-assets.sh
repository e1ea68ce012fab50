# Sourced: helpers to install and feed the real servers used by the demo and the tests.

# Installs Debian packages that are missing (the machine is root and reaches Debian's mirror).
ensure_packages() {
    local missing=()
    for spec in "$@"; do
        local cmd="${spec%%:*}" pkg="${spec#*:}"
        command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "jpxe: installing ${missing[*]}" >&2
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}") >&2
    fi
}

# Debian's kernel (downloaded once into the cache) and a small cpio initrd, into DIR.
demo_assets() {
    local dir="$1"
    ensure_packages in.tftpd:tftpd-hpa cpio:cpio
    local cache="${JPXE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jpxe}/demo"
    mkdir -p "$cache"
    if [ ! -s "$cache/vmlinuz" ]; then
        local pkg
        pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-/{print $2; exit}')
        if [ -z "$pkg" ]; then
            apt-get update -qq >&2
            pkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/{print $2; exit}')
        fi
        echo "jpxe: downloading the demo kernel ($pkg)" >&2
        (cd "$cache" && rm -f linux-image-*.deb && apt-get download -qq "$pkg" >&2)
        dpkg-deb --fsys-tarfile "$cache"/linux-image-*.deb | tar -x -O --wildcards './boot/vmlinuz-*' > "$cache/vmlinuz.part"
        mv "$cache/vmlinuz.part" "$cache/vmlinuz"
        rm -f "$cache"/linux-image-*.deb
    fi
    cp "$cache/vmlinuz" "$dir/vmlinuz"
    local tree
    tree=$(mktemp -d)
    cat > "$tree/init" <<'INIT'
#!/bin/sh
echo "Hello from the jPXE demo initrd"
INIT
    chmod 755 "$tree/init"
    (cd "$tree" && printf 'init\n' | cpio -o -H newc --quiet) > "$dir/initrd.img"
    rm -rf "$tree"
}

# A UDP port nobody listens on, on 127.0.0.1.
free_udp_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 20000))
        if ! ss -Hlun "sport = :$port" 2>/dev/null | grep -q .; then
            echo "$port"; return 0
        fi
    done
    echo 6969
}

wait_udp_port() {
    for _ in $(seq 1 100); do
        ss -Hlun "sport = :$1" 2>/dev/null | grep -q . && return 0
        sleep 0.05
    done
    echo "jpxe: nothing listens on udp port $1" >&2
    return 1
}
