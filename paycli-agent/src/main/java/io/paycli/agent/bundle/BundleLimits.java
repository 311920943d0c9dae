package io.paycli.agent.bundle;

import java.util.Locale;

/**
 * How much a deploy bundle may hold. A bundle is paycli.yaml and config files that end up in one ConfigMap (which
 * Kubernetes caps near 1 MiB), so real bundles are a few KiB; the defaults leave room for odd cases while keeping a
 * hostile upload from filling the agent's disk or memory.
 *
 * @param maxCompressedBytes   the gzip bytes read from the request (default 8 MiB)
 * @param maxUncompressedBytes the tar stream once inflated, headers and padding included (default 64 MiB); counted
 *                             while streaming, so a gzip bomb stops at this many bytes
 * @param maxEntries           files and directories together (default 10 000)
 * @param maxFileBytes         one file (default 16 MiB)
 */
public record BundleLimits(long maxCompressedBytes, long maxUncompressedBytes, int maxEntries, long maxFileBytes) {
    private static final long MIB = 1024 * 1024;
    public static final BundleLimits DEFAULTS = new BundleLimits(8 * MIB, 64 * MIB, 10_000, 16 * MIB);

    public BundleLimits {
        if (maxCompressedBytes <= 0 || maxUncompressedBytes <= 0 || maxEntries <= 0 || maxFileBytes <= 0) {
            throw new IllegalArgumentException("bundle limits must be positive: " + maxCompressedBytes + ", "
                    + maxUncompressedBytes + ", " + maxEntries + ", " + maxFileBytes);
        }
    }

    /** 8 MiB, 1.5 KiB or 200 bytes: for messages. */
    static String size(long bytes) {
        if (bytes >= MIB) {
            return trim(bytes / (double) MIB) + " MiB";
        }
        if (bytes >= 1024) {
            return trim(bytes / 1024.0) + " KiB";
        }
        return bytes + " bytes";
    }

    private static String trim(double value) {
        String s = String.format(Locale.ROOT, "%.1f", value);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
