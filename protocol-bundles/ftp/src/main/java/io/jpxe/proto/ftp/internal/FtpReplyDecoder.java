package io.jpxe.proto.ftp.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

/**
 * Joins the lines of the control connection (after a LineBasedFrameDecoder) into replies
 * (RFC 959 §4.2): {@code 123 text}, or {@code 123-first} ... {@code 123 last}. A line that is no
 * reply becomes an {@link FtpReply} with code -1 so the session can say what the server sent.
 */
final class FtpReplyDecoder extends MessageToMessageDecoder<ByteBuf> {

    /** A multi-line reply longer than this is hostile. */
    private static final int MAX_LINES = 200;

    private int pendingCode = -1;
    private StringBuilder pending;
    private int lines;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
        String text = line.toString(StandardCharsets.UTF_8);
        if (pending != null) {
            pending.append('\n').append(text);
            if (++lines > MAX_LINES) {
                out.add(new FtpReply(-1, "a reply of more than " + MAX_LINES + " lines"));
                pending = null;
            } else if (text.length() >= 4 && text.startsWith(Integer.toString(pendingCode)) && text.charAt(3) == ' ') {
                out.add(new FtpReply(pendingCode, pending.toString()));
                pending = null;
            }
            return;
        }
        if (text.length() < 3 || !text.substring(0, 3).chars().allMatch(Character::isDigit)
                || (text.length() > 3 && text.charAt(3) != ' ' && text.charAt(3) != '-')) {
            out.add(new FtpReply(-1, text));
            return;
        }
        int code = Integer.parseInt(text.substring(0, 3));
        if (text.length() > 3 && text.charAt(3) == '-') {
            pendingCode = code;
            pending = new StringBuilder(text.substring(4));
            lines = 1;
            return;
        }
        out.add(new FtpReply(code, text.length() > 4 ? text.substring(4) : ""));
    }

    /** One reply: its code (-1 for a line that is no reply) and its text. */
    record FtpReply(int code, String text) {
    }
}
