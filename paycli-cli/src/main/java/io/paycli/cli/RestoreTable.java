package io.paycli.cli;

import io.paycli.core.archive.InstallResult;
import io.paycli.core.deploy.RestoreReport;
import io.paycli.core.deploy.RestoredApp;
import io.paycli.core.model.ObjectRef;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The result of a restore: a table of apps and the Secrets to provide, or the same as JSON or YAML. */
final class RestoreTable {
    private static final List<String> HEADER = List.of("APP", "NAMESPACE", "VERSION", "DURATION", "RESULT");

    private RestoreTable() {
    }

    static void print(RestoreReport report, PrintWriter out) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (RestoredApp a : report.apps()) {
            rows.add(List.of(a.app(), a.namespace(), a.version() == null ? "-" : a.version(),
                    String.format("%.1fs", a.duration().toMillis() / 1000.0), a.result()));
        }
        int[] widths = new int[HEADER.size() - 1];
        rows.forEach(r -> {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
            }
            out.println(line.append(row.get(widths.length)));
        }
        out.println();
        InstallResult installed = report.installation();
        if (installed != null) {
            out.println("cluster installation: " + (report.dryRun() ? "would apply " : "applied ")
                    + installed.applied().size() + ", unchanged " + installed.unchanged().size() + ", failed "
                    + installed.failed().size() + " of the captured objects of " + report.sourceCluster());
            installed.failed().forEach(f -> out.println("  failed: " + f.ref().kind() + " " + name(f.ref()) + ": "
                    + f.reason()));
        } else {
            out.println("cluster installation: none captured for " + report.sourceCluster()
                    + "; namespaces were made bare");
        }
        out.println(summary(report));
        List<String> secrets = report.secretsToProvide();
        if (!secrets.isEmpty()) {
            out.println("provide these Secrets in the target (the archive holds only digests of their values):");
            secrets.forEach(s -> out.println("  " + s));
        }
    }

    /** "restored 3, unchanged 1, failed 1, skipped 0 of 5 apps of prod-tw (archive commit …) into context dr". */
    static String summary(RestoreReport report) {
        StringBuilder s = new StringBuilder(report.dryRun() ? "dry run, nothing changed: would restore "
                + report.count(RestoredApp.Outcome.WOULD_RESTORE) : "restored " + report.count(
                        RestoredApp.Outcome.RESTORED));
        s.append(", unchanged ").append(report.count(RestoredApp.Outcome.UNCHANGED));
        s.append(", failed ").append(report.count(RestoredApp.Outcome.FAILED));
        s.append(", skipped ").append(report.count(RestoredApp.Outcome.SKIPPED));
        s.append(" of ").append(report.apps().size()).append(" apps of ").append(report.sourceCluster())
                .append(" (archive commit ").append(report.archiveCommit(), 0, 12).append(" from ")
                .append(report.archiveFrom()).append(") into context ").append(report.targetContext());
        return s.toString();
    }

    static Map<String, Object> json(RestoreReport report, int exitCode) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", report.sourceCluster());
        json.put("archiveCommit", report.archiveCommit());
        json.put("archiveFrom", report.archiveFrom());
        json.put("toContext", report.targetContext());
        json.put("dryRun", report.dryRun());
        InstallResult installed = report.installation();
        if (installed != null) {
            Map<String, Object> installation = new LinkedHashMap<>();
            installation.put(report.dryRun() ? "wouldApply" : "applied",
                    installed.applied().stream().map(RestoreTable::describe).toList());
            installation.put("unchanged", installed.unchanged().size());
            installation.put("failed", installed.failed().stream().map(f -> Map.of("object", describe(f.ref()),
                    "reason", f.reason())).toList());
            json.put("installation", installation);
        } else {
            json.put("installation", null);
        }
        json.put("apps", report.apps().stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("app", a.app());
            m.put("sourceNamespace", a.sourceNamespace());
            m.put("namespace", a.namespace());
            m.put("version", a.version());
            m.put("revision", a.revision() == 0 ? null : a.revision());
            m.put("durationMillis", a.duration().toMillis());
            m.put("result", a.outcome().name().toLowerCase().replace('_', ' '));
            m.put("reason", a.reason());
            m.put("secrets", a.secrets());
            return m;
        }).toList());
        json.put("secretsToProvide", report.secretsToProvide());
        json.put("exitCode", exitCode);
        return json;
    }

    /** {@code ClusterRole admin-extra} or {@code ResourceQuota shop/compute}. */
    private static String describe(ObjectRef ref) {
        return ref.kind() + " " + name(ref);
    }

    private static String name(ObjectRef ref) {
        return ref.namespace() == null ? ref.name() : ref.namespace() + "/" + ref.name();
    }
}
