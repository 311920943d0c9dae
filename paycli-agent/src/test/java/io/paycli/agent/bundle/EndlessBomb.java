package io.paycli.agent.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Deflater;

/**
 * A gzip stream made on the fly: a tar archive, then zeros without end. Each megabyte of zeros is the same
 * sync-flushed deflate block sequence (about 1 KiB) repeated, which is valid since zeros only refer back to zeros.
 */
final class EndlessBomb extends InputStream {
    private static final int CHUNK = 1 << 20;
    private static final long CHUNKS = 1L << 21; // 2 TiB of zeros: more than any test would wait for

    private static final long GIVE_UP = 4L << 20;

    private final byte[] head;
    private final byte[] zeros;
    private long given;
    private long chunk;
    private int at;
    private byte[] current;

    EndlessBomb(byte[] tar) {
        byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        byte[] body = deflate(tar);
        head = new byte[header.length + body.length];
        System.arraycopy(header, 0, head, 0, header.length);
        System.arraycopy(body, 0, head, header.length, body.length);
        zeros = deflate(new byte[CHUNK]);
        current = head;
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        deflater.end();
        return out.toByteArray();
    }

    /** The bytes the stream would inflate to if read to its end. */
    long inflatesTo() {
        return CHUNKS * CHUNK;
    }

    /** The compressed bytes handed out so far. */
    long given() {
        return given;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (given > GIVE_UP) {
            // A reader that inflates everything first would take days: fail instead of hanging the build.
            throw new IOException("the reader went on past " + GIVE_UP + " compressed bytes");
        }
        if (at == current.length) {
            if (chunk == CHUNKS) {
                return -1;
            }
            chunk++;
            current = zeros;
            at = 0;
        }
        int n = Math.min(len, current.length - at);
        System.arraycopy(current, at, b, off, n);
        at += n;
        given += n;
        return n;
    }
}
