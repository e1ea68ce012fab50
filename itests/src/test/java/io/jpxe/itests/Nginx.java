package io.jpxe.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real nginx on 127.0.0.1 (free ports) serving a folder over HTTP and HTTPS, with a certificate
 * made by openssl for {@code localhost} only, Basic auth under {@code /private/} (user
 * {@code boot}, password {@code s3cret}), chunked bodies under {@code /chunked/} (SSI), a redirect
 * {@code /r302 -> /vmlinuz} and a loop {@code /loop-a <-> /loop-b}; {@code /form} answers with
 * {@code /vmlinuz} and logs each request's method, body and {@code X-Boot} header (nginx cannot echo
 * a body; it reads it for the proxy, which fetches the file from itself). A second HTTPS port
 * requires a client certificate signed by a CA the test made ({@link #clientCertificate()}).
 * Started as a child, killed on close.
 */
final class Nginx implements AutoCloseable {
    static final String USER = "boot";
    static final String PASSWORD = "s3cret";

    private final Path scratch;
    private final Process process;
    final int httpPort;
    final int httpsPort;
    final int mtlsPort;

    private final String address;

    private Nginx(Path scratch, Process process, String address, int httpPort, int httpsPort, int mtlsPort) {
        this.address = address;
        this.scratch = scratch;
        this.process = process;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.mtlsPort = mtlsPort;
    }

    static Nginx start() throws IOException, InterruptedException {
        return start(List.of(), "127.0.0.1");
    }

    /** The same server inside a network namespace ({@code prefix}: {@code ip netns exec NS}) on {@code address}. */
    static Nginx start(List<String> prefix, String address) throws IOException, InterruptedException {
        Path s = PeerProcess.scratch("jpxe-nginx");
        int http = PeerProcess.freeTcpPort();
        int https = PeerProcess.freeTcpPort();
        int mtls = PeerProcess.freeTcpPort();
        clientCa(s);
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
                  log_format posted '$request_method $request_uri body=[$request_body] x-boot=[$http_x_boot]';
                  server {
                    listen ADDRESS:MTLS ssl;
                    ssl_protocols TLSv1.2 TLSv1.3; ssl_certificate S/cert.pem; ssl_certificate_key S/key.pem;
                    ssl_verify_client on; ssl_client_certificate S/client-ca.pem;
                    root S/root;
                  }
                  server {
                    listen ADDRESS:HTTP; listen ADDRESS:HTTPS ssl;
                    ssl_protocols TLSv1.2 TLSv1.3; ssl_certificate S/cert.pem; ssl_certificate_key S/key.pem;
                    root S/root;
                    location = /r302 { return 302 /vmlinuz; }
                    location = /loop-a { return 302 /loop-b; }
                    location = /loop-b { return 302 /loop-a; }
                    location /chunked/ { alias S/root/; ssi on; ssi_types *; }
                    location = /form {
                      access_log S/form.log posted;
                      proxy_method GET; proxy_pass_request_body off; proxy_set_header Content-Length "";
                      proxy_pass http://ADDRESS:HTTP/vmlinuz;
                    }
                    location /private/ { auth_basic "boot"; auth_basic_user_file S/htpasswd; alias S/root/; }
                  }
                }
                """.replace("S/", s + "/").replace("HTTPS", Integer.toString(https))
                .replace("MTLS", Integer.toString(mtls)).replace("HTTP;", http + ";").replace("HTTP/", http + "/").replace("ADDRESS", address));
        Path log = s.resolve("nginx.log");
        List<String> command = new java.util.ArrayList<>(prefix);
        command.addAll(List.of("nginx", "-c", s.resolve("nginx.conf").toString(), "-p", s + "/", "-e", "stderr"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Nginx nginx = new Nginx(s, p, address, http, https, mtls);
        TransferLab.awaitTcp(prefix, p, https, log, "nginx");
        return nginx;
    }

    /** A client CA, and a client certificate and PKCS#8 key it signed (client.pem, client.key). */
    private static void clientCa(Path s) throws IOException, InterruptedException {
        String ca = s.resolve("client-ca").toString();
        String client = s.resolve("client").toString();
        PeerProcess.run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-days", "2", "-subj", "/CN=jPXE test client CA", "-keyout", ca + ".key", "-out", ca + ".pem"));
        PeerProcess.run(List.of("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/CN=jpxe-client", "-keyout", client + ".key", "-out", client + ".csr"));
        PeerProcess.run(List.of("openssl", "x509", "-req", "-in", client + ".csr", "-CA", ca + ".pem", "-CAkey",
                ca + ".key", "-CAcreateserial", "-days", "2", "-out", client + ".pem"));
    }

    /** The client certificate nginx's {@link #mtls} port accepts (PEM). */
    Path clientCertificate() {
        return scratch.resolve("client.pem");
    }

    /** Its PKCS#8 key (PEM). */
    Path clientKey() {
        return scratch.resolve("client.key");
    }

    /** What {@code /form} logged: one line per request. */
    String formLog() throws IOException {
        Path log = scratch.resolve("form.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** {@code https://localhost:PORT/} on the port that requires a client certificate. */
    String mtls() {
        return "https://localhost:" + mtlsPort + "/";
    }

    Path put(String name, Path source) throws IOException {
        return PeerProcess.put(scratch.resolve("root"), name, source);
    }

    Path certificate() {
        return scratch.resolve("cert.pem");
    }

    String http() {
        return "http://" + address + ":" + httpPort + "/";
    }

    String https(String host) {
        return "https://" + host + ":" + httpsPort + "/";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        PeerProcess.stop(process, scratch);
    }
}
