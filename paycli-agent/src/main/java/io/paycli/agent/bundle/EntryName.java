package io.paycli.agent.bundle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules for a name inside a bundle: relative, no '..', nothing a filesystem could read as a separator or a
 * drive. A name that passes is a plain '/'-joined list of segments, so it cannot leave the directory it is
 * unpacked into.
 */
final class EntryName {
    /** Far above any real config path, and well under PATH_MAX once joined to the agent's data directory. */
    static final int MAX_LENGTH = 1024;
    private static final int MAX_SEGMENT_BYTES = 255;
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private EntryName() {
    }

    /**
     * The name as a clean relative path ("config/common/app.yaml"), or "" for the bundle's root directory
     * ("./"), which tar tools often list first.
     *
     * @throws BundleException naming the entry and the rule it breaks
     */
    static String clean(String raw) {
        if (raw.isEmpty()) {
            throw BundleException.entry(raw, "an entry without a name");
        }
        if (raw.length() > MAX_LENGTH) {
            throw BundleException.entry(raw.substring(0, 60) + "...",
                    "a name longer than " + MAX_LENGTH + " characters is not allowed");
        }
        if (raw.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw BundleException.entry(raw, "control characters in names are not allowed");
        }
        if (raw.startsWith("/") || DRIVE.matcher(raw).matches()) {
            throw BundleException.entry(raw, "absolute paths are not allowed; names are relative to the app directory");
        }
        if (raw.indexOf('\\') >= 0) {
            throw BundleException.entry(raw, "backslashes are not allowed in names; separate directories with '/'");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : raw.split("/")) {
            if (segment.equals("..")) {
                throw BundleException.entry(raw, "'..' segments are not allowed");
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw BundleException.entry(raw, "a segment longer than " + MAX_SEGMENT_BYTES
                        + " bytes is not allowed");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }
}
