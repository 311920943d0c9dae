package io.paycli.core.archive;

import io.paycli.core.deploy.Published;
import io.paycli.core.model.DeployEvent;
import java.nio.file.Path;

/**
 * A separate process that archives {@code count} deploys of one app: ArchiveConcurrencyTest starts two at once on
 * one archive. Prints each warning and each commit; exits 1 if any step was not archived or pushed cleanly.
 */
public final class ArchiveWriterProcess {
    private ArchiveWriterProcess() {
    }

    public static void main(String[] args) {
        Path archive = Path.of(args[0]);
        String remote = args[1];
        String app = args[2];
        int count = Integer.parseInt(args[3]);
        ArchiveSink sink = new ArchiveSink(ArchiveSettings.local(archive).withRemote(remote));
        int problems = 0;
        for (int i = 1; i <= count; i++) {
            int[] warnings = {0};
            Published out = sink.released(Steps.deploy(app, i, "1.0." + i), event -> {
                if (event.kind() == DeployEvent.Kind.WARNING) {
                    System.err.println(app + " " + event.message());
                    warnings[0]++;
                }
            });
            problems += warnings[0] + (out.archiveCommit() == null ? 1 : 0);
            System.out.println(out.archiveCommit());
        }
        System.exit(problems == 0 ? 0 : 1);
    }
}
