package io.jpxe.boot.kexec.internal;

import java.util.Map;

/** Linux x86-64 errno values the kexec path meets, with their names for messages. */
final class Errnos {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int ENOEXEC = 8;
    static final int EBADF = 9;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EFAULT = 14;
    static final int EBUSY = 16;
    static final int EINVAL = 22;
    static final int ETXTBSY = 26;
    static final int EFBIG = 27;
    static final int ENOSYS = 38;
    static final int ENOPKG = 65;
    static final int EBADMSG = 74;
    static final int ENOKEY = 126;
    static final int EKEYEXPIRED = 127;
    static final int EKEYREVOKED = 128;
    static final int EKEYREJECTED = 129;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(EPERM, "EPERM"), Map.entry(ENOENT, "ENOENT"), Map.entry(EINTR, "EINTR"),
            Map.entry(ENOEXEC, "ENOEXEC"), Map.entry(EBADF, "EBADF"), Map.entry(ENOMEM, "ENOMEM"),
            Map.entry(EACCES, "EACCES"), Map.entry(EFAULT, "EFAULT"), Map.entry(EBUSY, "EBUSY"),
            Map.entry(EINVAL, "EINVAL"), Map.entry(ETXTBSY, "ETXTBSY"), Map.entry(EFBIG, "EFBIG"),
            Map.entry(ENOSYS, "ENOSYS"), Map.entry(ENOPKG, "ENOPKG"), Map.entry(EBADMSG, "EBADMSG"),
            Map.entry(ENOKEY, "ENOKEY"), Map.entry(EKEYEXPIRED, "EKEYEXPIRED"),
            Map.entry(EKEYREVOKED, "EKEYREVOKED"), Map.entry(EKEYREJECTED, "EKEYREJECTED"));

    private Errnos() {
    }

    /** {@code "EINVAL (22)"}, or {@code "errno 123"} for values without a name here. */
    static String describe(int errno) {
        String name = NAMES.get(errno);
        return name == null ? "errno " + errno : name + " (" + errno + ")";
    }
}
