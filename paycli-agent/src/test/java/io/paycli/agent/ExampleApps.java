package io.paycli.agent;

import io.paycli.agent.bundle.BundleWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of the repository's example apps (examples/), to deploy and to change. */
public final class ExampleApps {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    private ExampleApps() {
    }

    public static Path copy(String type, Path target) {
        Path source = EXAMPLES.resolve(type);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of example {@code type} whose paycli.yaml names {@code app} instead of the example's campaign-web. */
    public static Path copyAs(String type, String app, Path target) {
        Path dir = copy(type, target);
        Path yaml = dir.resolve("paycli.yaml");
        try {
            Files.writeString(yaml, Files.readString(yaml).replace("app: campaign-web", "app: " + app));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** An app's directory packed as paycli agent submit packs it. */
    public static byte[] pack(Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BundleWriter().write(dir, out);
        return out.toByteArray();
    }
}
