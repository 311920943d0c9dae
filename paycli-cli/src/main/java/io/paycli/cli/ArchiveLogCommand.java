package io.paycli.cli;

import io.paycli.core.archive.ArchiveLog;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "log",
        header = "Who deployed what, where and when: the archive's steps, newest first.",
        description = "List the steps the archive holds, newest first: the commit, when it was archived, who ran it,"
                + " the action, the app, environment and cluster, the version and the result. -o json adds every"
                + " field of each step's release.json (template, catalog commit, config hash, image, duration).",
        mixinStandardHelpOptions = true)
final class ArchiveLogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ArchiveDirOption archive;
    @Mixin
    OutputOptions output;

    @Option(names = "--app", paramLabel = "APP", description = "Only the steps of this app.")
    String app;

    @Option(names = "--env", paramLabel = "ENV", description = "Only the steps in this environment.")
    String env;

    @Option(names = "--cluster", paramLabel = "CLUSTER",
            description = "Only the steps on this cluster (its clusterName, else its kube context).")
    String cluster;

    @Option(names = "--since", paramLabel = "TIME", converter = SinceConverter.class,
            description = "Only the steps archived since TIME: an RFC 3339 time (2026-12-01T00:00:00Z), a date"
                    + " (2026-12-01, UTC) or a duration back from now (24h, 7d).")
    Instant since;

    @Override
    public Integer call() {
        List<ArchiveLog.Entry> entries;
        try (ArchiveLog log = ArchiveLog.open(archive.dir())) {
            entries = log.log(new ArchiveLog.Filter(app, env, cluster, since));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.structured()) {
            out.print(output.write(entries.stream().map(ArchiveLogCommand::json).toList()));
            return 0;
        }
        out.printf("%-12s  %-20s  %-12s  %-8s  %-20s  %-10s  %-16s  %-14s  %s%n", "COMMIT", "ARCHIVED", "USER",
                "ACTION", "APP", "ENV", "CLUSTER", "VERSION", "RESULT");
        for (ArchiveLog.Entry e : entries) {
            out.printf("%-12s  %-20s  %-12s  %-8s  %-20s  %-10s  %-16s  %-14s  %s%n", e.commit().substring(0, 12),
                    e.committedAt(), e.field("user"), e.field("action"), e.field("app"), e.field("env"),
                    e.field("cluster"), e.field("tag"), e.field("result"));
        }
        return 0;
    }

    private static Map<String, Object> json(ArchiveLog.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("commit", e.commit());
        m.put("archivedAt", e.committedAt().toString());
        m.put("folder", e.folder());
        m.putAll(e.record());
        return m;
    }
}
