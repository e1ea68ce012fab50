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

# Installs Debian package PKG unless FILE exists (for packages that install no command).
ensure_package_file() {
    [ -e "$1" ] || ensure_packages "jpxe-no-such-command:$2"
}

# Debian's kernel (downloaded once into the cache) and a small cpio initrd, into DIR.
demo_assets() {
    local dir="$1"
    ensure_packages in.tftpd:tftpd-hpa cpio:cpio depmod:kmod
    local kernel
    kernel=$(debian_kernel)
    cp "$kernel/vmlinuz" "$dir/vmlinuz"
    local busybox
    busybox=$(static_busybox)
    local tree
    tree=$(mktemp -d)
    mkdir -p "$tree/bin" "$tree/proc" "$tree/etc"
    cp "$busybox" "$tree/bin/busybox"
    # The target of every boot test: prints its marker (with the command line it was given, so
    # tests see what the loader passed) and powers the machine off.
    cat > "$tree/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
echo "Hello from the jPXE demo initrd"
echo "JPXE-TARGET-MARKER cmdline=[$(/bin/busybox cat /proc/cmdline)]"
for f in /etc/jpxe-demo.conf; do [ -f "$f" ] && echo "JPXE-TARGET-FILE $f: $(/bin/busybox cat $f)"; done
/bin/busybox poweroff -f
INIT
    chmod 755 "$tree/init"
    (cd "$tree" && find . -mindepth 1 | cpio -o -H newc -R 0:0 --quiet) | gzip -9n > "$dir/initrd.img"
    rm -rf "$tree"
}

# Debian's current kernel package, unpacked once into the cache (vmlinuz + lib/modules with
# depmod's tables); prints the folder.
debian_kernel() {
    local base="${JPXE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jpxe}/kernel"
    local pkg
    pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-/{print $2; exit}')
    if [ -z "$pkg" ]; then
        # no package lists yet: use what is cached, else fetch the lists
        pkg=$(ls "$base" 2>/dev/null | sort -V | tail -1)
        if [ -z "$pkg" ]; then
            apt-get update -qq >&2
            pkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/{print $2; exit}')
        fi
    fi
    local dir="$base/$pkg"
    if [ ! -s "$dir/vmlinuz" ]; then
        echo "jpxe: downloading Debian's kernel ($pkg)" >&2
        local tmp
        tmp=$(mktemp -d)
        (cd "$tmp" && apt-get download -qq "$pkg" >&2)
        mkdir -p "$tmp/tree"
        dpkg-deb -x "$tmp"/linux-image-*.deb "$tmp/tree"
        local version
        version=$(ls "$tmp/tree/lib/modules")
        depmod -b "$tmp/tree" "$version"
        rm -rf "$dir" && mkdir -p "$dir"
        mv "$tmp/tree/lib" "$dir/lib"
        cp "$tmp"/tree/boot/vmlinuz-* "$dir/vmlinuz.part" && mv "$dir/vmlinuz.part" "$dir/vmlinuz"
        echo "$version" > "$dir/version"
        rm -rf "$tmp"
    fi
    echo "$dir"
}

# A statically linked busybox (Debian's busybox-static, downloaded once into the cache): the only
# program the boot targets and the bootable image's /init need.
static_busybox() {
    local cache="${JPXE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jpxe}/busybox"
    if [ ! -x "$cache/busybox" ]; then
        mkdir -p "$cache"
        local tmp
        tmp=$(mktemp -d)
        (cd "$tmp" && { apt-get download -qq busybox-static >&2 2>/dev/null || { apt-get update -qq >&2 && apt-get download -qq busybox-static >&2; }; })
        dpkg-deb --fsys-tarfile "$tmp"/busybox-static_*.deb | tar -x -O ./bin/busybox > "$cache/busybox.part"
        chmod 755 "$cache/busybox.part" && mv "$cache/busybox.part" "$cache/busybox"
        rm -rf "$tmp"
    fi
    echo "$cache/busybox"
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

# A TCP port nobody listens on, on 127.0.0.1.
free_tcp_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_udp_port() {
    for _ in $(seq 1 100); do
        ss -Hlun "sport = :$1" 2>/dev/null | grep -q . && return 0
        sleep 0.05
    done
    echo "jpxe: nothing listens on udp port $1" >&2
    return 1
}
