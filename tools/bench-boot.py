#!/usr/bin/env python3
"""tools/bench-boot.py [RUNS]: boot benchmark, jPXE against the real iPXE on the same QEMU (TCG, 2 vCPUs, 1 GiB), same chain.

Both machines get DHCP from QEMU's user network, fetch boot.ipxe over TFTP, download Debian's kernel
and the marker initrd from an HTTP server on the host, and boot them; the time is from QEMU's start
to the target's marker line on the serial console. jPXE boots its standard ISO (kexec); iPXE is
Debian's, as the virtio NIC's PXE ROM. Prints the median of RUNS (default 5) for each, their ratio,
jPXE's "kernel start -> first script line", and the image sizes of every built profile.
Run tools/test-assets.sh and build with -Djpxe.bootable first (tools/test.sh does both)."""
import functools
import http.server
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ASSETS = os.path.join(ROOT, "target", "test-assets")
ISO = os.path.join(ROOT, "distributions", "standard", "target", "jpxe-standard.iso")
MARKER = b"JPXE-TARGET-MARKER"
ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1bc|\r")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=directory))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def accelerator():
    with open("/proc/cpuinfo") as f:
        flags = f.read()
    return "kvm:tcg" if re.search(r"\b(vmx|svm)\b", flags) and os.access("/dev/kvm", os.W_OK) else "tcg"


def boot(machine_args, tftp, bootfile, marks, timeout=600):
    """Starts QEMU, returns {mark: seconds after start} for each byte string in marks (in order)."""
    command = ["qemu-system-x86_64", "-accel", accelerator(), "-smp", "2", "-m", "1024", "-nodefaults", "-display", "none",
               "-vga", "none", "-no-reboot", "-serial", "stdio",
               "-netdev", f"user,id=n0,tftp={tftp},bootfile={bootfile}", "-device", "virtio-net-pci,netdev=n0"]
    start = time.monotonic()
    qemu = subprocess.Popen(command + machine_args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    seen, text, pending = {}, b"", list(marks)
    os.set_blocking(qemu.stdout.fileno(), False)
    try:
        while pending and time.monotonic() - start < timeout and qemu.poll() is None:
            chunk = qemu.stdout.read(65536)
            if not chunk:
                time.sleep(0.02)
                continue
            text += ESCAPES.sub(b"", chunk)
            while pending and pending[0] in text:
                seen[pending.pop(0)] = (time.monotonic() - start, text)
    finally:
        qemu.kill()
        qemu.wait()
    if pending:
        sys.stderr.write(text[-3000:].decode("latin-1") + "\n")
        raise SystemExit(f"bench-boot: never saw {pending[0]!r}")
    return seen


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    for needed in (ISO, os.path.join(ASSETS, "vmlinuz")):
        if not os.path.exists(needed):
            raise SystemExit(f"bench-boot: {needed} is missing (run tools/test.sh, or build with -Djpxe.bootable)")
    work = tempfile.mkdtemp(prefix="jpxe-bench-boot-")
    try:
        for name in ("vmlinuz", "initrd.img"):
            shutil.copy(os.path.join(ASSETS, name), work)
        server = serve(work)
        base = f"http://10.0.2.2:{server.server_address[1]}/"
        with open(os.path.join(work, "boot.ipxe"), "w") as f:
            f.write(f"#!ipxe\necho BENCH-SCRIPT\nkernel {base}vmlinuz console=ttyS0 panic=-1 quiet\n"
                    f"initrd {base}initrd.img\nboot\n")
        jpxe, ipxe, to_script = [], [], []
        for run in range(runs):
            seen = boot(["-cdrom", ISO, "-boot", "d"], work, "boot.ipxe",
                        [b"starting Java (", b"BENCH-SCRIPT", MARKER])
            init_at, text = seen[b"starting Java ("]
            after_kernel = float(re.search(rb"starting Java \(([0-9.]+) s after the kernel", text).group(1))
            script_at = seen[b"BENCH-SCRIPT"][0]
            jpxe.append(seen[MARKER][0])
            to_script.append(after_kernel + script_at - init_at)
            seen = boot(["-boot", "n"], work, "boot.ipxe", [MARKER])  # iPXE prints on the screen only
            ipxe.append(seen[MARKER][0])
            print(f"run {run + 1}: jPXE {jpxe[-1]:.1f} s (script line {to_script[-1]:.1f} s after kernel start), "
                  f"iPXE {ipxe[-1]:.1f} s", flush=True)
        server.shutdown()
        j, i = statistics.median(jpxe), statistics.median(ipxe)
        print(f"\nQEMU start -> target marker, median of {runs} ({accelerator()}):")
        print(f"  jPXE ISO (kexec)        {j:6.1f} s")
        print(f"  iPXE (Debian, PXE ROM)  {i:6.1f} s")
        print(f"  ratio jPXE/iPXE         {j / i:6.2f}x   (goal: <= 2x)")
        print(f"  jPXE kernel start -> first script line: {statistics.median(to_script):.1f} s")
        print("\nimage sizes (MiB):")
        for profile in sorted(os.listdir(os.path.join(ROOT, "distributions"))):
            target = os.path.join(ROOT, "distributions", profile, "target")
            files = [os.path.join(target, f"jpxe-{profile}.{ext}") for ext in ("vmlinuz", "initrd", "iso")]
            if all(os.path.exists(p) for p in files):
                k, r, iso = (os.path.getsize(p) / 1048576 for p in files)
                print(f"  {profile:14s} kernel {k:5.1f} + initrd {r:5.1f} = {k + r:5.1f}; ISO {iso:5.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
