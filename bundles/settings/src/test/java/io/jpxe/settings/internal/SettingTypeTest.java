package io.jpxe.settings.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/** Text ↔ raw conversions per type, with the kinds of vectors iPXE's settings_test.c uses. */
class SettingTypeTest {

    private static SettingType type(String name) {
        return SettingType.find(name).orElseThrow();
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @ParameterizedTest(name = "{0} \"{1}\" -> {2} -> \"{3}\"")
    @CsvSource(delimiter = '|', value = {
        "string|hello|68656c6c6f|hello",
        "uristring|a%20b%2Fc%|6120622f6325|a%20b%2Fc%25",
        "ipv4|192.168.0.1|c0a80001|192.168.0.1",
        "ipv4|0x0a.010.1.1|0a080101|10.8.1.1",
        "int8|0x1234|34|52",
        "int8|-32|e0|-32",
        "int16|-1|ffff|-1",
        "int32|2147483647|7fffffff|2147483647",
        "uint8|0x54|54|0x54",
        "uint16|0x9a24|9a24|0x9a24",
        "uint32|0xf237b218|f237b218|0xf237b218",
        "uint32|0|00000000|0x0",
        "hex|0A:bc:01|0abc01|0a:bc:01",
        "hexhyp|0a-bc-01|0abc01|0a-bc-01",
        "hexraw|0ABC01|0abc01|0abc01",
        "base64|SGVs bG8=|48656c6c6f|SGVsbG8=",
        "base64|QUJD|414243|QUJD",
        "uuid|1a969b23-c7d5-40fe-b79a-c92e8e1ca2e0|1a969b23c7d540feb79ac92e8e1ca2e0|1a969b23-c7d5-40fe-b79a-c92e8e1ca2e0",
        "uuid|1A969B23C7D540FEB79AC92E8E1CA2E0|1a969b23c7d540feb79ac92e8e1ca2e0|1a969b23-c7d5-40fe-b79a-c92e8e1ca2e0",
        "guid|1a969b23-c7d5-40fe-b79a-c92e8e1ca2e0|239b961ad5c7fe40b79ac92e8e1ca2e0|1a969b23-c7d5-40fe-b79a-c92e8e1ca2e0",
        "ipv6|fe80::1|fe800000000000000000000000000001|fe80::1",
        "ipv6|2001:db8:0:0:1:0:0:1|20010db8000000000001000000000001|2001:db8::1:0:0:1",
        "ipv6|2001:0db8:0:1:1:1:1:1|20010db8000000010001000100010001|2001:db8:0:1:1:1:1:1",
        "ipv6|::|00000000000000000000000000000000|::" })
    void parsesAndFormats(String typeName, String text, String raw, String formatted) throws JpxeException {
        SettingType type = type(typeName);
        assertArrayEquals(hex(raw), type.parse(text));
        assertEquals(formatted, type.format(hex(raw)));
    }

    @Test
    void uristringEscapesIpxesSetButStringStopsAtNul() throws JpxeException {
        byte[] raw = { 0, ' ', '%', '/', '#', ':', '@', '?', '=', '&', 'a', '-', '~' };
        assertEquals("%00%20%25%2F%23%3A%40%3F%3D%26a-~", type("uristring").format(raw));
        assertEquals("", type("string").format(raw));
        assertEquals("ab", type("string").format(new byte[] { 'a', 'b', 0, 'c' }));
    }

    @ParameterizedTest(name = "{0} rejects \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "ipv4|256.0.0.1", "ipv4|1.2.3.4.5", "ipv4|1.2.3", "ipv4|1.2.3.a", "ipv4|1..3.4", "ipv4|'1.2.3.4 '", "ipv4|-1.2.3.4",
        "int8|12x", "uint32|0xg", "hex|0a:b", "hex|0a0b", "hexraw|0a:0b", "base64|QQ", "base64|QQ=", "base64|Q===",
        "base64|QQ==QQ==", "base64|Q*==", "uuid|1a969b23-c7d5-40fe-b79a-c92e8e1ca2", "uuid|1a969b23-c7d5-40fe-b79a-c92e8e1ca2e0-",
        "uuid|1a969b23:c7d5-40fe-b79a-c92e8e1ca2e0", "ipv6|1:2:3:4:5:6:7", "ipv6|1:2:3:4:5:6:7:8:9", "ipv6|1::2::3",
        "ipv6|:::", "ipv6|12345::", "ipv6|::1.2.3.4" })
    void rejectsMalformedText(String typeName, String text) {
        JpxeException e = assertThrows(JpxeException.class, () -> type(typeName).parse(text));
        assertEquals(Errno.EINVAL, e.errno());
    }

    @Test
    void numbersAreSignExtendedFromShortValuesAndPaddingIsChecked() throws JpxeException {
        assertEquals("-1", type("int32").format(hex("ff")));
        assertEquals("0xff", type("uint32").format(hex("ff")));
        assertEquals("-2", type("int8").format(hex("fffffffffffffffffe")));
        assertEquals("0x1", type("uint8").format(hex("000000000000000001")));
        assertThrows(JpxeException.class, () -> type("uint8").format(hex("010000000000000001")));
    }

    @Test
    void formatOnlyTypes() throws JpxeException {
        assertEquals("0000:03:08.5", type("busdevfn").format(hex("0345")));
        assertEquals("ipxe.org example.org", type("dnssl").format(hex("0469707865036f726700076578616d706c65c005")));
        assertThrows(JpxeException.class, () -> type("busdevfn").parse("0000:03:08.5"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ipv4", "uuid", "ipv6" })
    void shortValuesDoNotFormat(String typeName) {
        assertThrows(JpxeException.class, () -> type(typeName).format(hex("0102")));
    }
}
