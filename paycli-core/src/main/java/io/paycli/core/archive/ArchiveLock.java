package io.paycli.core.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the writers of one archive: a file lock on {@code .git/paycli.lock} between processes, and a lock per
 * archive between threads of one process (a JVM may hold a file's lock only once). The operating system drops the
 * file lock of a process that dies, so a crash never leaves the archive locked.
 */
final class ArchiveLock implements AutoCloseable {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private ArchiveLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    static ArchiveLock take(Path repository) throws IOException {
        Path gitDir = repository.resolve(".git");
        Files.createDirectories(gitDir);
        ReentrantLock local = IN_PROCESS.computeIfAbsent(gitDir.toAbsolutePath().normalize(), p -> new ReentrantLock());
        local.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(gitDir.resolve("paycli.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            return new ArchiveLock(local, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            local.unlock();
        }
    }
}
