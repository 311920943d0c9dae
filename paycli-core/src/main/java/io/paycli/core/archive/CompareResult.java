package io.paycli.core.archive;

import io.paycli.core.deploy.Drift;
import io.paycli.core.model.ObjectRef;
import java.util.List;

/**
 * {@code paycli cluster compare}: app by app, and the captured {@code _cluster} objects, whether the target
 * matches what the archive says the source runs.
 */
public record CompareResult(String source, String targetContext, List<AppComparison> apps,
        List<InstallComparison> install) {

    public enum Verdict { SAME, DIFFERENT, MISSING }

    /**
     * One app: what the source runs (its archived release) against what the target recorded as running, and the
     * target's live objects that no longer match its record.
     */
    public record AppComparison(String app, String env, String sourceNamespace, String targetNamespace,
            String sourceTag, String targetTag, String sourceConfigHash, String targetConfigHash,
            List<Drift.ObjectDrift> drift, Verdict verdict, String reason) {
    }

    /** One captured object on the target: present as captured, missing, or different in the named fields. */
    public record InstallComparison(ObjectRef ref, Verdict verdict, List<String> fields) {
    }

    public CompareResult {
        apps = List.copyOf(apps);
        install = List.copyOf(install);
    }

    /** True when anything is missing or different. */
    public boolean differences() {
        return apps.stream().anyMatch(a -> a.verdict() != Verdict.SAME)
                || install.stream().anyMatch(i -> i.verdict() != Verdict.SAME);
    }
}
