package io.jpxe.commands.image.internal;

import java.util.List;
import java.util.Optional;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;

/**
 * iPXE's rule for naming an initrd's file inside the initramfs ({@code core/cpio.c}): the image's
 * command line is {@code [<path> [mode=<octal>] [mkdir=<n>]]}. With a path, the boot executor wraps
 * the image in cpio headers that create it at {@code <path>} (mode 0644 unless {@code mode=} says
 * otherwise; {@code mkdir=} creates that many parent directories, -1 all of them); without one the
 * image is passed as it is. {@code initrd http://x/a.conf /etc/a.conf mode=0600} thus places
 * {@code a.conf} at {@code /etc/a.conf}, readable by root only.
 *
 * <p>iPXE takes whatever it finds; jPXE checks the arguments when {@code initrd} runs, so a mistake
 * is reported at that line and not as a file missing after boot.
 *
 * @param path  the path in the initramfs, empty for a plain initrd
 * @param mode  the file's permission bits, if {@code mode=} was given
 * @param mkdir the number of parent directories to create, if {@code mkdir=} was given
 */
record InitrdArguments(Optional<String> path, Optional<Integer> mode, Optional<Integer> mkdir) {
    /** Linux's PATH_MAX less the terminating NUL: no longer name can be created. */
    static final int MAX_PATH = 4095;
    static final int MAX_MODE = 07777;

    /**
     * Parses and checks an initrd's command line.
     *
     * @param image the image's URI or name, for messages
     * @throws JpxeException {@code EINVAL} saying which argument is wrong and what is expected
     */
    static InitrdArguments parse(String image, String commandLine) throws JpxeException {
        List<String> words = List.of(commandLine.trim().split(" +"));
        if (commandLine.isBlank()) {
            return new InitrdArguments(Optional.empty(), Optional.empty(), Optional.empty());
        }
        String path = words.get(0);
        if (path.contains("=")) {
            throw invalid(image, "\"" + path + "\" is not a file name: the first argument after the image names its file"
                    + " in the initrd (e.g. initrd " + image + " /etc/a.conf mode=0600)");
        }
        if (path.length() > MAX_PATH) {
            throw invalid(image, "the file name in the initrd is " + path.length() + " bytes long, more than "
                    + MAX_PATH);
        }
        if (path.endsWith("/") || List.of(path.split("/")).stream().anyMatch(".."::equals)) {
            throw invalid(image, "\"" + path + "\" cannot name a file in the initrd"
                    + (path.endsWith("/") ? " (it ends with /)" : " (it contains \"..\")"));
        }
        Optional<Integer> mode = Optional.empty();
        Optional<Integer> mkdir = Optional.empty();
        for (String word : words.subList(1, words.size())) {
            if (word.startsWith("mode=")) {
                mode = Optional.of(mode(image, word.substring("mode=".length())));
            } else if (word.startsWith("mkdir=")) {
                mkdir = Optional.of(mkdir(image, word.substring("mkdir=".length())));
            }
        }
        return new InitrdArguments(Optional.of(path), mode, mkdir);
    }

    private static int mode(String image, String text) throws JpxeException {
        if (!text.matches("[0-7]{1,5}") || Integer.parseInt(text, 8) > MAX_MODE) {
            throw invalid(image, "mode=" + text + " is not an octal file mode (0 to 7777, e.g. mode=0600)");
        }
        return Integer.parseInt(text, 8);
    }

    private static int mkdir(String image, String text) throws JpxeException {
        if (!text.matches("-1|[0-9]{1,4}")) {
            throw invalid(image, "mkdir=" + text + " is not a number of directories to create (0 or more, -1 for all)");
        }
        return Integer.parseInt(text);
    }

    private static JpxeException invalid(String image, String problem) {
        return new JpxeException(Errno.EINVAL, "initrd " + image + ": " + problem);
    }
}
