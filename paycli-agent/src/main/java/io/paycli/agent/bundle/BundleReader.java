package io.paycli.agent.bundle;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a deploy bundle (a tar.gz from {@link BundleWriter}) that came over the network, so trusts none of it:
 * only regular files and directories with relative names, within {@link BundleLimits} counted while streaming,
 * with paycli.yaml at the root. Everything goes to a temporary sibling of the target first, which becomes the
 * target only once the whole bundle passed: a refused bundle leaves nothing behind.
 */
public final class BundleReader {
    private static final int RECORD = 512;

    private final BundleLimits limits;

    public BundleReader(BundleLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Unpacks {@code gzipTar} into {@code into}, which must be an empty directory or not exist yet (its parent is
     * created). The stream is read to its end but not closed.
     *
     * @throws BundleException          a refused bundle, in one line naming the entry and the rule
     * @throws UncheckedIOException     reading {@code gzipTar} failed (the upload broke off) or the disk could not
     *                                  be written
     * @throws IllegalArgumentException {@code into} is a file, a link or a directory that is not empty
     */
    public void extract(InputStream gzipTar, Path into) {
        Path target = into.toAbsolutePath().normalize();
        requireEmpty(target);
        Path temp;
        try {
            Files.createDirectories(target.getParent());
            // Hidden and random, beside the target so that the final move is a rename on the same filesystem.
            temp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".unpacking-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory beside " + target + ": " + e.getMessage(), e);
        }
        try {
            unpack(gzipTar, temp);
            moveInto(temp, target);
        } catch (RuntimeException e) {
            deleteTree(temp, e);
            throw e;
        }
    }

    private void unpack(InputStream gzipTar, Path dir) {
        CountingInput compressed = new CountingInput(gzipTar, limits.maxCompressedBytes(), "is larger than "
                + BundleLimits.size(limits.maxCompressedBytes()) + " compressed", "maxCompressedBytes", true);
        String last = null;
        boolean inEntry = false;
        try (GZIPInputStream gzip = gunzip(compressed)) {
            CountingInput inflated = new CountingInput(gzip, limits.maxUncompressedBytes(), "inflates to more than "
                    + BundleLimits.size(limits.maxUncompressedBytes()), "maxUncompressedBytes", false);
            byte[] first = inflated.readNBytes(RECORD);
            if (first.length < RECORD || !TarArchiveInputStream.matches(first, first.length)) {
                throw new BundleException("bundle is gzip-compressed but not a tar archive: expected the .tar.gz"
                        + " that paycli agent submit sends");
            }
            // No buffer between the inflater and the tar reader: inflated.count() is the tar reader's position.
            TarArchiveInputStream tar = new TarArchiveInputStream(
                    new SequenceInputStream(new ByteArrayInputStream(first), inflated), "UTF-8");
            Unpacking unpacking = new Unpacking(dir, limits);
            long end = 0;
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                last = entry.getName();
                inEntry = true;
                long position = inflated.count();
                unpacking.add(entry, tar, position);
                inEntry = false;
                end = position + (entry.getSize() + RECORD - 1) / RECORD * RECORD;
            }
            // The reader also stops where the data stops; the end-of-archive record tells a whole archive from one
            // cut at an entry boundary.
            if (inflated.count() < end + RECORD) {
                throw new BundleException("bundle is truncated" + where(last, false)
                        + ": the tar archive stops without its end marker");
            }
            // The rest is padding; reading it checks the gzip trailer, and the limit bounds it.
            inflated.transferTo(OutputStream.nullOutputStream());
            unpacking.checkComplete();
        } catch (IOException e) {
            throw refusal(e, where(last, inEntry));
        }
    }

    private static GZIPInputStream gunzip(InputStream in) throws IOException {
        try {
            return new GZIPInputStream(in, 64 * 1024);
        } catch (ZipException | EOFException e) {
            throw new BundleException("bundle is not gzip-compressed: expected the .tar.gz that paycli agent submit"
                    + " sends", e);
        }
    }

    private static String where(String entry, boolean inEntry) {
        return entry == null ? "" : (inEntry ? " in entry '" : " after entry '") + BundleException.printable(entry)
                + "'";
    }

    private static RuntimeException refusal(IOException e, String where) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CountingInput.LimitExceeded limit) {
                return new BundleException("bundle " + limit.getMessage() + where + " (" + limit.rule + ")", e);
            }
            if (t instanceof CountingInput.SourceFailed) {
                return new UncheckedIOException("reading the bundle failed" + where + ": " + t.getMessage(),
                        (IOException) t.getCause());
            }
        }
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (e instanceof EOFException || lower.contains("truncated") || lower.contains("premature end")) {
            return new BundleException("bundle is truncated" + where, e);
        }
        return new BundleException("bundle is not a valid tar.gz" + where + ": " + message.lines().findFirst()
                .orElse(""), e);
    }

    private static void requireEmpty(Path target) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(target + " is not a directory: a bundle is unpacked into an empty"
                    + " or new directory");
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(target)) {
            if (children.iterator().hasNext()) {
                throw new IllegalArgumentException(target + " is not empty: a bundle is unpacked into an empty or"
                        + " new directory");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target + ": " + e.getMessage(), e);
        }
    }

    private static void moveInto(Path temp, Path target) {
        try {
            try {
                // On Linux a rename replaces an empty directory, so an existing target never goes missing.
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                Files.delete(target);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the unpacked bundle to " + target + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir, RuntimeException failure) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            failure.addSuppressed(e);
        }
    }
}
