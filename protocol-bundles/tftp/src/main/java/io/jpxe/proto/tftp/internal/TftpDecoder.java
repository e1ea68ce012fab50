package io.jpxe.proto.tftp.internal;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;

/**
 * Decodes UDP datagrams into {@link TftpPacket}s (RFC 1350 §5, RFC 2347 OACK), wrapped in an
 * {@code AddressedEnvelope<TftpPacket, InetSocketAddress>} that keeps the sender (the TID). A
 * datagram that is no valid packet becomes {@link TftpPacket.Malformed}: the decoder never throws,
 * so the transfer handler decides what a bad packet means.
 *
 * <p>Stateless and {@link Sharable}. A {@link TftpPacket.Data} holds a retained slice of the
 * datagram; the envelope's receiver releases it.
 */
@Sharable
final class TftpDecoder extends MessageToMessageDecoder<DatagramPacket> {

    TftpDecoder() {
        super(DatagramPacket.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket datagram, List<Object> out) {
        TftpPacket packet = decode(datagram.content());
        out.add(new DefaultAddressedEnvelope<TftpPacket, InetSocketAddress>(
                packet, datagram.recipient(), datagram.sender()));
    }

    /** Decodes one packet from the readable bytes of {@code in} (left untouched); never throws for bad input. */
    static TftpPacket decode(ByteBuf in) {
        if (in.readableBytes() < 2) {
            return new TftpPacket.Malformed("packet of " + in.readableBytes() + " bytes is too short for an opcode");
        }
        int opcode = in.getUnsignedShort(in.readerIndex());
        ByteBuf body = in.slice(in.readerIndex() + 2, in.readableBytes() - 2);
        try {
            return switch (opcode) {
                case TftpPacket.OPCODE_RRQ, TftpPacket.OPCODE_WRQ -> request(opcode == TftpPacket.OPCODE_WRQ, body);
                case TftpPacket.OPCODE_DATA -> data(body);
                case TftpPacket.OPCODE_ACK -> ack(body);
                case TftpPacket.OPCODE_ERROR -> error(body);
                case TftpPacket.OPCODE_OACK -> new TftpPacket.OptionAck(options(body));
                default -> throw new BadPacket("unknown opcode " + opcode);
            };
        } catch (BadPacket e) {
            return new TftpPacket.Malformed(e.getMessage());
        }
    }

    private static TftpPacket request(boolean write, ByteBuf body) {
        String filename = string(body, "filename");
        String mode = string(body, "mode");
        return new TftpPacket.Request(write, filename, mode, options(body));
    }

    private static TftpPacket data(ByteBuf body) {
        if (body.readableBytes() < 2) {
            throw new BadPacket("DATA packet without a block number");
        }
        int block = body.readUnsignedShort();
        // A plain slice sharing the datagram's count, not readRetainedSlice's recycled one: taking and
        // returning a recycled object per block was measurable in C1-compiled code.
        return new TftpPacket.Data(block, body.readSlice(body.readableBytes()).retain());
    }

    private static TftpPacket ack(ByteBuf body) {
        if (body.readableBytes() != 2) {
            throw new BadPacket("ACK packet of " + (body.readableBytes() + 2) + " bytes, expected 4");
        }
        return new TftpPacket.Ack(body.readUnsignedShort());
    }

    private static TftpPacket error(ByteBuf body) {
        if (body.readableBytes() < 2) {
            throw new BadPacket("ERROR packet without an error code");
        }
        int code = body.readUnsignedShort();
        // Lenient: a server that forgets the terminating NUL still tells us why it gave up.
        int end = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
        int length = (end < 0 ? body.writerIndex() : end) - body.readerIndex();
        return new TftpPacket.Error(code, body.toString(body.readerIndex(), length, StandardCharsets.UTF_8));
    }

    /** RFC 2347 name/value pairs up to the end of {@code body}; names lower-cased. */
    private static Map<String, String> options(ByteBuf body) {
        Map<String, String> options = new LinkedHashMap<>();
        while (body.isReadable()) {
            String name = string(body, "option name");
            String value = string(body, "value of option " + name);
            if (name.isEmpty()) {
                throw new BadPacket("option with an empty name");
            }
            if (options.putIfAbsent(name.toLowerCase(Locale.ROOT), value) != null) {
                throw new BadPacket("option " + name + " appears twice");
            }
        }
        return options;
    }

    /** The NUL-terminated string at the reader index, consuming the NUL. */
    private static String string(ByteBuf body, String what) {
        int end = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
        if (end < 0) {
            throw new BadPacket(what + " is not NUL-terminated");
        }
        String s = body.toString(body.readerIndex(), end - body.readerIndex(), StandardCharsets.UTF_8);
        body.readerIndex(end + 1);
        return s;
    }

    /** Internal signal from the parsing helpers to {@link #decode(ByteBuf)}; never escapes. */
    private static final class BadPacket extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadPacket(String reason) {
            super(reason, null, false, false);
        }
    }
}
