package io.jpxe.proto.tftp.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * The TFTP packets of RFC 1350 (RRQ, WRQ, DATA, ACK, ERROR) and RFC 2347 (OACK), as the
 * {@link TftpDecoder} produces and the {@link TftpEncoder} consumes them, plus {@link Malformed}
 * for a datagram that is not a valid packet (the decoder never throws).
 *
 * <p>Only {@link Data} holds a buffer: whoever receives it releases it (releasing the enclosing
 * {@link io.netty.channel.AddressedEnvelope} does).
 */
sealed interface TftpPacket {

    int OPCODE_RRQ = 1;
    int OPCODE_WRQ = 2;
    int OPCODE_DATA = 3;
    int OPCODE_ACK = 4;
    int OPCODE_ERROR = 5;
    int OPCODE_OACK = 6;

    /** RFC 1350 error codes, plus RFC 2347's option negotiation failure. */
    int ERROR_NOT_DEFINED = 0;
    int ERROR_FILE_NOT_FOUND = 1;
    int ERROR_ACCESS_VIOLATION = 2;
    int ERROR_DISK_FULL = 3;
    int ERROR_ILLEGAL_OPERATION = 4;
    int ERROR_UNKNOWN_TID = 5;
    int ERROR_OPTION_NEGOTIATION = 8;

    /**
     * RRQ or WRQ. {@code options} (RFC 2347) keep their order; names are lower case.
     */
    record Request(boolean write, String filename, String mode, Map<String, String> options) implements TftpPacket {
        public Request {
            Objects.requireNonNull(filename);
            Objects.requireNonNull(mode);
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }

        static Request read(String filename, Map<String, String> options) {
            return new Request(false, filename, "octet", options);
        }
    }

    /** DATA: block number {@code block} (0-65535, wraps) and its payload, owned by this packet. */
    final class Data extends DefaultByteBufHolder implements TftpPacket {
        private final int block;

        Data(int block, ByteBuf payload) {
            super(payload);
            this.block = block & 0xFFFF;
        }

        int block() {
            return block;
        }

        @Override
        public Data replace(ByteBuf content) {
            return new Data(block, content);
        }

        @Override
        public String toString() {
            return "Data[block=" + block + ", bytes=" + content().readableBytes() + "]";
        }
    }

    /** ACK of block {@code block} (0 acknowledges an OACK). */
    record Ack(int block) implements TftpPacket {
        public Ack {
            block &= 0xFFFF;
        }
    }

    /** ERROR: {@code code} and the sender's text. */
    record Error(int code, String message) implements TftpPacket {
        public Error {
            Objects.requireNonNull(message);
        }
    }

    /** OACK (RFC 2347): the options the server accepted, lower-case names, in order. */
    record OptionAck(Map<String, String> options) implements TftpPacket {
        public OptionAck {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }
    }

    /** A datagram that is no valid TFTP packet, and why. */
    record Malformed(String reason) implements TftpPacket {
    }
}
