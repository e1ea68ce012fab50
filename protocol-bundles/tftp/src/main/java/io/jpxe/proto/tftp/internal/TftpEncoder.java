package io.jpxe.proto.tftp.internal;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;

/**
 * Encodes {@code AddressedEnvelope<TftpPacket, InetSocketAddress>} into UDP datagrams to the
 * envelope's recipient (RFC 1350 §5, RFC 2347). Strings are written as UTF-8 and NUL-terminated.
 *
 * <p>Stateless and {@link Sharable}. Releases the envelope (and a {@link TftpPacket.Data}'s payload)
 * once encoded.
 */
@Sharable
final class TftpEncoder extends MessageToMessageEncoder<AddressedEnvelope<TftpPacket, InetSocketAddress>> {

    @Override
    public boolean acceptOutboundMessage(Object msg) throws Exception {
        return super.acceptOutboundMessage(msg)
                && ((AddressedEnvelope<?, ?>) msg).content() instanceof TftpPacket
                && ((AddressedEnvelope<?, ?>) msg).recipient() instanceof InetSocketAddress;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, AddressedEnvelope<TftpPacket, InetSocketAddress> envelope,
            List<Object> out) {
        out.add(new DatagramPacket(encode(ctx.alloc(), envelope.content()), envelope.recipient()));
    }

    /** The wire form of {@code packet} in a new buffer owned by the caller. */
    static ByteBuf encode(ByteBufAllocator alloc, TftpPacket packet) {
        ByteBuf out = alloc.buffer();
        try {
            writeTo(out, packet);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        return out;
    }

    /**
     * Appends the wire form of {@code packet} to {@code out} (a reused buffer: a unicast read sends
     * one ACK per block or window).
     *
     * @throws IllegalArgumentException for a {@link TftpPacket.Malformed}, which has no wire form
     */
    static void writeTo(ByteBuf out, TftpPacket packet) {
        switch (packet) {
            case TftpPacket.Request request -> {
                out.writeShort(request.write() ? TftpPacket.OPCODE_WRQ : TftpPacket.OPCODE_RRQ);
                writeString(out, request.filename());
                writeString(out, request.mode());
                writeOptions(out, request.options());
            }
            case TftpPacket.Data data -> {
                out.writeShort(TftpPacket.OPCODE_DATA).writeShort(data.block());
                ByteBuf payload = data.content();
                out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
            }
            case TftpPacket.Ack ack -> out.writeShort(TftpPacket.OPCODE_ACK).writeShort(ack.block());
            case TftpPacket.Error error -> {
                out.writeShort(TftpPacket.OPCODE_ERROR).writeShort(error.code());
                writeString(out, error.message());
            }
            case TftpPacket.OptionAck oack -> {
                out.writeShort(TftpPacket.OPCODE_OACK);
                writeOptions(out, oack.options());
            }
            case TftpPacket.Malformed malformed ->
                throw new IllegalArgumentException("cannot send a malformed packet: " + malformed.reason());
        }
    }

    private static void writeOptions(ByteBuf out, Map<String, String> options) {
        options.forEach((name, value) -> {
            writeString(out, name);
            writeString(out, value);
        });
    }

    private static void writeString(ByteBuf out, String s) {
        out.writeCharSequence(s, StandardCharsets.UTF_8);
        out.writeByte(0);
    }
}
