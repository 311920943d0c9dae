package io.paycli.cli;

import io.paycli.core.deploy.Status;
import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.Release;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two colours of a blue-green app in paycli status: each colour's Deployment, what it runs, its readiness, which
 * one the Service selects, and when the other will be scaled to 0.
 */
final class StatusColours {
    private StatusColours() {
    }

    /**
     * One aligned line per colour, after "colours:"; nothing for a rolling app. {@code now} tells a window that runs
     * from one that has ended and waits for paycli reconcile.
     */
    static void print(PrintWriter out, Status status, Instant now) {
        if (status.colours().isEmpty()) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (Status.ColourState c : status.colours()) {
            rows.add(new String[] {c.colour().id(), "Deployment " + c.deployment(), version(c), readiness(c),
                note(c, status.current(), now)});
        }
        int[] width = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        out.println("colours:");
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = i < width.length ? row[i] + " ".repeat(width[i] - row[i].length()) : row[i];
                line.append("  ").append(cell);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String version(Status.ColourState c) {
        if (!c.exists()) {
            return "";
        }
        String tag = c.tag() == null ? "tag unknown" : c.tag();
        return c.revision() == null ? tag : tag + ", revision " + c.revision();
    }

    private static String readiness(Status.ColourState c) {
        if (!c.exists()) {
            return "not there";
        }
        return c.replicas() == 0 && c.ready() == 0 ? "scaled to 0" : c.ready() + "/" + c.replicas() + " ready";
    }

    private static String note(Status.ColourState c, Release current, Instant now) {
        if (c.live()) {
            return "live";
        }
        String paycli = ProgramName.get();
        BlueGreenState state = current == null ? null : current.blueGreen();
        if (state != null && state.phase() == BlueGreenState.Phase.PREVIEW && state.idle() == c.colour()
                && c.exists()) {
            return "on preview: '" + paycli + " promote' switches to it, '" + paycli + " abort' drops it";
        }
        if (c.scaleDownAt() == null || !c.exists() || c.replicas() == 0) {
            return "";
        }
        Instant at = c.scaleDownAt().truncatedTo(ChronoUnit.SECONDS);
        if (now.isBefore(c.scaleDownAt())) {
            return "scaled to 0 at " + at + "; until then '" + paycli + " rollback' switches back to it";
        }
        return "window ended at " + at + ": the next '" + paycli + " reconcile' or deploy scales it to 0";
    }

    /** The colours for -o json/yaml: an empty list for a rolling app. */
    static List<Map<String, Object>> json(Status status) {
        return status.colours().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("colour", c.colour().id());
            m.put("deployment", c.deployment());
            m.put("live", c.live());
            m.put("tag", c.tag());
            m.put("revision", c.revision());
            m.put("exists", c.exists());
            m.put("ready", c.ready());
            m.put("replicas", c.replicas());
            m.put("scaleDownAt", c.scaleDownAt() == null ? null : c.scaleDownAt().toString());
            return m;
        }).toList();
    }
}
