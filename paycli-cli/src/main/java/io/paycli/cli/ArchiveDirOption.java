package io.paycli.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --archive for the commands that read the archive; the same default as the commands that write it. */
final class ArchiveDirOption {
    @Option(names = "--archive", paramLabel = "DIR",
            description = "The manifests archive (default: $PAYCLI_ARCHIVE, else archive.dir of"
                    + " ~/.paycli/config.yaml, else ~/.paycli/archive).")
    Path archive;

    Path dir() {
        if (archive != null) {
            return archive;
        }
        String env = System.getenv("PAYCLI_ARCHIVE");
        return SinkOptions.archiveDir(null, env != null && !env.isBlank() ? null : SinkOptions.userConfig());
    }
}
