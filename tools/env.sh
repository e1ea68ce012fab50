# Sourced by ./jpxe, .ci/run and the test scripts: finds Java 25 and sets Maven's options.
# (The machine's default java is 17; jPXE needs 25.)
find_java25() {
    if [ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
        return 0
    fi
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25* /usr/lib/jvm/java-25*; do
        if [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -version 2>&1 | grep -q 'version "25'; then
            export JAVA_HOME="$candidate"
            return 0
        fi
    done
    echo "jpxe: Java 25 not found under /usr/lib/jvm (install Temurin 25 or set JAVA_HOME)" >&2
    return 1
}
find_java25 || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
# JVM flags for every jPXE start: FFM (memfd, kexec) and Felix/Netty without warnings. C1 only, as in
# the bootable image: a boot loader lives seconds, and C2 compiling while a download runs took up to
# 45 % of a 2-core machine (1 GiB over HTTP: 1.5-2.9 s with C2, 1.45-1.8 s with C1 alone; curl 1.3-1.8 s).
JPXE_JVM_FLAGS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
