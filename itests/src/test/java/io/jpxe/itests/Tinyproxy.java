package io.jpxe.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A real HTTP proxy (Debian's tinyproxy) on 127.0.0.1: plain requests in absolute form, and
 * {@code CONNECT} tunnels to the one port given (the HTTPS server's). It logs every request, so a
 * test can tell its traffic went through. Started as a child, killed on close.
 */
final class Tinyproxy implements AutoCloseable {

    private final Path scratch;
    private final Process process;
    final int port;

    private Tinyproxy(Path scratch, Process process, int port) {
        this.scratch = scratch;
        this.process = process;
        this.port = port;
    }

    static Tinyproxy start(int connectPort) throws IOException, InterruptedException {
        Path s = PeerProcess.scratch("jpxe-tinyproxy");
        int port = PeerProcess.freeTcpPort();
        Path log = s.resolve("tinyproxy.log");
        Files.createFile(log);
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-rw-")); // written as nobody
        Files.writeString(s.resolve("tinyproxy.conf"), """
                User nobody
                Group nogroup
                Port PORT
                Listen 127.0.0.1
                Timeout 60
                LogFile "LOG"
                LogLevel Info
                MaxClients 20
                Allow 127.0.0.1
                ConnectPort CONNECT
                """.replace("PORT", Integer.toString(port)).replace("LOG", log.toString())
                .replace("CONNECT", Integer.toString(connectPort)));
        Path out = s.resolve("stdout.log");
        Process p = new ProcessBuilder("tinyproxy", "-d", "-c", s.resolve("tinyproxy.conf").toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        PeerProcess.awaitListening(p, port, out, "tinyproxy");
        return new Tinyproxy(s, p, port);
    }

    /** {@code http://127.0.0.1:PORT/}, for {@code ${http-proxy}}. */
    String uri() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** What it logged so far. */
    String log() throws IOException {
        return Files.readString(scratch.resolve("tinyproxy.log"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        PeerProcess.stop(process, scratch);
    }
}
