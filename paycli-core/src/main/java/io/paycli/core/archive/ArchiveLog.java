package io.paycli.core.archive;

import io.paycli.core.error.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import tools.jackson.databind.json.JsonMapper;

/** Reads the archive: who deployed what and when, the manifests of a commit, and what changed between two. */
public final class ArchiveLog implements AutoCloseable {
    static final String FOLDER_LINE = "folder: ";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dir;
    private final Repository repository;

    private ArchiveLog(Path dir, Repository repository) {
        this.dir = dir;
        this.repository = repository;
    }

    /** A commit and the record it wrote ({@code release.json}'s fields). */
    public record Entry(String commit, Instant committedAt, String folder, Map<String, Object> record) {
        public String field(String name) {
            Object value = record.get(name);
            return value == null ? null : String.valueOf(value);
        }
    }

    /** Which entries to list; a null field matches everything. */
    public record Filter(String app, String env, String cluster, Instant since) {
        boolean matches(Entry e) {
            return (app == null || app.equals(e.field("app"))) && (env == null || env.equals(e.field("env")))
                    && (cluster == null || cluster.equals(e.field("cluster")))
                    && (since == null || !e.committedAt().isBefore(since));
        }
    }

    public static ArchiveLog open(Path dir) {
        if (!Files.isDirectory(dir.resolve(".git"))) {
            throw new InvalidInputException("no archive at " + dir + " (set --archive or PAYCLI_ARCHIVE)");
        }
        try {
            Repository repository = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile())
                    .setMustExist(true).build();
            return new ArchiveLog(dir, repository);
        } catch (IOException e) {
            throw new InvalidInputException("the archive at " + dir + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Newest first. */
    public List<Entry> log(Filter filter) {
        List<Entry> entries = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head == null) {
                return entries;
            }
            walk.markStart(walk.parseCommit(head));
            for (RevCommit commit : walk) {
                String folder = folder(commit);
                if (folder == null) {
                    continue;
                }
                String json = file(commit, folder + "/release.json");
                Map<String, Object> record = new LinkedHashMap<>();
                if (json != null) {
                    Map<?, ?> fields = JSON.readValue(json, Map.class);
                    fields.forEach((k, v) -> record.put(String.valueOf(k), v));
                }
                Entry entry = new Entry(commit.name(), Instant.ofEpochSecond(commit.getCommitTime()), folder, record);
                if (filter.matches(entry)) {
                    entries.add(entry);
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("the archive at " + dir + " cannot be read", e);
        }
    }

    /**
     * The manifests in place after commit {@code ref}: the app that commit recorded, or with {@code app} that app
     * in every cluster and namespace the archive holds it, each after a comment line naming its folder.
     */
    public String show(String ref, String app) {
        RevCommit commit = commit(ref);
        try {
            if (app == null) {
                String folder = folder(commit);
                if (folder == null) {
                    throw new InvalidInputException("commit " + ref + " of the archive at " + dir
                            + " records no step; name the app with --app");
                }
                String manifests = file(commit, folder + "/manifests.yaml");
                if (manifests == null) {
                    throw new InvalidInputException("commit " + ref + " of the archive at " + dir
                            + " holds no manifests in " + folder);
                }
                return manifests;
            }
            StringBuilder out = new StringBuilder();
            try (TreeWalk walk = new TreeWalk(repository)) {
                walk.addTree(commit.getTree());
                walk.setRecursive(true);
                walk.setFilter(PathSuffixFilter.create("/" + ArchivedStep.segment(app) + "/manifests.yaml"));
                while (walk.next()) {
                    out.append("# ").append(walk.getPathString()).append('\n');
                    out.append(new String(repository.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
                }
            }
            if (out.isEmpty()) {
                throw new InvalidInputException("the archive at " + dir + " holds no manifests of " + app + " at "
                        + ref);
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("the archive at " + dir + " cannot be read", e);
        }
    }

    /** A unified diff of every file that differs between the two commits. */
    public String diff(String from, String to) {
        RevCommit a = commit(from);
        RevCommit b = commit(to);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.setRepository(repository);
            formatter.format(a.getTree(), b.getTree());
        } catch (IOException e) {
            throw new UncheckedIOException("the archive at " + dir + " cannot be read", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private RevCommit commit(String ref) {
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId id = repository.resolve(ref + "^{commit}");
            if (id == null) {
                throw new InvalidInputException("the archive at " + dir + " has no commit " + ref);
            }
            return walk.parseCommit(id);
        } catch (RevisionSyntaxException | org.eclipse.jgit.errors.AmbiguousObjectException e) {
            throw new InvalidInputException("the archive at " + dir + " has no commit " + ref + ": "
                    + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException("the archive at " + dir + " has no commit " + ref);
        }
    }

    private static String folder(RevCommit commit) {
        for (String line : commit.getFullMessage().split("\n")) {
            if (line.startsWith(FOLDER_LINE)) {
                return line.substring(FOLDER_LINE.length()).strip();
            }
        }
        return null;
    }

    private String file(RevCommit commit, String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(repository, path, commit.getTree())) {
            return walk == null ? null
                    : new String(repository.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}
