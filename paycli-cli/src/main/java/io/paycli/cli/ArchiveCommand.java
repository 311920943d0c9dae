package io.paycli.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "archive",
        header = "The manifests archive: who deployed what, when, and the YAML of each step.",
        description = "Every deploy, rollback, promote, abort and scale that changes a cluster is one commit of the"
                + " manifests archive, a git repository: <cluster>/<namespace>/<app>/manifests.yaml (what is in"
                + " place after the step) and release.json (the step's record). These commands read it.",
        mixinStandardHelpOptions = true,
        subcommands = {ArchiveLogCommand.class, ArchiveShowCommand.class, ArchiveDiffCommand.class})
final class ArchiveCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose 'archive log', 'archive show REF' or"
                + " 'archive diff REF1 REF2'");
    }
}
