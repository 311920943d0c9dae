package io.paycli.cli;

import io.paycli.core.archive.ArchiveLog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff",
        header = "Show what changed in the archive between two commits.",
        description = "A unified diff of every archived file that differs between REF1 and REF2: manifests,"
                + " records, attempted manifests. Nothing is printed when they hold the same files.",
        mixinStandardHelpOptions = true)
final class ArchiveDiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ArchiveDirOption archive;

    @Parameters(index = "0", paramLabel = "REF1", description = "The earlier commit.")
    String from;

    @Parameters(index = "1", paramLabel = "REF2", description = "The later commit.")
    String to;

    @Override
    public Integer call() {
        try (ArchiveLog log = ArchiveLog.open(archive.dir())) {
            spec.commandLine().getOut().print(log.diff(from, to));
        }
        return 0;
    }
}
