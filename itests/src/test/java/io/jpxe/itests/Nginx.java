package io.jpxe.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real nginx on 127.0.0.1 (free ports) serving a folder over HTTP and HTTPS, with a certificate
 * made by openssl for {@code localhost} only, Basic auth under {@code /private/} (user
 * {@code boot}, password {@code s3cret}), chunked bodies under {@code /chunked/} (SSI), a redirect
 * {@code /r302 -> /vmlinuz} and a loop {@code /loop-a <-> /loop-b}. Started as a child, killed on close.
 */
final class Nginx implements AutoCloseable {
    static final String USER = "boot";
    static final String PASSWORD = "s3cret";

    private final Path scratch;
    private final Process process;
    final int httpPort;
    final int httpsPort;

    private Nginx(Path scratch, Process process, int httpPort, int httpsPort) {
        this.scratch = scratch;
        this.process = process;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    static Nginx start() throws IOException, InterruptedException {
        Path s = PeerProcess.scratch("jpxe-nginx");
        int http = PeerProcess.freeTcpPort();
        int https = PeerProcess.freeTcpPort();
        PeerProcess.run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                "-keyout", s.resolve("key.pem").toString(), "-out", s.resolve("cert.pem").toString()));
        String hash = PeerProcess.run(List.of("openssl", "passwd", "-apr1", PASSWORD)).strip();
        Files.writeString(s.resolve("htpasswd"), USER + ":" + hash + "\n");
        Files.writeString(s.resolve("nginx.conf"), """
                daemon off; master_process on; worker_processes 1; pid S/nginx.pid; error_log stderr notice;
                events { worker_connections 64; }
                http {
                  access_log S/access.log; client_body_temp_path S/body; proxy_temp_path S/proxy;
                  fastcgi_temp_path S/fastcgi; uwsgi_temp_path S/uwsgi; scgi_temp_path S/scgi;
                  sendfile on; default_type application/octet-stream;
                  server {
                    listen 127.0.0.1:HTTP; listen 127.0.0.1:HTTPS ssl;
                    ssl_protocols TLSv1.2 TLSv1.3; ssl_certificate S/cert.pem; ssl_certificate_key S/key.pem;
                    root S/root;
                    location = /r302 { return 302 /vmlinuz; }
                    location = /loop-a { return 302 /loop-b; }
                    location = /loop-b { return 302 /loop-a; }
                    location /chunked/ { alias S/root/; ssi on; ssi_types *; }
                    location /private/ { auth_basic "boot"; auth_basic_user_file S/htpasswd; alias S/root/; }
                  }
                }
                """.replace("S/", s + "/").replace("HTTPS", Integer.toString(https))
                .replace("HTTP;", http + ";"));
        Path log = s.resolve("nginx.log");
        Process p = new ProcessBuilder("nginx", "-c", s.resolve("nginx.conf").toString(), "-p", s + "/", "-e",
                "stderr").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Nginx nginx = new Nginx(s, p, http, https);
        PeerProcess.awaitListening(p, https, log, "nginx");
        return nginx;
    }

    Path put(String name, Path source) throws IOException {
        return PeerProcess.put(scratch.resolve("root"), name, source);
    }

    Path certificate() {
        return scratch.resolve("cert.pem");
    }

    String http() {
        return "http://127.0.0.1:" + httpPort + "/";
    }

    String https(String host) {
        return "https://" + host + ":" + httpsPort + "/";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        PeerProcess.stop(process, scratch);
    }
}
