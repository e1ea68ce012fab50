package io.jpxe.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real vsftpd on 127.0.0.1 (a free port, passive ports nearby) serving a folder to anonymous
 * users, in the foreground, killed on close. {@code seccomp_sandbox=NO}: with it the session
 * process is killed on {@code SIZE} on this kernel (TEST-PEERS.md §3).
 */
final class Vsftpd implements AutoCloseable {
    private final Path scratch;
    private final Process process;
    final int port;

    private Vsftpd(Path scratch, Process process, int port) {
        this.scratch = scratch;
        this.process = process;
        this.port = port;
    }

    static Vsftpd start() throws IOException, InterruptedException {
        Path s = PeerProcess.scratch("jpxe-vsftpd");
        Files.createDirectories(s.resolve("empty"));
        int port = PeerProcess.freeTcpPort();
        int pasv = PeerProcess.freeTcpPort();
        Files.writeString(s.resolve("vsftpd.conf"), """
                listen=YES
                listen_ipv6=NO
                listen_address=127.0.0.1
                listen_port=PORT
                background=NO
                anonymous_enable=YES
                local_enable=NO
                write_enable=NO
                no_anon_password=YES
                anon_root=S/root
                ftp_username=ftp
                pasv_enable=YES
                pasv_address=127.0.0.1
                pasv_min_port=PASV
                pasv_max_port=PASV
                port_enable=YES
                connect_from_port_20=NO
                secure_chroot_dir=S/empty
                seccomp_sandbox=NO
                vsftpd_log_file=S/vsftpd.log
                """.replace("S/", s + "/").replace("PORT", Integer.toString(port))
                .replace("PASV", Integer.toString(pasv)));
        Path log = s.resolve("vsftpd.out");
        Process p = new ProcessBuilder("vsftpd", s.resolve("vsftpd.conf").toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Vsftpd server = new Vsftpd(s, p, port);
        PeerProcess.awaitListening(p, port, log, "vsftpd");
        return server;
    }

    Path put(String name, Path source) throws IOException {
        return PeerProcess.put(scratch.resolve("root"), name, source);
    }

    String base() {
        return "ftp://127.0.0.1:" + port + "/";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        PeerProcess.stop(process, scratch);
    }
}
