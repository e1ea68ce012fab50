package io.jpxe.boot.kexec.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands in for the kernel (a test must never kexec its host): records every call, keeps the bytes
 * of each opened file as the kernel would read them, and fails the calls it is told to fail.
 */
final class RecordingKexecSystem implements KexecSystem {
    final List<String> calls = new ArrayList<>();
    final Map<Integer, byte[]> opened = new HashMap<>();
    final List<Integer> closed = new ArrayList<>();
    byte[] commandLine;
    int loadErrno;
    int rebootErrno;
    private int nextFd = 100;

    @Override
    public int openReadOnly(Path path) {
        int fd = nextFd++;
        try {
            opened.put(fd, Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        calls.add("open " + fd);
        return fd;
    }

    @Override
    public void close(int fd) {
        if (fd >= 0) {
            closed.add(fd);
            calls.add("close " + fd);
        }
    }

    @Override
    public void kexecFileLoad(int kernelFd, int initrdFd, byte[] commandLine, long flags) throws ErrnoException {
        calls.add("kexec_file_load " + kernelFd + " " + initrdFd + " " + commandLine.length + " " + flags);
        if (flags != KexecArguments.KEXEC_FILE_UNLOAD) {
            this.commandLine = commandLine.clone();
            if (loadErrno != 0) {
                throw new ErrnoException("kexec_file_load", loadErrno);
            }
        }
    }

    @Override
    public void sync() {
        calls.add("sync");
    }

    @Override
    public void rebootIntoLoadedKernel() throws ErrnoException {
        calls.add("reboot");
        if (rebootErrno != 0) {
            throw new ErrnoException("reboot", rebootErrno);
        }
    }
}
