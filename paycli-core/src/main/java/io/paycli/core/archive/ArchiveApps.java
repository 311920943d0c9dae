package io.paycli.core.archive;

import io.paycli.core.error.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;

/**
 * Reads what a restore puts back: every app the archive holds for one source cluster, each with its last successful
 * release. With a remote, the remote is fetched first and its commit read, so that a new machine with nothing but
 * the remote restores what the remote has; a local archive that is ahead of its remote (pushes still pending) is
 * read instead. Only remote-tracking refs change: the local branch and files stay as they are.
 */
public final class ArchiveApps {
    /** The folder a cluster capture writes, which holds no app. */
    static final String CLUSTER_FOLDER = "_cluster";

    private ArchiveApps() {
    }

    /** {@code appGlob} matches app names ({@code *} and {@code ?}); null matches every app. */
    public static ArchiveSnapshot read(ArchiveSettings settings, String cluster, String appGlob,
                                       Consumer<String> warnings) {
        if (!settings.hasRemote() && !Files.isDirectory(settings.dir().resolve(".git"))) {
            throw new InvalidInputException("no archive at " + settings.dir()
                    + " (set --archive or PAYCLI_ARCHIVE, or --archive-remote)");
        }
        try {
            // held while the fetch moves the remote-tracking refs another writer may be moving too
            ArchiveLock lock = ArchiveLock.take(settings.dir());
            try (lock; Git git = new GitArchive(settings).open()) {
                Repository repository = git.getRepository();
                ObjectId local = repository.resolve(Constants.HEAD);
                ObjectId remote = settings.hasRemote() ? new ArchivePush(git, settings).fetch(warnings) : null;
                ObjectId commit;
                String from;
                if (remote != null && (local == null || !contains(repository, local, remote))) {
                    commit = remote;
                    from = ArchiveSink.masked(settings.remote());
                } else {
                    commit = local;
                    from = settings.dir().toString();
                }
                if (commit == null) {
                    throw new InvalidInputException("the archive at " + settings.dir() + (settings.hasRemote()
                            ? " and its remote " + ArchiveSink.masked(settings.remote()) + " hold" : " holds")
                            + " no commit yet");
                }
                List<ArchivedApp> apps = apps(git, commit, cluster, glob(appGlob));
                ClusterInstall install = install(repository, commit, cluster);
                if (apps.isEmpty() && (install == null || appGlob != null)) {
                    throw new InvalidInputException("the archive at " + from + " holds no app of cluster " + cluster
                            + (appGlob == null ? "" : " matching " + appGlob) + " (commit "
                            + commit.name().substring(0, 12) + "); the cluster folders are the names "
                            + "paycli archive log shows under CLUSTER");
                }
                return new ArchiveSnapshot(cluster, commit.name(), from, apps, install);
            }
        } catch (IOException | GitAPIException e) {
            throw new UncheckedIOException("the archive at " + settings.dir() + " cannot be read",
                    e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
    }

    /** True when {@code head} already has every commit of {@code other}. */
    private static boolean contains(Repository repository, ObjectId head, ObjectId other) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.isMergedInto(walk.parseCommit(other), walk.parseCommit(head));
        }
    }

    private static List<ArchivedApp> apps(Git git, ObjectId commitId, String cluster, Pattern glob)
            throws IOException, GitAPIException {
        Repository repository = git.getRepository();
        List<String> folders = new ArrayList<>();
        try (RevWalk revs = new RevWalk(repository); TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(revs.parseCommit(commitId).getTree());
            walk.setRecursive(true);
            walk.setFilter(AndTreeFilter.create(PathFilter.create(ArchivedStep.segment(cluster)),
                    PathSuffixFilter.create("/release.json")));
            while (walk.next()) {
                String[] parts = walk.getPathString().split("/");
                if (parts.length == 4 && !parts[1].equals(CLUSTER_FOLDER)) {
                    folders.add(parts[0] + "/" + parts[1] + "/" + parts[2]);
                }
            }
        }
        List<ArchivedApp> apps = new ArrayList<>();
        for (ArchivedApp app : ReleaseHistory.lastGood(repository, commitId, ArchivedStep.segment(cluster),
                folders.stream().sorted().toList())) {
            if (glob == null || glob.matcher(app.app()).matches()) {
                apps.add(app);
            }
        }
        return apps;
    }

    /** The capture of {@code cluster} in the commit's tree, so that it and the apps come from one commit. */
    private static ClusterInstall install(Repository repository, ObjectId commitId, String cluster)
            throws IOException {
        String folder = CaptureFolder.folder(cluster) + "/";
        Map<String, String> yamlFiles = new TreeMap<>();
        String summary = null;
        String secrets = null;
        try (RevWalk revs = new RevWalk(repository); TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(revs.parseCommit(commitId).getTree());
            walk.setRecursive(true);
            walk.setFilter(PathFilter.create(CaptureFolder.folder(cluster)));
            while (walk.next()) {
                String path = walk.getPathString();
                String text = new String(repository.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                if (path.equals(folder + CaptureFolder.SUMMARY)) {
                    summary = text;
                } else if (path.equals(folder + CaptureFolder.SECRETS)) {
                    secrets = text;
                } else if (path.endsWith(".yaml")) {
                    yamlFiles.put(path, text);
                }
            }
        }
        return summary == null ? null : ClusterInstall.parse(cluster, yamlFiles, secrets);
    }

    static Pattern glob(String glob) {
        if (glob == null || glob.isBlank()) {
            return null;
        }
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    static String file(Repository repository, RevCommit commit, String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(repository, path, commit.getTree())) {
            return walk == null ? null
                    : new String(repository.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }
}
