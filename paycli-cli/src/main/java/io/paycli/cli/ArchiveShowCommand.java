package io.paycli.cli;

import io.paycli.core.archive.ArchiveLog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show",
        header = "Print the manifests in place after an archived step.",
        description = "Print manifests.yaml as commit REF left it (a commit id, a prefix of one, or a git"
                + " revision such as HEAD~3): by default that of the app the commit recorded; with --app, that app's"
                + " in every cluster and namespace, each after a comment naming its folder. Secret values appear"
                + " only as sha256 digests.",
        mixinStandardHelpOptions = true)
final class ArchiveShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ArchiveDirOption archive;

    @Parameters(index = "0", paramLabel = "REF", description = "The commit.")
    String ref;

    @Option(names = "--app", paramLabel = "APP", description = "Print this app's manifests as of REF.")
    String app;

    @Override
    public Integer call() {
        try (ArchiveLog log = ArchiveLog.open(archive.dir())) {
            spec.commandLine().getOut().print(log.show(ref, app));
        }
        return 0;
    }
}
