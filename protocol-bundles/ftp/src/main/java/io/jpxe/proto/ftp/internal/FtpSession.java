package io.jpxe.proto.ftp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.uri.DataSink;
import io.jpxe.api.uri.Transfer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;

/**
 * One FTP download (RFC 959, RFC 2428): greeting, {@code USER}/{@code PASS}, {@code TYPE I},
 * {@code SIZE}, {@code EPSV} (falling back to {@code PASV}), a data connection to the control
 * connection's server (never to an address the server names: no FTP bounce), {@code RETR}; it ends
 * when both the data connection has closed and the server said 226.
 *
 * <p>Runs on the control channel's event loop; the data channel shares it.
 */
final class FtpSession extends SimpleChannelInboundHandler<FtpReplyDecoder.FtpReply> implements Transfer {

    /** Opens the data connection on the control channel's loop. */
    interface DataConnector {
        Future<Channel> connect(Channel control, int port, ChannelHandler handler);
    }

    private enum State { GREETING, USER, PASS, TYPE, SIZE, EPSV, PASV, RETR, TRANSFER, DONE }

    private static final Pattern EPSV = Pattern.compile("\\((.)\\1\\1(\\d{1,5})\\1\\)");
    private static final Pattern PASV = Pattern.compile("(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3})");

    private final FtpTarget target;
    private final DataSink sink;
    private final DataConnector dataConnector;
    private final CompletableFuture<Long> completion = new CompletableFuture<>();

    private volatile ChannelHandlerContext ctx;
    private State state = State.GREETING;
    private Channel data;
    private long size = -1;
    private long received;
    private boolean dataClosed;
    private boolean serverDone;

    FtpSession(FtpTarget target, DataSink sink, DataConnector dataConnector) {
        this.target = target;
        this.sink = sink;
        this.dataConnector = dataConnector;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (completion.isDone()) {
            // Cancelled while connecting: never start the dialogue.
            state = State.DONE;
            ctx.close();
        }
    }

    @Override
    public CompletionStage<Long> completion() {
        return completion.minimalCompletionStage();
    }

    @Override
    public void cancel(JpxeException reason) {
        JpxeException why = reason != null ? reason : new JpxeException(Errno.ECANCELED, "transfer cancelled");
        if (ctx == null) {
            completion.completeExceptionally(why);
            return;
        }
        try {
            ctx.executor().execute(() -> fail(why));
        } catch (RejectedExecutionException stopped) {
            completion.completeExceptionally(why);
        }
    }

