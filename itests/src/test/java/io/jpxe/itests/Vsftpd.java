package io.jpxe.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real vsftpd on 127.0.0.1 (a free port, passive ports nearby) serving a folder to anonymous
 * users, in the foreground, killed on close. {@code seccomp_sandbox=NO}: with it the session
 * process is killed on {@code SIZE} on this kernel (TEST-PEERS.md §3).
 */
final class Vsftpd implements AutoCloseable {
    private final Path scratch;
    private final Process process;
    private final String address;
    final int port;

    private Vsftpd(Path scratch, Process process, String address, int port) {
        this.scratch = scratch;
        this.process = process;
        this.address = address;
        this.port = port;
    }

    static Vsftpd start() throws IOException, InterruptedException {
        return start(List.of(), "127.0.0.1");
    }

    /** The same server inside a network namespace ({@code prefix}: {@code ip netns exec NS}) on {@code address}. */
    static Vsftpd start(List<String> prefix, String address) throws IOException, InterruptedException {
        Path s = PeerProcess.scratch("jpxe-vsftpd");
        Files.createDirectories(s.resolve("empty"));
        int port = PeerProcess.freeTcpPort();
        int pasv = PeerProcess.freeTcpPort();
        Files.writeString(s.resolve("vsftpd.conf"), """
                listen=YES
                listen_ipv6=NO
                listen_address=ADDRESS
                listen_port=PORT
                background=NO
                anonymous_enable=YES
                local_enable=NO
                write_enable=NO
                no_anon_password=YES
                anon_root=S/root
                ftp_username=ftp
                pasv_enable=YES
                pasv_address=ADDRESS
                pasv_min_port=PASV
                pasv_max_port=PASV
                port_enable=YES
                connect_from_port_20=NO
                secure_chroot_dir=S/empty
                seccomp_sandbox=NO
                vsftpd_log_file=S/vsftpd.log
                """.replace("S/", s + "/").replace("PORT", Integer.toString(port))
                .replace("PASV", Integer.toString(pasv)).replace("ADDRESS", address));
        Path log = s.resolve("vsftpd.out");
        List<String> command = new java.util.ArrayList<>(prefix);
        command.addAll(List.of("vsftpd", s.resolve("vsftpd.conf").toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Vsftpd server = new Vsftpd(s, p, address, port);
        TransferLab.awaitTcp(prefix, p, port, log, "vsftpd");
        return server;
    }

    Path put(String name, Path source) throws IOException {
        return PeerProcess.put(scratch.resolve("root"), name, source);
    }

    String base() {
        return "ftp://" + address + ":" + port + "/";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        PeerProcess.stop(process, scratch);
    }
}
