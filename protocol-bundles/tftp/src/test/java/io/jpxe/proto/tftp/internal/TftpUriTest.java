package io.jpxe.proto.tftp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

class TftpUriTest {

    @ParameterizedTest
    @CsvSource({
            "tftp://10.0.0.1/pxelinux.0,              10.0.0.1,        69,   pxelinux.0",
            "TFTP://10.0.0.1:6969/boot/vmlinuz,       10.0.0.1,        6969, boot/vmlinuz",
            "tftp://[fe80::1]:1069/a%20b,             fe80::1,         1069, a b",
            "tftp://[::1]/x,                          ::1,             69,   x",
            "tftp://boot.example.org//abs/path,       boot.example.org,69,   /abs/path",
            "tftp://pxe_server:70/f,                  pxe_server,      70,   f",
            "tftp://user@10.0.0.1/f?ignored#frag,     10.0.0.1,        69,   f"})
    void parsesHostPortAndFilename(String uri, String host, int port, String filename) throws JpxeException {
        TftpUri parsed = TftpUri.parse(URI.create(uri));

        assertEquals(host, parsed.host());
        assertEquals(port, parsed.port());
        assertEquals(filename, parsed.filename());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://10.0.0.1/x       | not a tftp: URI",
            "tftp:x                  | no server",
            "tftp:///x               | no server",
            "tftp://10.0.0.1         | no file name",
            "tftp://10.0.0.1/        | no file name",
            "tftp://10.0.0.1:0/x     | port 0 is outside 1..65535",
            "tftp://10.0.0.1:70000/x | port 70000 is outside 1..65535",
            "tftp://pxe_server:a/x   | port \"a\" is not a number",
            "tftp://10.0.0.1/a%00b   | NUL"})
    void rejectsUnusableUris(String uri, String reason) {
        JpxeException e = assertThrows(JpxeException.class, () -> TftpUri.parse(URI.create(uri)));

        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.getMessage().startsWith(uri + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void keepsTheOriginalUri() throws JpxeException {
        URI uri = URI.create("tftp://10.0.0.1/x");

        assertEquals(uri, TftpUri.parse(uri).uri());
    }
}
