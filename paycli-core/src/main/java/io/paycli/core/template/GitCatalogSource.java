package io.paycli.core.template;

import io.paycli.core.error.Suggestion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.paycli.core.error.InvalidInputException;
import io.paycli.core.git.SystemSsh;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A catalog in a git repository, pinned to a branch, tag or commit id. Opening it refreshes a
 * local bare mirror and reads the packages straight from the commit's tree; nothing is checked
 * out. When the remote is unreachable the mirror serves, and {@link #warnings()} says so.
 */
public final class GitCatalogSource implements CatalogSource {

    /** The ref that means "the remote's default branch". */
    public static final String DEFAULT_REF = "HEAD";
    private static final Pattern FULL_ID = Pattern.compile("[0-9a-fA-F]{40}");

    private final String describe;
    private final CatalogSnapshot snapshot;
    private final List<String> warnings;

    private GitCatalogSource(String describe, CatalogSnapshot snapshot, List<String> warnings) {
        this.describe = describe;
        this.snapshot = snapshot;
        this.warnings = List.copyOf(warnings);
    }

    /** Opens {@code url} at {@code ref}, keeping its mirror under {@code cacheDir}. */
    public static GitCatalogSource open(String url, String ref, Path cacheDir) {
        return open(url, ref, cacheDir, new SystemSsh("ssh", GitCatalogCache.TIMEOUT_SECONDS));
    }

    /** With another ssh program, so tests can serve an ssh url without an ssh server. */
    static GitCatalogSource open(String url, String ref, Path cacheDir, SystemSsh ssh) {
        GitCatalogCache cache = new GitCatalogCache(url, cacheDir, ssh);
        boolean fresh = !cache.exists();
        if (fresh) {
            cache.create();
        }
        List<String> warnings = new ArrayList<>();
        try (Repository repo = cache.open()) {
            ObjectId commit = pinnedAndCached(repo, url, ref);
            if (commit == null) {
                commit = fresh ? resolve(repo, url, ref) : fetchThenResolve(cache, repo, url, ref, warnings);
            }
            if (commit == null && DEFAULT_REF.equals(ref)) {
                throw new InvalidInputException("template catalog " + url
                        + " has no default branch; name a branch or tag with #<ref>");
            }
            if (commit == null) {
                throw new InvalidInputException("unknown ref '" + ref + "' in template catalog " + url
                        + Suggestion.hint(ref, refNames(repo)));
            }
            String describe = url + "#" + ref;
            return new GitCatalogSource(describe,
                    new CatalogSnapshot(describe, commit.name(), read(repo, commit, describe)), warnings);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the template catalog cache " + cache.dir() + " of " + url
                    + ": " + GitCatalogCache.oneLine(e.getMessage()), e);
        }
    }

    /** A full commit id never changes meaning, so when the mirror has it there is nothing to fetch. */
    private static ObjectId pinnedAndCached(Repository repo, String url, String ref) throws IOException {
        return FULL_ID.matcher(ref).matches() ? resolve(repo, url, ref) : null;
    }

    private static ObjectId fetchThenResolve(GitCatalogCache cache, Repository repo, String url, String ref,
            List<String> warnings) throws IOException {
        try {
            cache.fetch(repo);
        } catch (GitCatalogCache.FetchFailure e) {
            ObjectId cached = resolve(repo, url, ref);
            if (cached == null) {
                throw new InvalidInputException("template catalog " + url + " is unreachable and ref '" + ref
                        + "' is not cached: " + e.getMessage(), e.getCause());
            }
            warnings.add("template catalog " + url + " is unreachable (" + e.getMessage() + "); using the cached '"
                    + ref + "' at commit " + cached.abbreviate(12).name());
            return cached;
        }
        return resolve(repo, url, ref);
    }

    /** Resolves like git does: a full ref name, then a tag, then a branch; or a commit id. */
    static ObjectId resolve(Repository repo, String url, String ref) throws IOException {
        List<String> candidates = DEFAULT_REF.equals(ref)
                ? List.of(GitCatalogCache.REMOTE_HEAD)
                : List.of(ref, Constants.R_TAGS + ref, Constants.R_HEADS + ref);
        for (String candidate : candidates) {
            Ref found = candidate.startsWith(Constants.R_REFS) ? repo.exactRef(candidate) : null;
            if (found != null && found.getObjectId() != null) {
                return peel(repo, found.getObjectId(), url, ref);
            }
        }
        if (FULL_ID.matcher(ref).matches() && repo.getObjectDatabase().has(ObjectId.fromString(ref))) {
            return peel(repo, ObjectId.fromString(ref), url, ref);
        }
        return null;
    }

    private static ObjectId peel(Repository repo, ObjectId id, String url, String ref) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(id).getId();
        } catch (IncorrectObjectTypeException | MissingObjectException e) {
            throw new InvalidInputException("ref '" + ref + "' of template catalog " + url + " does not name a commit");
        }
    }

    private static List<String> refNames(Repository repo) throws IOException {
        List<String> names = new ArrayList<>();
        for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
            names.add(Repository.shortenRefName(ref.getName()));
        }
        for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
            names.add(Repository.shortenRefName(ref.getName()));
        }
        return names;
    }

    /** Reads the "type/file" blobs of the commit's tree; hidden and deeper folders are never entered. */
    private static Map<String, String> read(Repository repo, ObjectId commitId, String describe)
            throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            RevCommit commit = walk.parseCommit(commitId);
            tree.addTree(commit.getTree());
            tree.setRecursive(false);
            while (tree.next()) {
                if (tree.isSubtree()) {
                    if (tree.getDepth() == 0 && !tree.getNameString().startsWith(".")) {
                        tree.enterSubtree();
                    }
                } else if (tree.getDepth() == 1 && isFile(tree.getFileMode(0))) {
                    byte[] content = repo.open(tree.getObjectId(0)).getBytes();
                    files.put(tree.getPathString(), CatalogText.decode(content, describe + " " + tree.getPathString()));
                }
            }
        }
        return files;
    }

    private static boolean isFile(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }

    @Override
    public String describe() {
        return describe;
    }

    /** The resolved commit id, 40 hex digits. */
    @Override
    public String commit() {
        return snapshot.commit();
    }

    @Override
    public Optional<TemplatePackage> find(String name) {
        return snapshot.find(name);
    }

    @Override
    public List<String> names() {
        return snapshot.names();
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }
}