    /** The control connection failed before the session started (connect refused, name unknown). */
    void failBeforeStart(JpxeException failure) {
        completion.completeExceptionally(failure);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FtpReplyDecoder.FtpReply reply) {
        if (state == State.DONE) {
            return;
        }
        int code = reply.code();
        if (code < 0) {
            failWith(Errno.EPROTO, "the server sent no FTP reply: \"" + printable(reply.text()) + "\"");
            return;
        }
        if (code / 100 == 1 && state != State.RETR) {
            return; // preliminary replies (120 service ready soon) need no answer
        }
        switch (state) {
            case GREETING -> expect(code == 220, reply, "greeting", () -> send(State.USER, "USER " + target.user()));
            case USER -> {
                if (code == 230) {
                    send(State.TYPE, "TYPE I");
                } else if (code == 331) {
                    send(State.PASS, "PASS " + target.password());
                } else {
                    login(reply);
                }
            }
            case PASS -> {
                if (code == 230 || code == 202) {
                    send(State.TYPE, "TYPE I");
                } else {
                    login(reply);
                }
            }
            case TYPE -> expect(code == 200, reply, "TYPE I", () -> send(State.SIZE, "SIZE " + target.path()));
            case SIZE -> {
                if (code == 213) {
                    size = parseSize(reply.text());
                    if (size >= 0) {
                        sink.expectedSize(size);
                    }
                } else if (code == 550) {
                    failWith(Errno.ENOENT, "FTP 550: " + printable(reply.text()));
                    return;
                }
                send(State.EPSV, "EPSV");
            }
            case EPSV -> {
                Matcher m = EPSV.matcher(reply.text());
                if (code == 229 && m.find()) {
                    openData(Integer.parseInt(m.group(2)));
                } else {
                    send(State.PASV, "PASV");
                }
            }
            case PASV -> {
                Matcher m = PASV.matcher(reply.text());
                if (code == 227 && m.find()) {
                    openData(Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6)));
                } else {
                    failWith(Errno.ENOTSUP, "the server offers no passive mode (" + code + " "
                            + printable(reply.text()) + ")");
                }
            }
            case RETR -> {
                if (code == 125 || code == 150) {
                    state = State.TRANSFER;
                } else if (code == 550) {
                    failWith(Errno.ENOENT, "FTP 550: " + printable(reply.text()));
                } else {
                    failWith(Errno.EIO, "RETR refused: " + code + " " + printable(reply.text()));
                }
            }
            case TRANSFER -> {
                if (code == 226 || code == 250) {
                    serverDone = true;
                    finishIfComplete();
                } else {
                    failWith(code == 426 || code == 451 ? Errno.ECONNRESET : Errno.EIO, "the transfer broke after "
                            + received + " bytes: " + code + " " + printable(reply.text()));
                }
            }
            case DONE -> { }
        }
    }

    private void expect(boolean ok, FtpReplyDecoder.FtpReply reply, String step, Runnable next) {
        if (ok) {
            next.run();
        } else {
            failWith(Errno.EIO, "unexpected reply to " + step + ": " + reply.code() + " " + printable(reply.text()));
        }
    }

    private void login(FtpReplyDecoder.FtpReply reply) {
        failWith(Errno.EACCES, "login as " + target.user() + " refused: " + reply.code() + " "
                + printable(reply.text()));
    }

    private void openData(int port) {
        if (port < 1 || port > 65535) {
            failWith(Errno.EPROTO, "the server named data port " + port);
            return;
        }
        dataConnector.connect(ctx.channel(), port, new DataHandler()).addListener(f -> {
            if (!f.isSuccess()) {
                failWith(Errno.ECONNREFUSED, "cannot open the data connection to port " + port + ": "
                        + f.cause().getMessage());
                return;
            }
            data = (Channel) f.getNow();
            if (state == State.DONE) {
                data.close();
                return;
            }
            send(State.RETR, "RETR " + target.path());
        });
    }

    /** Receives the file on the data connection. */
    private final class DataHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext dataCtx, Object msg) {
            try {
                if (msg instanceof ByteBuf bytes && state != State.DONE) {
                    store(bytes);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext dataCtx) {
            dataClosed = true;
            finishIfComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext dataCtx, Throwable cause) {
            failWith(Errno.ECONNRESET, "the data connection failed after " + received + " bytes: " + cause.getMessage());
        }
    }

    private void store(ByteBuf bytes) {
        int length = bytes.readableBytes();
        if (size >= 0 && received + length > size) {
            failWith(Errno.EPROTO, "more data than the " + size + " bytes SIZE announced");
            return;
        }
        try {
            long position = received;
            for (ByteBuffer piece : bytes.nioBuffers()) {
                int n = piece.remaining();
                sink.write(position, piece.asReadOnlyBuffer());
                position += n;
            }
            received += length;
        } catch (IOException | RuntimeException e) {
            failWith(Errno.EIO, "cannot store bytes from " + received + ": " + e.getMessage());
        }
    }

    private void finishIfComplete() {
        if (state == State.DONE || !dataClosed || !serverDone) {
            return;
        }
        if (size >= 0 && received != size) {
            failWith(Errno.EPROTO, "received " + received + " of the " + size + " bytes SIZE announced");
            return;
        }
        state = State.DONE;
        ctx.writeAndFlush(Unpooled.copiedBuffer("QUIT\r\n", StandardCharsets.UTF_8))
                .addListener(w -> ctx.close());
        completion.complete(received);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state != State.DONE) {
            failWith(Errno.ECONNRESET, "the server closed the control connection"
                    + (state == State.TRANSFER ? " after " + received + " bytes" : ""));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause.getCause() instanceof TooLongFrameException) {
            failWith(Errno.EPROTO, "a reply line longer than the limit (" + cause.getMessage() + ")");
        } else {
            failWith(Errno.EIO, "control connection failed: " + cause.getMessage());
        }
    }

    private void send(State next, String command) {
        state = next;
        ctx.writeAndFlush(Unpooled.copiedBuffer(command + "\r\n", StandardCharsets.UTF_8));
    }

    private static long parseSize(String text) {
        String digits = text.strip();
        return digits.matches("\\d{1,18}") ? Long.parseLong(digits) : -1;
    }

    private static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().limit(200).forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return sb.toString().strip();
    }

    private void failWith(Errno errno, String what) {
        fail(new JpxeException(errno, target.shown() + ": " + what));
    }

    private void fail(JpxeException failure) {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        if (data != null) {
            data.close();
        }
        if (ctx != null) {
            ctx.close();
        }
        completion.completeExceptionally(failure);
    }
}
