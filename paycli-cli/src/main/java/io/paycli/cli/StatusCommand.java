package io.paycli.cli;

import io.paycli.core.deploy.PreScaleOverride;
import io.paycli.core.deploy.Status;
import io.paycli.core.error.ExitCodes;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "status",
        header = "Show the revision in place and its objects.",
        description = "Show the revision in place, the live state of its objects, and who is deploying now, if"
                + " anyone. For a blue-green app, both colours: the Deployment, tag and revision, readiness, which one"
                + " is live, and when the other is scaled to 0. The first line, on stderr, names the namespace and the"
                + " kube context. Exits 5 when nothing healthy is in place: no successful release, or an object of it"
                + " missing or not ready.",
        mixinStandardHelpOptions = true)
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOptions project;
    @Mixin
    ClusterOptions cluster;
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        var service = cluster.recordsService();
        Status status = service.status(project.request(cluster), output.targetLine(spec));
        Optional<PreScaleOverride> preScale = status.current() == null ? Optional.empty()
                : service.preScale(project.request(cluster));
        int exit = status.healthy() ? ExitCodes.OK : ExitCodes.DEPLOY_FAILED;
        PrintWriter out = spec.commandLine().getOut();
        if (output.structured()) {
            Map<String, Object> json = json(status);
            json.put("preScale", preScale.map(StatusCommand::json).orElse(null));
            out.print(output.write(json));
            return exit;
        }
        print(out, status);
        preScale.ifPresent(o -> out.println(describe(o)));
        return exit;
    }

    /** The text form, which paycli demo shows too. */
    static void print(PrintWriter out, Status status) {
        print(out, status, Instant.now());
    }

    /** The text form as of {@code now}, which tells a colour's running window from one that has ended. */
    static void print(PrintWriter out, Status status, Instant now) {
        var t = status.target();
        if (status.lockHolder() != null) {
            out.println("a deploy is in progress: " + status.lockHolder() + " holds the lock");
        }
        if (status.current() == null) {
            out.println(t.app() + " (" + t.env() + ") has no successful release in " + t.namespace()
                    + (status.latest() == null ? "" : "; the latest attempt, revision " + status.latest().revision()
                    + ", " + HistoryCommand.result(status.latest()) + ": " + status.latest().message()));
            StatusColours.print(out, status, now);
            return;
        }
        var c = status.current();
        out.println(t.app() + " (" + t.env() + ") in " + t.namespace() + ": revision " + c.revision() + ", "
                + c.tag() + ", deployed " + c.startedAt().truncatedTo(ChronoUnit.SECONDS) + " by " + c.user() + (status.healthy() ? ", healthy" : ", NOT healthy"));
        if (status.latest() != null && status.latest().revision() != c.revision()) {
            out.println("latest attempt: revision " + status.latest().revision() + ", "
                    + HistoryCommand.result(status.latest()) + ": " + status.latest().message());
        }
        int width = status.objects().stream().mapToInt(o -> o.ref().toString().length()).max().orElse(0);
        for (Status.ObjectState o : status.objects()) {
            out.printf("  %-" + width + "s  %s%n", o.ref(), o.state());
        }
        StatusColours.print(out, status, now);
    }

    /** The line status shows for a pre-scale override. */
    static String describe(PreScaleOverride o) {
        return "pre-scale override on HPA " + o.hpa().name() + ": " + o.describe() + ", set " + o.at() + "; before: "
                + o.previous() + (o.activeAt(Instant.now()) ? ""
                        : " (expired: the next deploy or paycli reconcile puts the template's values back)");
    }

    static Map<String, Object> json(PreScaleOverride o) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("hpa", o.hpa().toString());
        json.put("min", o.min());
        json.put("max", o.max());
        json.put("until", o.until() == null ? null : o.until().toString());
        json.put("by", o.by());
        json.put("reason", o.reason());
        json.put("at", o.at() == null ? null : o.at().toString());
        json.put("previousMin", o.previousMin());
        json.put("previousMax", o.previousMax());
        json.put("active", o.activeAt(Instant.now()));
        return json;
    }

    /** The -o json/yaml form, without the pre-scale override, which the caller reads separately. */
    static Map<String, Object> json(Status s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("app", s.target().app());
        json.put("env", s.target().env());
        json.put("namespace", s.target().namespace());
        json.put("context", s.target().context());
        json.put("healthy", s.healthy());
        json.put("lockHolder", s.lockHolder());
        json.put("current", s.current() == null ? null : ReleaseJson.of(s.current()));
        json.put("latest", s.latest() == null ? null : ReleaseJson.of(s.latest()));
        List<Map<String, Object>> objects = s.objects().stream().map(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("object", o.ref().toString());
            m.put("exists", o.exists());
            m.put("ready", o.ready());
            m.put("state", o.state());
            return m;
        }).toList();
        json.put("objects", objects);
        json.put("colours", StatusColours.json(s));
        return json;
    }
}
