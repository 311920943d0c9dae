package io.paycli.agent.bundle;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it and fails as soon as they pass a limit, so that a limit holds while streaming
 * (a gzip bomb stops after {@code limit} inflated bytes, not after inflating everything). Closing does not close
 * the stream below: the caller owns it.
 */
final class CountingInput extends FilterInputStream {
    /** Passes through the gzip and tar readers, which only pass on IOExceptions; BundleReader makes it a message. */
    static final class LimitExceeded extends IOException {
        final String rule;

        LimitExceeded(String what, String rule) {
            super(what);
            this.rule = rule;
        }
    }

    /** A failure of the stream below (the upload), as opposed to a broken bundle. */
    static final class SourceFailed extends IOException {
        SourceFailed(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final long limit;
    private final String exceeded;
    private final String rule;
    private final boolean source;
    private long count;

    /**
     * @param exceeded what to say when more than {@code limit} bytes come through
     * @param rule     the name of the limit, for the message
     * @param source   whether this wraps the caller's stream, whose own failures are marked {@link SourceFailed}
     */
    CountingInput(InputStream in, long limit, String exceeded, String rule, boolean source) {
        super(in);
        this.limit = limit;
        this.exceeded = exceeded;
        this.rule = rule;
        this.source = source;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = below(() -> in.read());
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        // Never ask for more than one byte past the limit: enough to notice, without inflating a bigger chunk.
        int n = below(() -> in.read(buffer, offset, (int) Math.min(length, Math.max(1, limit - count + 1))));
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return below(() -> in.available());
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
        // the caller's stream, or a reader the caller closes
    }

    private void counted(long n) throws LimitExceeded {
        count += n;
        if (count > limit) {
            throw new LimitExceeded(exceeded, rule);
        }
    }

    private interface Read {
        int run() throws IOException;
    }

    private int below(Read read) throws IOException {
        if (!source) {
            return read.run();
        }
        try {
            return read.run();
        } catch (IOException e) {
            throw new SourceFailed(e);
        }
    }
}
