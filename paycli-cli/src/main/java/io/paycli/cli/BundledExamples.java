package io.paycli.cli;

import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.PaycliException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The example apps that the build copies from examples/ into the jar, extracted to a temporary directory for
 * paycli demo, so that the demo needs no checkout of the repository. Closing deletes the copy.
 */
final class BundledExamples implements AutoCloseable {
    /** Where the build puts examples/ on the class path. */
    static final String RESOURCE = "io/paycli/cli/examples";

    private final TemporaryDirectory dir;

    private BundledExamples(TemporaryDirectory dir) {
        this.dir = dir;
    }

    /** Extracts the examples into a new temporary directory. */
    static BundledExamples extract() throws IOException {
        // A file rather than the directory: a jar need not hold entries for directories.
        URL marker = BundledExamples.class.getClassLoader().getResource(RESOURCE + "/web/paycli.yaml");
        if (marker == null) {
            throw new PaycliException(ExitCodes.INTERNAL, "this paycli was built without its examples ("
                    + RESOURCE + " is not on the class path)");
        }
        TemporaryDirectory target = new TemporaryDirectory("paycli-demo-examples");
        URI uri = toUri(marker);
        if (uri.getScheme().equals("jar")) {
            FileSystem jar;
            boolean opened = false;
            try {
                jar = FileSystems.newFileSystem(uri, Map.of());
                opened = true;
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(uri);
            }
            try {
                copy(jar.getPath("/" + RESOURCE), target.path());
            } finally {
                if (opened) {
                    jar.close();
                }
            }
        } else {
            copy(Path.of(uri).getParent().getParent(), target.path());
        }
        return new BundledExamples(target);
    }

    /** The directory of one example app, such as "web". */
    Path app(String type) {
        return dir.path().resolve(type);
    }

    private static URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url + " is not a URI", e);
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                // By name: the source may be inside the jar, a file system of another provider.
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    @Override
    public void close() {
        dir.close();
    }
}
