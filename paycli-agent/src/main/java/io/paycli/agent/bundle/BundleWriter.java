package io.paycli.agent.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Packs an app directory into a deploy bundle: a tar.gz of paycli.yaml and the config files a deploy reads (see
 * {@link DeployFiles}), with their directories. The same files give the same bytes: entries in name order, and
 * times, owners and modes fixed, since none of them matters to a deploy (and the JDK's gzip header has no time).
 */
public final class BundleWriter {
    private static final int FILE_MODE = 0100644;
    private static final int DIR_MODE = 040755;

    /**
     * Writes the bundle of {@code appDir} to {@code out}, which is left open.
     *
     * @throws io.paycli.core.error.InvalidInputException for a bad paycli.yaml, a config path outside the app
     *                                                    directory, a symbolic link or a special file
     * @throws UncheckedIOException                       when a file cannot be read or {@code out} written
     */
    public PackedBundle write(Path appDir, OutputStream out) {
        DeployFiles deployFiles = DeployFiles.of(appDir);
        try {
            GZIPOutputStream gzip = new GZIPOutputStream(new Unclosed(out), 64 * 1024);
            TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip, "UTF-8");
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String dir : directories(deployFiles.files().keySet())) {
                tar.putArchiveEntry(entry(dir + "/", TarConstants.LF_DIR, DIR_MODE, 0));
                tar.closeArchiveEntry();
            }
            List<String> names = new ArrayList<>();
            long bytes = 0;
            for (Map.Entry<String, Path> file : deployFiles.files().entrySet()) {
                bytes += add(tar, file.getKey(), file.getValue());
                names.add(file.getKey());
            }
            tar.close(); // ends the tar and the gzip stream; Unclosed keeps the caller's stream open
            return new PackedBundle(names, bytes, deployFiles.missing());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle of " + appDir + ": " + e.getMessage(), e);
        }
    }

    private static long add(TarArchiveOutputStream tar, String name, Path file) throws IOException {
        // Opening without following links: a file swapped for a link since it was listed fails here.
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            long size = Files.size(file);
            tar.putArchiveEntry(entry(name, TarConstants.LF_NORMAL, FILE_MODE, size));
            long copied = in.transferTo(tar);
            tar.closeArchiveEntry(); // fails if the file changed size while being read
            return copied;
        }
    }

    /** Every directory above a file, parents first. */
    private static SortedSet<String> directories(Iterable<String> files) {
        SortedSet<String> dirs = new TreeSet<>();
        for (String file : files) {
            for (int slash = file.indexOf('/'); slash > 0; slash = file.indexOf('/', slash + 1)) {
                dirs.add(file.substring(0, slash));
            }
        }
        return dirs;
    }

    private static TarArchiveEntry entry(String name, byte type, int mode, long size) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setMode(mode);
        entry.setSize(size);
        entry.setModTime(0);
        entry.setIds(0, 0);
        entry.setNames("", "");
        return entry;
    }

    /** The caller's stream, which closing the tar must not close. */
    private static final class Unclosed extends java.io.FilterOutputStream {
        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
