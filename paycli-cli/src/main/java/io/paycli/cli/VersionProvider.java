package io.paycli.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** paycli --version: the project version and the git commit of the build, from version.properties. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Properties built = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                built.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String[] {describe(built)};
    }

    /** A property the build could not fill (no git, or run from an IDE) still reads as its placeholder. */
    static String describe(Properties built) {
        String version = known(built.getProperty("version"));
        String commit = known(built.getProperty("commit"));
        String line = "paycli " + (version != null ? version : "(unknown version)");
        if (commit == null) {
            return line + " (unknown commit)";
        }
        boolean dirty = "true".equals(built.getProperty("dirty"));
        return line + " (commit " + commit + (dirty ? " with local changes" : "") + ")";
    }

    private static String known(String value) {
        return value == null || value.isBlank() || value.contains("${") ? null : value.strip();
    }
}
