package io.paycli.agent.bundle;

import java.util.List;

/**
 * What {@link BundleWriter} packed.
 *
 * @param files   the files' entry names, in the order written (paycli.yaml among them)
 * @param bytes   their content, in bytes
 * @param missing config paths of paycli.yaml that do not exist, so were not packed (a deploy of an environment
 *                that needs one fails on the agent as it would locally)
 */
public record PackedBundle(List<String> files, long bytes, List<String> missing) {
    public PackedBundle {
        files = List.copyOf(files);
        missing = List.copyOf(missing);
    }

    /** For example "bundle: 6 files, 2.1 KiB (config path config/qa does not exist)". */
    public String summary() {
        String line = "bundle: " + files.size() + (files.size() == 1 ? " file, " : " files, ")
                + BundleLimits.size(bytes);
        return missing.isEmpty() ? line
                : line + " (config path" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                        + (missing.size() == 1 ? " does" : " do") + " not exist)";
    }
}
