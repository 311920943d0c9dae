package io.paycli.core.notify;

import io.paycli.core.model.NotifyTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Messages kept for a later run, one file each, {@code <millis>-<sequence>-<message id>.json}, so that the names sort
 * oldest first and hold no secret. A sender claims a file by renaming it to {@code .json.sending}, which only one
 * process can do; it deletes the file once the message is delivered, or renames it back for the next run. A claim
 * that a stopped run left behind is never sent again by itself: at most once per message.
 */
final class Outbox {
    static final String PENDING = ".json";
    static final String SENDING = ".json.sending";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** One kept message and its target. */
    record Entry(Path file, NotifyTarget target, Message message, Instant queuedAt) {
    }

    private final Path dir;

    Outbox(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    void put(NotifyTarget target, Message message, Instant now) {
        try {
            createDir();
            ObjectNode n = MessageJson.JSON.createObjectNode();
            n.put("queuedAt", now.toString());
            n.set("target", TargetJson.write(target));
            n.set("message", MessageJson.write(message));
            String name = String.format("%013d-%06d-%s", now.toEpochMilli(), SEQUENCE.getAndIncrement() % 1_000_000,
                    message.id());
            Path temp = dir.resolve("." + name + ".tmp");
            Files.writeString(temp, n.toString(), StandardCharsets.UTF_8);
            ownerOnly(temp);
            move(temp, dir.resolve(name + PENDING));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the outbox " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The kept messages, oldest first; a file that cannot be read is skipped and named in {@code unreadable}. */
    List<Entry> pending(List<Path> unreadable) {
        List<Entry> entries = new ArrayList<>();
        for (Path file : files(PENDING)) {
            try {
                JsonNode n = MessageJson.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
                entries.add(new Entry(file, TargetJson.read(n.path("target")), MessageJson.read(n.path("message")),
                        Instant.parse(n.path("queuedAt").asString())));
            } catch (NoSuchFileException e) {
                // Claimed by another run since the listing.
            } catch (IOException | RuntimeException e) {
                unreadable.add(file);
            }
        }
        return entries;
    }

    /** Claims an entry for this run: empty when another run was first. */
    Optional<Path> claim(Entry entry, Instant now) {
        Path claimed = dir.resolve(name(entry.file(), PENDING) + SENDING);
        try {
            move(entry.file(), claimed);
            Files.setLastModifiedTime(claimed, FileTime.from(now));
            return Optional.of(claimed);
        } catch (NoSuchFileException | FileAlreadyExistsException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim " + entry.file() + ": " + e.getMessage(), e);
        }
    }

    void delivered(Path claimed) {
        try {
            Files.deleteIfExists(claimed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + claimed + ": " + e.getMessage(), e);
        }
    }

    /** Puts a claimed message back, under its old name, so it keeps its place. */
    void release(Path claimed) {
        try {
            move(claimed, dir.resolve(name(claimed, SENDING) + PENDING));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put back " + claimed + ": " + e.getMessage(), e);
        }
    }

    /** Claims older than {@code age}: left by a run that stopped while sending. */
    List<Path> abandoned(Instant now, Duration age) {
        List<Path> old = new ArrayList<>();
        for (Path file : files(SENDING)) {
            try {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(age))) {
                    old.add(file);
                }
            } catch (IOException e) {
                // Finished by its run since the listing.
            }
        }
        return old;
    }

    private List<Path> files(String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(suffix)
                            && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the outbox " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String name(Path file, String suffix) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - suffix.length());
    }

    private void createDir() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            ownerOnly(dir);
        }
    }

    /** Outbox files name their targets' secrets only by variable, but what was deployed is nobody else's business. */
    private static void ownerOnly(Path path) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path)
                    ? "rwx------" : "rw-------"));
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to.getParent() + " cannot rename atomically", e);
        }
    }
}
