package io.paycli.agent.audit;

import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.error.PaycliException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log as a file: one JSON object per line ({@link AuditEntry}), appended, never rewritten. Each entry
 * goes to the operating system in a single write before {@link #append} returns, so it survives the agent
 * crashing; it is not forced to disk (no fsync per request), so a power loss can take the last few.
 *
 * <p>The file is opened with APPEND: entries from several threads, or from several agents sharing the file, land
 * whole and one after another. A new file is created readable by owner and group only (source addresses and client
 * ids are not for everyone). Safe for concurrent use.
 */
public final class AuditFile implements Closeable {
    private static final JsonMapper JSON = JsonMapper.shared();

    private final Path file;
    private final FileChannel channel;

    public AuditFile(Path file) {
        this.file = file;
        try {
            channel = FileChannel.open(file,
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                    ownerAndGroup());
            endTornLine();
        } catch (IOException e) {
            throw new InvalidInputException("cannot open the audit log " + file + ": " + reason(e));
        }
    }

    /** Writes {@code entry} as one line. Fails, rather than losing the entry quietly, when the file can't take it. */
    public synchronized void append(AuditEntry entry) {
        // Jackson escapes line breaks inside strings, so a value can't start a line of its own.
        byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            write(ByteBuffer.wrap(line));
        } catch (IOException e) {
            throw new PaycliException(ExitCodes.INTERNAL, "cannot write to the audit log " + file + ": " + reason(e));
        }
    }

    /** Every entry, oldest first; for tests and the dashboard. */
    public List<AuditEntry> read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the audit log " + file + ": " + reason(e));
        }
        List<AuditEntry> entries = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                entries.add(JSON.readValue(lines.get(i), AuditEntry.class));
            } catch (JacksonException e) {
                throw new InvalidInputException("audit log " + file + " line " + (i + 1) + " is not an audit entry: "
                        + e.getOriginalMessage());
            }
        }
        return entries;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    /** After a crash in the middle of a write, start on a new line so the next entry is whole. */
    private void endTornLine() throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = reader.size();
            if (size == 0) {
                return;
            }
            reader.read(last, size - 1);
        }
        if (last.get(0) != '\n') {
            write(ByteBuffer.wrap(new byte[] {'\n'}));
        }
    }

    private void write(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static FileAttribute<?>[] ownerAndGroup() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----"))};
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
