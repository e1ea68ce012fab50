#!/bin/sh
# /init of jPXE's bootable image: mounts what the JVM and the NIC bundle read, then starts jPXE as
# PID 1's only child as early as possible. jPXE itself loads the NIC drivers, does DHCP and boots the
# next kernel with kexec. Kernel command line:
#   jpxe.run=URI     run this script instead of the embedded one / autoboot
#   jpxe.boot=NAME   boot executor (default kexec)
#   jpxe.verbose     start-up diagnostics
#   jpxe.term=TYPE   the serial terminal's type (default xterm)
#   jpxe.jvm=FLAG    one more JVM option (repeatable), e.g. jpxe.jvm=-Xmx256m
#   jpxe.trace       print where start-up time goes
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -t tmpfs tmpfs /run
ip link set lo up
# a serial console reports no size; line editing and menus need one
case "$(stty size </dev/console 2>/dev/null)" in ""|"0 0") stty rows 24 cols 80 </dev/console 2>/dev/null ;; esac

run="" boot=kexec verbose="" term=xterm jvm=""
for word in $(cat /proc/cmdline); do
    case "$word" in
        jpxe.run=*) run="${word#jpxe.run=}" ;;
        jpxe.boot=*) boot="${word#jpxe.boot=}" ;;
        jpxe.verbose) verbose=--verbose ;;
        jpxe.term=*) term="${word#jpxe.term=}" ;;
        jpxe.jvm=*) jvm="$jvm ${word#jpxe.jvm=}" ;;
        jpxe.trace) export JPXE_TRACE_STARTUP=1 ;;
    esac
done

export HOME=/root PATH=/bin JPXE_CACHE=/tmp/jpxe-cache TERM="$term"
echo "jPXE: starting Java ($(cut -d' ' -f1 /proc/uptime) s after the kernel)"
# C1 only: under emulation (and on the real machines' short runs) compiling less starts sooner.
# The build trains the class-data archive with exactly these flags (tools/bootable-image.sh reads them).
JVM_FLAGS="--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dio.netty.machineId=02:00:00:00:00:01"
set -- /opt/jre/bin/java $JVM_FLAGS $jvm
[ -f /opt/jpxe/jpxe.jsa ] && set -- "$@" -XX:SharedArchiveFile=/opt/jpxe/jpxe.jsa
set -- "$@" -jar /opt/jpxe/jpxe.jar -D jpxe.mode=image --boot="$boot" $verbose
if [ -n "$run" ]; then set -- "$@" run "$run"; fi
"$@" </dev/console >/dev/console 2>&1
status=$?
echo "jPXE: exited with status $status; powering off"
sync
poweroff -f
