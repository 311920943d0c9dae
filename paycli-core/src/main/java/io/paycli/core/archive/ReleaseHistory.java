package io.paycli.core.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Finds the release to restore of many app folders in one walk of the history, newest commit first, each commit
 * compared with its parents once under the cluster's folder; the walk stops when every folder is settled. A
 * {@code git log -- <folder>} per folder walked the history again for each app: most of a 300-app restore's
 * reading time.
 */
final class ReleaseHistory {
    private static final String RECORD = "/release.json";

    private ReleaseHistory() {
    }

    /** The apps of {@code folders} (all under {@code clusterSegment}), in the order given. */
    static List<ArchivedApp> lastGood(Repository repository, ObjectId head, String clusterSegment,
                                      List<String> folders) throws IOException {
        Map<String, FolderHistory> pending = new LinkedHashMap<>();
        folders.forEach(f -> pending.put(f, new FolderHistory(repository, head, f)));
        Map<String, ArchivedApp> settled = new LinkedHashMap<>();
        try (RevWalk revs = new RevWalk(repository)) {
            revs.sort(RevSort.TOPO);
            revs.markStart(revs.parseCommit(head));
            for (RevCommit commit = revs.next(); commit != null && !pending.isEmpty(); commit = revs.next()) {
                for (String[] changed : records(repository, revs, commit, clusterSegment)) {
                    FolderHistory folder = pending.get(changed[0]);
                    if (folder == null) {
                        continue;
                    }
                    ArchivedApp app = folder.offer(commit, changed[1]);
                    if (app != null) {
                        settled.put(folder.folder(), app);
                        pending.remove(folder.folder());
                    }
                }
            }
        }
        pending.values().forEach(f -> settled.put(f.folder(), f.notFound()));
        List<ArchivedApp> apps = new ArrayList<>();
        folders.forEach(f -> apps.add(settled.get(f)));
        return apps;
    }

    /**
     * The records {@code commit} wrote, as (folder, json): a record counts when it differs from the one of every
     * parent (a merge that took it unchanged from one side did not write it), as {@code git log -- path} counts it.
     * A record the commit deleted wrote nothing.
     */
    private static List<String[]> records(Repository repository, RevWalk revs, RevCommit commit,
                                          String clusterSegment) throws IOException {
        List<String[]> found = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commit.getTree());
            if (commit.getParentCount() == 0) {
                walk.addTree(new EmptyTreeIterator());
            }
            for (RevCommit parent : commit.getParents()) {
                walk.addTree(revs.parseCommit(parent).getTree());
            }
            walk.setRecursive(true);
            walk.setFilter(AndTreeFilter.create(List.of(PathFilter.create(clusterSegment),
                    PathSuffixFilter.create(RECORD), TreeFilter.ANY_DIFF)));
            while (walk.next()) {
                ObjectId written = walk.getObjectId(0);
                if (written.equals(ObjectId.zeroId()) || sameAsAParent(walk, written)) {
                    continue;
                }
                String path = walk.getPathString();
                found.add(new String[] {path.substring(0, path.length() - RECORD.length()),
                        new String(repository.open(written).getBytes(), StandardCharsets.UTF_8)});
            }
        }
        return found;
    }

    private static boolean sameAsAParent(TreeWalk walk, ObjectId written) {
        for (int i = 1; i < walk.getTreeCount(); i++) {
            if (written.equals(walk.getObjectId(i))) {
                return true;
            }
        }
        return false;
    }
}
