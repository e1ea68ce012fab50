package io.jpxe.boot.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.jpxe.api.image.Image;

/**
 * Joins a boot plan's initrds into the one initramfs a Linux kernel takes, as iPXE's bzImage loader
 * lays them out in memory ({@code arch/x86/image/bzimage.c}): in order, each starting at a multiple
 * of {@value #INITRD_ALIGN} bytes (zero padding between), an initrd named by its command line
 * ({@link InitrdName}) preceded by its cpio headers, every other initrd as it is. The kernel unpacks
 * such a concatenation piece by piece, compressed or not, skipping the zeros between.
 *
 * <p>One difference from iPXE, on purpose: a named initrd is followed by a cpio trailer, so every
 * piece is a complete archive that standard tools ({@code cpio -t}) read too; the kernel treats a
 * trailer as the end of one archive and goes on with the next piece.
 *
 * <p>Stateless; thread-safe. The images are read while assembling; nothing is held on the heap
 * beyond a copy buffer.
 */
public final class InitrdAssembler {
    /** Where iPXE starts each initrd: a page boundary. */
    public static final int INITRD_ALIGN = 4096;

    /**
     * Where one initrd lies in the assembled initramfs.
     *
     * @param image        the initrd's image name
     * @param offset       where its piece starts (a multiple of {@link #INITRD_ALIGN})
     * @param headerLength the cpio headers before the image's bytes (0 when not named)
     * @param bodyLength   the image's bytes
     * @param length       the whole piece: headers, bytes and, when named, padding and trailer
     * @param name         the cpio name, when the command line gives one
     */
    public record Piece(String image, long offset, long headerLength, long bodyLength, long length,
            Optional<InitrdName> name) {

        /** Where the image's own bytes start. */
        public long bodyOffset() {
            return offset + headerLength;
        }
    }

    private InitrdAssembler() {
    }

    /** Whether the initrds must be assembled, i.e. are not one unnamed initrd that can be used as it is. */
    public static boolean needsAssembly(List<Image> initrds) {
        return initrds.size() > 1 || initrds.stream().anyMatch(i -> InitrdName.of(i.commandLine()).isPresent());
    }

    /**
     * Where each initrd will lie, without reading any of them.
     *
     * @throws IllegalArgumentException for a named initrd of 4 GiB or more (more than newc can describe)
     */
    public static List<Piece> layout(List<Image> initrds) {
        List<Piece> pieces = new ArrayList<>();
        long offset = 0;
        for (Image initrd : initrds) {
            offset = align(offset);
            Optional<InitrdName> name = InitrdName.of(initrd.commandLine());
            long headers = name.map(n -> headerBytes(n, initrd.size()).length).orElse(0);
            long length = headers + initrd.size();
            if (name.isPresent()) {
                length += CpioNewc.padding(length) + CpioNewc.trailer().length;
            }
            pieces.add(new Piece(initrd.name(), offset, headers, initrd.size(), length, name));
            offset += length;
        }
        return List.copyOf(pieces);
    }

    /** The size of the assembled initramfs (the last piece is not padded). */
    public static long size(List<Image> initrds) {
        List<Piece> pieces = layout(initrds);
        return pieces.isEmpty() ? 0 : pieces.getLast().offset() + pieces.getLast().length();
    }

    /**
     * Assembles {@code initrds} into a new read-only {@link HandoverFile}; the caller closes it.
     *
     * @throws IOException if an image cannot be read or the file cannot be written
     */
    public static HandoverFile assemble(List<Image> initrds) throws IOException {
        return HandoverFile.create("initrds", channel -> write(initrds, channel));
    }

    /**
     * Writes the assembled initramfs to {@code channel} from its current position.
     *
     * @throws IOException if an image cannot be read, the channel cannot be written, or a named
     *                     initrd is too large for a cpio header
     */
    public static void write(List<Image> initrds, FileChannel channel) throws IOException {
        long start = channel.position();
        List<Piece> pieces;
        try {
            pieces = layout(initrds);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        for (int i = 0; i < pieces.size(); i++) {
            Piece piece = pieces.get(i);
            Image initrd = initrds.get(i);
            zeros(channel, start + piece.offset() - channel.position());
            if (piece.name().isPresent()) {
                writeFully(channel, ByteBuffer.wrap(headerBytes(piece.name().get(), initrd.size())));
            }
            long copied = HandoverFile.copy(initrd, channel);
            if (copied != piece.bodyLength()) {
                throw new IOException(initrd.name() + ": size changed while assembling the initrds");
            }
            if (piece.name().isPresent()) {
                zeros(channel, CpioNewc.padding(piece.headerLength() + copied));
                writeFully(channel, ByteBuffer.wrap(CpioNewc.trailer()));
            }
        }
    }

    /** The cpio headers (parent directories, then the file) that name an initrd of {@code size} bytes. */
    static byte[] headerBytes(InitrdName name, long size) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (InitrdName.Entry entry : name.entries()) {
            out.writeBytes(CpioNewc.header(entry.name(), entry.mode(), entry.directory() ? 0 : size));
        }
        return out.toByteArray();
    }

    private static long align(long offset) {
        return (offset + INITRD_ALIGN - 1) & -INITRD_ALIGN;
    }

    private static void zeros(FileChannel channel, long count) throws IOException {
        if (count > 0) {
            writeFully(channel, ByteBuffer.allocate((int) count));
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
