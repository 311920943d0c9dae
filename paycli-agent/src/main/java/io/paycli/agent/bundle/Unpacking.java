package io.paycli.agent.bundle;

import io.paycli.core.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes checked tar entries into a fresh directory that nobody else writes to: every name is checked by
 * {@link EntryName}, every type is a regular file or a directory, nothing is written twice and nothing is opened
 * through a link (there are none, since links are refused, but files are opened without following any anyway).
 */
final class Unpacking {
    private enum Kind { FILE, DIRECTORY }

    private final Path dir;
    private final BundleLimits limits;
    /** What each name is (directories made for a file included), to refuse files as parents and as directories. */
    private final Map<String, Kind> written = new HashMap<>();
    private final Set<String> named = new HashSet<>();
    private int entries;

    Unpacking(Path dir, BundleLimits limits) {
        this.dir = dir;
        this.limits = limits;
    }

    /**
     * Checks and writes one entry whose data {@code data} holds.
     *
     * @param position the inflated bytes read so far, headers of this entry included
     */
    void add(TarArchiveEntry entry, InputStream data, long position) throws IOException {
        String raw = entry.getName();
        if (++entries > limits.maxEntries()) {
            throw BundleException.entry(raw, "more than " + limits.maxEntries() + " entries (maxEntries)");
        }
        Kind kind = kind(entry);
        String name = EntryName.clean(raw);
        if (name.isEmpty()) {
            if (kind != Kind.DIRECTORY) {
                throw BundleException.entry(raw, "names the bundle's root, which must be a directory");
            }
            return;
        }
        Path target = dir.resolve(name).normalize();
        if (!target.startsWith(dir) || target.equals(dir)) {
            throw BundleException.entry(raw, "resolves outside the directory the bundle is unpacked into");
        }
        checkPlace(raw, name, kind);
        if (kind == Kind.DIRECTORY) {
            createDirectories(target);
            written.put(name, Kind.DIRECTORY);
            return;
        }
        long size = entry.getSize();
        if (size > limits.maxFileBytes()) {
            throw BundleException.entry(raw, BundleLimits.size(size) + " is more than the "
                    + BundleLimits.size(limits.maxFileBytes()) + " allowed for one file (maxFileBytes)");
        }
        if (position + size > limits.maxUncompressedBytes()) {
            throw BundleException.entry(raw, "its " + BundleLimits.size(size) + " take the bundle past "
                    + BundleLimits.size(limits.maxUncompressedBytes()) + " uncompressed (maxUncompressedBytes)");
        }
        createDirectories(target.getParent());
        written.put(name, Kind.FILE);
        long copied = copy(raw, data, target);
        if (copied != size) {
            throw BundleException.entry(raw, "the bundle is truncated: " + copied + " of " + size + " bytes");
        }
    }

    /**
     * Copies an entry's data to a new file. Reading fails with the IOException of a broken bundle, which the caller
     * turns into a message; writing fails with an UncheckedIOException, since a full disk is not the sender's fault.
     */
    private static long copy(String raw, InputStream data, Path target) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long copied = 0;
        OutputStream out = open(raw, target);
        try {
            for (int n = data.read(buffer); n >= 0; n = data.read(buffer)) {
                write(out, buffer, n, target);
                copied += n;
            }
        } catch (IOException | RuntimeException e) {
            try {
                out.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        try {
            out.close();
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
        return copied;
    }

    private static OutputStream open(String raw, Path target) {
        try {
            return Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (FileAlreadyExistsException e) {
            // Only a case-insensitive filesystem gets here: "App.yaml" after "app.yaml".
            throw BundleException.entry(raw, "duplicate entry (another entry has the same name on this filesystem)");
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    private static void write(OutputStream out, byte[] buffer, int n, Path target) {
        try {
            out.write(buffer, 0, n);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    private static void createDirectories(Path path) {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw cannotWrite(path, e);
        }
    }

    private static UncheckedIOException cannotWrite(Path path, IOException e) {
        return new UncheckedIOException("cannot write " + path + " while unpacking a bundle: " + e.getMessage(), e);
    }

    /** Refuses a bundle without paycli.yaml at its root: the agent would have nothing to deploy. */
    void checkComplete() {
        if (written.get(ConfigLoader.FILE_NAME) != Kind.FILE) {
            throw new BundleException("bundle has no " + ConfigLoader.FILE_NAME + " at its root: make it with"
                    + " paycli agent submit -f APP_DIR");
        }
    }

    /** A second entry of the same name, or an entry below a file, is refused: which one wins would be an accident. */
    private void checkPlace(String raw, String name, Kind kind) {
        if (!named.add(name)) {
            throw BundleException.entry(raw, "duplicate entry");
        }
        if (kind == Kind.FILE && written.get(name) == Kind.DIRECTORY) {
            throw BundleException.entry(raw, "a file where earlier entries put files below it");
        }
        for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
            String parent = name.substring(0, slash);
            if (written.get(parent) == Kind.FILE) {
                throw BundleException.entry(raw, "its parent '" + parent + "' is a file");
            }
            written.put(parent, Kind.DIRECTORY);
        }
    }

    private static Kind kind(TarArchiveEntry entry) {
        String raw = entry.getName();
        byte flag = entry.getLinkFlag();
        if (entry.isSymbolicLink()) {
            throw BundleException.entry(raw, "symbolic links are not allowed (to '"
                    + BundleException.printable(entry.getLinkName()) + "')");
        }
        if (entry.isLink()) {
            throw BundleException.entry(raw, "hard links are not allowed (to '"
                    + BundleException.printable(entry.getLinkName()) + "')");
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            throw BundleException.entry(raw, (entry.isCharacterDevice() ? "character" : "block")
                    + " devices are not allowed");
        }
        if (entry.isFIFO()) {
            throw BundleException.entry(raw, "FIFOs are not allowed");
        }
        if (flag == TarConstants.LF_DIR) {
            return Kind.DIRECTORY;
        }
        if (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM) {
            // Old tar marked directories with a trailing '/' only.
            if (raw.endsWith("/")) {
                if (entry.getSize() != 0) {
                    throw BundleException.entry(raw, "a file whose name ends with '/' is not allowed");
                }
                return Kind.DIRECTORY;
            }
            return Kind.FILE;
        }
        throw BundleException.entry(raw, "entry type '" + BundleException.printable(String.valueOf((char) flag))
                + "' is not allowed: a bundle holds only regular files and directories");
    }
}
